import type {
  AddResult,
  AddResultItem,
  HistoryEntry,
  Memory,
  MemoryPage,
  MemoryStats,
  ScoredMemory,
} from "../types/memory.js";
import { MEMORY_TYPES } from "../types/memory.js";
import type { MemoryType } from "../types/memory.js";

/** A memory as REST, MCP and `--json` show it: snake_case, RFC 3339 dates. */
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
  /** When it stops being returned (RFC 3339); null: never. Absent only in files written before expiry existed. */
  expires_at?: string | null;
}

/** A search hit on the wire: the memory, its score and the parts of the score. */
export interface WireScoredMemory extends WireMemory {
  score: number;
  score_parts: { vector: number; keyword: number; relevance: number; importance: number; recency: number };
}

/** A history row on the wire. */
export interface WireHistoryEntry {
  id: string;
  memory_id: string;
  event: string;
  old_content: string | null;
  new_content: string | null;
  actor_id?: string;
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  job_id?: string;
  reason?: string;
  created_at: string;
}

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** Library memory → wire memory. */
export function memoryToWire(m: Memory): WireMemory {
  return {
    id: m.id,
    content: m.content,
    memory_type: m.memoryType,
    ...optional("user_id", m.userId),
    ...optional("agent_id", m.agentId),
    ...optional("run_id", m.runId),
    ...optional("actor_id", m.actorId),
    ...optional("role", m.role),
    importance_score: m.importance,
    entities: m.entities,
    topics: m.topics,
    metadata: m.metadata,
    hash: m.hash,
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
    observed_at: m.observedAt.toISOString(),
    ...optional("valid_until", m.validUntil?.toISOString()),
    ...optional("superseded_by", m.supersededBy),
    source: m.source,
    ...optional("context", m.context),
    expires_at: m.expiresAt?.toISOString() ?? null,
  };
}

/** Wire memory → library memory (used by import and by clients of the REST service). */
export function memoryFromWire(w: WireMemory): Memory {
  const type = w.memory_type.toLowerCase();
  return {
    id: w.id,
    content: w.content,
    memoryType: (MEMORY_TYPES as readonly string[]).includes(type) ? (type as MemoryType) : "factual",
    ...optional("userId", w.user_id),
    ...optional("agentId", w.agent_id),
    ...optional("runId", w.run_id),
    ...optional("actorId", w.actor_id),
    ...optional("role", w.role),
    importance: w.importance_score,
    entities: w.entities ?? [],
    topics: w.topics ?? [],
    metadata: w.metadata ?? {},
    hash: w.hash,
    createdAt: new Date(w.created_at),
    updatedAt: new Date(w.updated_at),
    observedAt: new Date(w.observed_at ?? w.created_at),
    ...optional("validUntil", w.valid_until === undefined ? undefined : new Date(w.valid_until)),
    ...optional("supersededBy", w.superseded_by),
    source: w.source ?? [],
    ...optional("context", w.context),
    ...optional("expiresAt", w.expires_at === undefined || w.expires_at === null ? undefined : new Date(w.expires_at)),
  };
}

/** Library search hit → wire. */
export function scoredToWire(m: ScoredMemory): WireScoredMemory {
  const { score, scoreParts, ...memory } = m;
  return { ...memoryToWire(memory), score, score_parts: { ...scoreParts } };
}

/** Library history row → wire. */
export function historyToWire(h: HistoryEntry): WireHistoryEntry {
  return {
    id: h.id,
    memory_id: h.memoryId,
    event: h.event,
    old_content: h.oldContent,
    new_content: h.newContent,
    ...optional("actor_id", h.actorId),
    ...optional("user_id", h.userId),
    ...optional("agent_id", h.agentId),
    ...optional("run_id", h.runId),
    ...optional("job_id", h.jobId),
    ...optional("reason", h.reason),
    created_at: h.at.toISOString(),
  };
}

/** Wire history row → library. */
export function historyFromWire(w: WireHistoryEntry): HistoryEntry {
  return {
    id: w.id,
    memoryId: w.memory_id,
    event: w.event as HistoryEntry["event"],
    oldContent: w.old_content,
    newContent: w.new_content,
    ...optional("actorId", w.actor_id),
    ...optional("userId", w.user_id),
    ...optional("agentId", w.agent_id),
    ...optional("runId", w.run_id),
    ...optional("jobId", w.job_id),
    ...optional("reason", w.reason),
    at: new Date(w.created_at),
  };
}

/** One fact's outcome on the wire. */
export function addItemToWire(item: AddResultItem): Record<string, unknown> {
  return {
    id: item.id,
    memory: item.memory,
    event: item.event,
    memory_type: item.memoryType,
    ...optional("previous_memory", item.previousMemory),
  };
}

/** An add result on the wire: `{results: [...]}` as mem0 and the Rust service return. */
export function addResultToWire(result: AddResult): { results: Record<string, unknown>[] } {
  return { results: result.results.map(addItemToWire) };
}

/** A page of memories on the wire. */
export function pageToWire(page: MemoryPage): { memories: WireMemory[]; next_cursor: string | null; count: number } {
  return { memories: page.memories.map(memoryToWire), next_cursor: page.nextCursor, count: page.memories.length };
}

/** Stats on the wire. */
export function statsToWire(s: MemoryStats): Record<string, unknown> {
  return {
    total: s.total,
    superseded: s.superseded,
    by_type: s.byType,
    by_user: s.byUser,
    by_agent: s.byAgent,
    history_entries: s.historyEntries,
  };
}
