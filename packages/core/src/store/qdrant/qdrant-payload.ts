import { CortexMemError, ErrorCode } from "../../errors.js";
import { payloadSchema, recordFromPayload, recordToPayload } from "../../fields/field-mapping.js";
import { HISTORY_FIELDS, MEMORY_FIELDS } from "../../fields/memory-fields.js";
import type { HistoryEntry, Memory } from "../../types/memory.js";
import { sortKey } from "./point-id.js";

/**
 * The payload of a memory point: a key per field of `MEMORY_FIELDS` (absent optional fields are
 * null so an overwrite clears them; dates in ms; metadata as an object and as `metadata_json`),
 * plus helper fields for filters and ordering: lowercased `entities_lc` / `topics_lc` (topic and
 * entity filters are case-insensitive), `superseded`, and `sort_key`.
 */
export type MemoryPayload = Record<string, unknown> & {
  id: string;
  sort_key: number;
  superseded: boolean;
  entities_lc: string[];
  topics_lc: string[];
};

/** Built on first use: only a Qdrant store reads payloads, and a cold process pays for each zod schema built. */
let memoryPayloadSchema: ReturnType<typeof payloadSchema> | undefined;

/** Memory → point payload. */
export function memoryToPayload(m: Memory): MemoryPayload {
  return {
    ...(recordToPayload(MEMORY_FIELDS, m) as { id: string }),
    entities_lc: m.entities.map((e) => e.toLowerCase()),
    topics_lc: m.topics.map((t) => t.toLowerCase()),
    superseded: m.supersededBy !== undefined,
    sort_key: sortKey(m.createdAt, m.id),
  };
}

/** Point payload → memory; a payload that is not ours is a `STORE` error (a foreign collection). */
export function payloadToMemory(payload: unknown): Memory {
  const parsed = (memoryPayloadSchema ??= payloadSchema(MEMORY_FIELDS)).safeParse(payload);
  if (!parsed.success) {
    throw new CortexMemError(
      ErrorCode.STORE,
      "A point of the Qdrant collection is not a cortex-mem memory; point qdrant.collection at a collection of its own",
      { cause: parsed.error },
    );
  }
  return recordFromPayload(MEMORY_FIELDS, payload as Record<string, unknown>) as Memory;
}

/**
 * The payload of a history point: a key per field of `HISTORY_FIELDS` (nulls for absent parts,
 * `at` in ms) plus its sequence number.
 */
export type HistoryPayload = Record<string, unknown> & { id: string; memory_id: string; at: number; seq: number };

/** History entry → point payload. */
export function historyToPayload(h: HistoryEntry, seq: number): HistoryPayload {
  return { ...recordToPayload(HISTORY_FIELDS, h), seq } as HistoryPayload;
}

/** Point payload → history entry. */
export function payloadToHistory(payload: unknown): HistoryEntry {
  return recordFromPayload(HISTORY_FIELDS, payload as Record<string, unknown>) as HistoryEntry;
}
