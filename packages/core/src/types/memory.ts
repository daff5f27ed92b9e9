import { z } from "zod";

/** The six kinds of memory; input is case-insensitive, output always lowercase. */
export const MEMORY_TYPES = ["conversational", "procedural", "factual", "semantic", "episodic", "personal"] as const;

/** One of {@link MEMORY_TYPES}. */
export type MemoryType = (typeof MEMORY_TYPES)[number];

/** Accepts any casing of a memory type and yields the lowercase form. */
export const memoryTypeSchema = z.preprocess(
  (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
  z.enum(MEMORY_TYPES, { error: () => `expected one of ${MEMORY_TYPES.join(", ")}` }),
);

const idPart = z.string().trim().min(1).max(256);

/** Who a memory belongs to. At least one part is required on every write and read. */
export const scopeSchema = z.object({
  userId: idPart.optional(),
  agentId: idPart.optional(),
  runId: idPart.optional(),
});

/** Who a memory belongs to: a user, an agent, a run, or a combination. */
export type Scope = z.infer<typeof scopeSchema>;

/** The events of the add pipeline; history rows use all but NONE. */
export const MEMORY_EVENTS = ["ADD", "UPDATE", "SUPERSEDE", "DELETE", "NONE"] as const;

/** One of {@link MEMORY_EVENTS}. */
export type MemoryEvent = (typeof MEMORY_EVENTS)[number];

/** The events of history rows: the add pipeline's (but NONE), and EXPIRE when an expired memory is cleaned. */
export const HISTORY_EVENTS = ["ADD", "UPDATE", "SUPERSEDE", "DELETE", "EXPIRE"] as const;

/** One of {@link HISTORY_EVENTS}. */
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** A free JSON object, returned exactly as given. */
export type Metadata = Record<string, unknown>;

/** A remembered fact with its scope, classification, provenance and validity. */
export interface Memory extends Scope {
  id: string;
  content: string;
  memoryType: MemoryType;
  actorId?: string;
  role?: string;
  importance: number;
  entities: string[];
  topics: string[];
  metadata: Metadata;
  hash: string;
  createdAt: Date;
  updatedAt: Date;
  observedAt: Date;
  validUntil?: Date;
  supersededBy?: string;
  /**
   * When it stops being returned (absent: never). An expired memory is kept until `expire()` or
   * the optimizer's space strategy removes it, and is read only with `includeExpired`.
   */
  expiresAt?: Date;
  source: string[];
  /** The neighbouring messages it was said between, kept for retrieval (indexed, never shown as content). */
  context?: string;
}

/** A memory with the score of a search and the parts it was made of. */
export interface ScoredMemory extends Memory {
  score: number;
  scoreParts: ScoreParts;
}

/** How a search score was made: relevance from the two retrievers, then importance and recency. */
export interface ScoreParts {
  vector: number;
  keyword: number;
  relevance: number;
  importance: number;
  recency: number;
}

/** One appended row of a memory's history; deletes leave their row behind. */
export interface HistoryEntry extends Scope {
  id: string;
  memoryId: string;
  event: HistoryEvent;
  oldContent: string | null;
  newContent: string | null;
  actorId?: string;
  /** The job that made the change (async add, expiry sweep, optimizer), for undo and audit. */
  jobId?: string;
  /**
   * Why a job made the change (the optimizer's reason for its action), or, for a direct update, what it
   * changed besides the content (`importance_score 0.5 → 0.8`); absent for other direct writes.
   */
  reason?: string;
  at: Date;
}

/** What happened to one fact of an `add`. */
export interface AddResultItem {
  id: string;
  memory: string;
  event: MemoryEvent;
  memoryType: MemoryType;
  previousMemory?: string;
}

/** The outcome of an `add`: one item per fact considered. */
export interface AddResult {
  results: AddResultItem[];
}

/** Counts for a scope (or for everything): totals by type, user and agent. */
export interface MemoryStats {
  total: number;
  superseded: number;
  byType: Record<string, number>;
  byUser: Record<string, number>;
  byAgent: Record<string, number>;
  historyEntries: number;
}

/** A page of memories and the cursor for the next one, if any. */
export interface MemoryPage {
  memories: Memory[];
  nextCursor: string | null;
}
