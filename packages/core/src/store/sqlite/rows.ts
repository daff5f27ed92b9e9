import type { HistoryEntry, Memory, MemoryType } from "../../types/memory.js";
import { historyFromWire, historyToWire } from "../../wire/memory-wire.js";
import type { WireHistoryEntry } from "../../wire/memory-wire.js";

/** A `memories` row as SQLite returns it. */
export interface MemoryRow {
  rid: number;
  id: string;
  content: string;
  memory_type: string;
  user_id: string | null;
  agent_id: string | null;
  run_id: string | null;
  actor_id: string | null;
  role: string | null;
  importance: number;
  entities: string;
  topics: string;
  metadata: string;
  hash: string;
  created_at: number;
  updated_at: number;
  observed_at: number;
  valid_until: number | null;
  superseded_by: string | null;
  source: string;
  context: string | null;
  expires_at: number | null;
}

/** A `history` row as SQLite returns it. */
export interface HistoryRow {
  id: string;
  memory_id: string;
  event: string;
  old_content: string | null;
  new_content: string | null;
  actor_id: string | null;
  user_id: string | null;
  agent_id: string | null;
  run_id: string | null;
  job_id: string | null;
  reason: string | null;
  at: number;
}

/** Columns read for a memory (never the vector). */
export const MEMORY_COLUMNS =
  "m.rid, m.id, m.content, m.memory_type, m.user_id, m.agent_id, m.run_id, m.actor_id, m.role, m.importance, m.entities, m.topics, m.metadata, m.hash, m.created_at, m.updated_at, m.observed_at, m.valid_until, m.superseded_by, m.source, m.context, m.expires_at";

const opt = <T>(key: string, value: T | null): Record<string, T> => (value === null ? {} : { [key]: value });

/** Row → memory. */
export function rowToMemory(r: MemoryRow): Memory {
  return {
    id: r.id,
    content: r.content,
    memoryType: r.memory_type as MemoryType,
    ...opt("userId", r.user_id),
    ...opt("agentId", r.agent_id),
    ...opt("runId", r.run_id),
    ...opt("actorId", r.actor_id),
    ...opt("role", r.role),
    importance: r.importance,
    entities: JSON.parse(r.entities) as string[],
    topics: JSON.parse(r.topics) as string[],
    metadata: JSON.parse(r.metadata) as Record<string, unknown>,
    hash: r.hash,
    createdAt: new Date(r.created_at),
    updatedAt: new Date(r.updated_at),
    observedAt: new Date(r.observed_at),
    ...opt("validUntil", r.valid_until === null ? null : new Date(r.valid_until)),
    ...opt("supersededBy", r.superseded_by),
    source: JSON.parse(r.source) as string[],
    ...opt("context", r.context),
    ...opt("expiresAt", r.expires_at === null ? null : new Date(r.expires_at)),
  };
}

/** Memory → named parameters of the insert/update statements. */
export function memoryToParams(m: Memory): Record<string, unknown> {
  return {
    id: m.id,
    content: m.content,
    memory_type: m.memoryType,
    user_id: m.userId ?? null,
    agent_id: m.agentId ?? null,
    run_id: m.runId ?? null,
    actor_id: m.actorId ?? null,
    role: m.role ?? null,
    importance: m.importance,
    entities: JSON.stringify(m.entities),
    topics: JSON.stringify(m.topics),
    metadata: JSON.stringify(m.metadata),
    hash: m.hash,
    created_at: m.createdAt.getTime(),
    updated_at: m.updatedAt.getTime(),
    observed_at: m.observedAt.getTime(),
    valid_until: m.validUntil?.getTime() ?? null,
    superseded_by: m.supersededBy ?? null,
    source: JSON.stringify(m.source),
    context: m.context ?? null,
    expires_at: m.expiresAt?.getTime() ?? null,
  };
}

/** Text the keyword index sees besides the content: who said it, entities, topics and the surrounding messages. */
export function searchTags(m: {
  actorId?: string | null;
  entities: string[];
  topics: string[];
  context?: string | null;
}): string {
  return [...(m.actorId ? [m.actorId] : []), ...m.entities, ...m.topics, ...(m.context ? [m.context] : [])].join(" ");
}

/** History row → entry (the row is the wire shape with `at` in milliseconds; nulls mean absent). */
export function rowToHistory(r: HistoryRow): HistoryEntry {
  const present = Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null)) as unknown as WireHistoryEntry;
  return historyFromWire({
    ...present,
    old_content: r.old_content,
    new_content: r.new_content,
    created_at: new Date(r.at).toISOString(),
  });
}

/** Entry → named parameters of the history insert. */
export function historyToParams(h: HistoryEntry): Record<string, unknown> {
  const { created_at, ...wire } = historyToWire(h);
  return {
    actor_id: null,
    user_id: null,
    agent_id: null,
    run_id: null,
    job_id: null,
    reason: null,
    ...wire,
    at: Date.parse(created_at),
  };
}

/** Float32 vector → BLOB (a copy of its bytes). */
export function vectorToBlob(v: Float32Array): Buffer {
  return Buffer.from(v.buffer.slice(v.byteOffset, v.byteOffset + v.byteLength));
}

/** BLOB → Float32 vector (copied, so alignment is always right). */
export function blobToVector(b: Buffer): Float32Array {
  const copy = new Uint8Array(b.byteLength);
  copy.set(b);
  return new Float32Array(copy.buffer);
}
