import { z } from "zod";
import { CortexMemError, ErrorCode } from "../../errors.js";
import type { HistoryEntry, Memory, MemoryType } from "../../types/memory.js";
import { historyToParams, rowToHistory } from "../sqlite/rows.js";
import type { HistoryRow } from "../sqlite/rows.js";
import { sortKey } from "./point-id.js";

/** The payload of a memory point. Absent optional fields are null so an overwrite clears them. */
export interface MemoryPayload {
  id: string;
  content: string;
  memory_type: string;
  user_id: string | null;
  agent_id: string | null;
  run_id: string | null;
  actor_id: string | null;
  role: string | null;
  importance: number;
  entities: string[];
  topics: string[];
  /** Lowercased copies, indexed: topic and entity filters are case-insensitive. */
  entities_lc: string[];
  topics_lc: string[];
  /** The metadata as an object (filters reach into it) and as its exact JSON text (what is returned). */
  metadata: Record<string, unknown>;
  metadata_json: string;
  hash: string;
  created_at: number;
  updated_at: number;
  observed_at: number;
  valid_until: number | null;
  superseded_by: string | null;
  superseded: boolean;
  source: string[];
  context: string | null;
  /** Epoch ms; null: never (range filters hide expired points). */
  expires_at: number | null;
  sort_key: number;
}

const nullableString = z.string().nullish();
const memoryPayloadSchema = z.object({
  id: z.string(),
  content: z.string(),
  memory_type: z.string(),
  user_id: nullableString,
  agent_id: nullableString,
  run_id: nullableString,
  actor_id: nullableString,
  role: nullableString,
  importance: z.number(),
  entities: z.array(z.string()),
  topics: z.array(z.string()),
  metadata_json: z.string(),
  hash: z.string(),
  created_at: z.number(),
  updated_at: z.number(),
  observed_at: z.number(),
  valid_until: z.number().nullish(),
  superseded_by: nullableString,
  source: z.array(z.string()),
  context: nullableString,
  expires_at: z.number().nullish(),
});

/** Memory → point payload. */
export function memoryToPayload(m: Memory): MemoryPayload {
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
    entities: m.entities,
    topics: m.topics,
    entities_lc: m.entities.map((e) => e.toLowerCase()),
    topics_lc: m.topics.map((t) => t.toLowerCase()),
    metadata: m.metadata,
    metadata_json: JSON.stringify(m.metadata),
    hash: m.hash,
    created_at: m.createdAt.getTime(),
    updated_at: m.updatedAt.getTime(),
    observed_at: m.observedAt.getTime(),
    valid_until: m.validUntil?.getTime() ?? null,
    superseded_by: m.supersededBy ?? null,
    superseded: m.supersededBy !== undefined,
    source: m.source,
    context: m.context ?? null,
    expires_at: m.expiresAt?.getTime() ?? null,
    sort_key: sortKey(m.createdAt, m.id),
  };
}

const opt = <T>(key: string, value: T | null | undefined): Record<string, T> =>
  value === null || value === undefined ? {} : { [key]: value };

/** Point payload → memory; a payload that is not ours is a `STORE` error (a foreign collection). */
export function payloadToMemory(payload: unknown): Memory {
  const parsed = memoryPayloadSchema.safeParse(payload);
  if (!parsed.success) {
    throw new CortexMemError(
      ErrorCode.STORE,
      "A point of the Qdrant collection is not a cortex-mem memory; point qdrant.collection at a collection of its own",
      { cause: parsed.error },
    );
  }
  const p = parsed.data;
  return {
    id: p.id,
    content: p.content,
    memoryType: p.memory_type as MemoryType,
    ...opt("userId", p.user_id),
    ...opt("agentId", p.agent_id),
    ...opt("runId", p.run_id),
    ...opt("actorId", p.actor_id),
    ...opt("role", p.role),
    importance: p.importance,
    entities: p.entities,
    topics: p.topics,
    metadata: JSON.parse(p.metadata_json) as Record<string, unknown>,
    hash: p.hash,
    createdAt: new Date(p.created_at),
    updatedAt: new Date(p.updated_at),
    observedAt: new Date(p.observed_at),
    ...opt("validUntil", p.valid_until === null || p.valid_until === undefined ? null : new Date(p.valid_until)),
    ...opt("supersededBy", p.superseded_by),
    source: p.source,
    ...opt("context", p.context),
    ...opt("expiresAt", p.expires_at === null || p.expires_at === undefined ? null : new Date(p.expires_at)),
  };
}

/** The payload of a history point: the SQLite row shape (nulls for absent parts, `at` in ms) plus its sequence number. */
export type HistoryPayload = HistoryRow & { seq: number };

/** History entry → point payload. */
export function historyToPayload(h: HistoryEntry, seq: number): HistoryPayload {
  return { ...(historyToParams(h) as unknown as HistoryRow), seq };
}

/** Point payload → history entry. */
export function payloadToHistory(payload: unknown): HistoryEntry {
  const { seq: _seq, ...row } = payload as HistoryPayload;
  return rowToHistory(row);
}
