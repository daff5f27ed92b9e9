// Shapes of the REST API's answers that the dashboard reads (snake_case, as on the wire).

/** A memory as the API returns it. */
export interface WireMemory {
  id: string;
  content: string;
  memory_type: string;
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  actor_id?: string;
  role?: string;
  importance_score: number;
  entities: string[];
  topics: string[];
  metadata: Record<string, unknown>;
  hash: string;
  created_at: string;
  updated_at: string;
  observed_at: string;
  valid_until?: string;
  superseded_by?: string;
  source: string[];
  context?: string;
}

/** A search hit. */
export interface WireScored extends WireMemory {
  score: number;
  score_parts: { vector: number; keyword: number; relevance: number; importance: number; recency: number };
}

/** One history row. */
export interface WireHistory {
  id: string;
  memory_id: string;
  event: string;
  old_content: string | null;
  new_content: string | null;
  actor_id?: string;
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  created_at: string;
}

/** A user or an agent with its count and last activity. */
export interface Owner {
  id: string;
  memories: number;
  last_activity: string | null;
}

/** `GET /insights`. */
export interface Insights {
  scope: { user_id?: string; agent_id?: string; run_id?: string };
  total: number;
  superseded: number;
  history_entries: number;
  by_type: Record<string, number>;
  users: Owner[];
  users_total: number;
  agents: Owner[];
  agents_total: number;
  growth: { day: string; created: number }[];
  created_before: number;
  importance: { from: number; to: number; count: number }[];
  store_size_bytes: number | null;
  recent: WireHistory[];
}

/** The six memory types. */
export const MEMORY_TYPES = ["conversational", "procedural", "factual", "semantic", "episodic", "personal"] as const;
