import { date, historyEvent, json, memoryType, nullableText, real, text, texts } from "./field-codecs.js";
import { field } from "./field-spec.js";
import type { RecordOf, WireOf } from "./field-spec.js";

const emptyList = (): string[] => [];

/**
 * The fields of a memory, defined once. The `Memory` type, its wire form (`memoryToWire`), the
 * SQLite row mapping, DDL columns and column lists, and the Qdrant payload are all derived from
 * this list: a new field is one line here (plus an `ADDED_COLUMNS` entry in
 * `store/sqlite/schema.ts` so older files get the column). Order is the wire's key order.
 */
export const MEMORY_FIELDS = [
  field("id", text, { immutable: true, unique: true }),
  field("content", text),
  field("memoryType", memoryType, { indexed: true }),
  field("userId", text, { optional: true, indexed: "tenant" }),
  field("agentId", text, { optional: true, indexed: true }),
  field("runId", text, { optional: true, indexed: true }),
  field("actorId", text, { optional: true }),
  field("role", text, { optional: true }),
  field("importance", real, { wire: "importance_score", indexed: true }),
  field("entities", texts, { wireDefault: emptyList }),
  field("topics", texts, { wireDefault: emptyList }),
  field("metadata", json, { wireDefault: () => ({}) }),
  field("hash", text, { indexed: true }),
  field("createdAt", date, { immutable: true, indexed: true }),
  field("updatedAt", date),
  /** When it was said (the message timestamp); an older wire record without it was said when created. */
  field("observedAt", date, { wireDefault: (w) => w.created_at, indexed: true }),
  field("validUntil", date, { optional: true }),
  field("supersededBy", text, { optional: true }),
  field("source", texts, { wireDefault: emptyList }),
  /** The neighbouring messages it was said between, kept for retrieval (indexed, never shown as content). */
  field("context", text, { optional: true }),
  /**
   * When it stops being returned (absent: never; `null` on the wire). An expired memory is kept until
   * `expire()` or the optimizer's space strategy removes it, and is read only with `includeExpired`.
   */
  field("expiresAt", date, { optional: true, wireNull: true, indexed: true }),
] as const;

/** One of {@link MEMORY_FIELDS}. */
export type MemoryField = (typeof MEMORY_FIELDS)[number];

/** A memory's own fields, as {@link MEMORY_FIELDS} defines them (the `Memory` type). */
export type MemoryRecord = RecordOf<MemoryField>;

/** A memory on the wire, as {@link MEMORY_FIELDS} defines it (the `WireMemory` type). */
export type WireMemoryRecord = WireOf<MemoryField>;

/**
 * The fields of a history row: the wire's `created_at` is the store's `at`. Content is present
 * but null where there is none (the new content of a DELETE).
 */
export const HISTORY_FIELDS = [
  field("id", text, { immutable: true, unique: true }),
  field("memoryId", text, { indexed: true }),
  field("event", historyEvent),
  field("oldContent", nullableText),
  field("newContent", nullableText),
  field("actorId", text, { optional: true }),
  field("userId", text, { optional: true, indexed: true }),
  field("agentId", text, { optional: true, indexed: true }),
  field("runId", text, { optional: true, indexed: true }),
  /** The job that made the change (async add, expiry sweep, optimizer), for undo and audit. */
  field("jobId", text, { optional: true }),
  /**
   * Why a job made the change (the optimizer's reason for its action), or, for a direct update, what it
   * changed besides the content (`importance_score 0.5 → 0.8`); absent for other direct writes.
   */
  field("reason", text, { optional: true }),
  field("at", date, { wire: "created_at", immutable: true }),
] as const;

/** One of {@link HISTORY_FIELDS}. */
export type HistoryField = (typeof HISTORY_FIELDS)[number];

/** A history row's fields (the `HistoryEntry` type). */
export type HistoryRecord = RecordOf<HistoryField>;

/** A history row on the wire (the `WireHistoryEntry` type). */
export type WireHistoryRecord = WireOf<HistoryField>;
