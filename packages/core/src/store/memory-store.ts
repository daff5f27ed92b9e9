import type { HistoryEntry, Memory, MemoryPage, MemoryStats, Scope } from "../types/memory.js";
import type { MemoryType } from "../types/memory.js";
import type { MemoryInsights, ResolvedInsightsOptions } from "../insights/insights-types.js";
import type { JobStepMark } from "../jobs/job-types.js";
import type { StoreProbeOptions, StoreProbeResult } from "./store-probe.js";

/** Filters after parsing: dates are Dates. Every part is ANDed with the scope. */
export interface StoreFilters {
  memoryTypes?: MemoryType[];
  minImportance?: number;
  maxImportance?: number;
  createdAfter?: Date;
  createdBefore?: Date;
  observedAfter?: Date;
  observedBefore?: Date;
  topics?: string[];
  entities?: string[];
  /** Only memories said by this actor (exact `actorId`). */
  actorId?: string;
  metadata?: Record<string, string | number | boolean | null>;
  includeSuperseded?: boolean;
  /** Only memories not expired at this instant (`expiresAt` absent or later). The engine sets it unless `includeExpired`. */
  liveAt?: Date;
  /** Only memories expired at this instant (`expiresAt` at or before it): what `expire()` removes. */
  expiredAt?: Date;
}

/** A read's reach: the scope (hard filter; empty means everything) and the filters. */
export interface StoreQuery {
  scope: Scope;
  filters: StoreFilters;
  /**
   * Keyword search only: also credit the memories said just before and after each match, in the
   * same user, agent and run (context for turns added one at a time). Stores that keep memories in
   * time order honour it (SQLite); others search the words alone (Qdrant).
   */
  neighbourContext?: boolean;
  /** The search's one look at the store's state, shared with its other reads ({@link ReadLook}). */
  look?: ReadLook;
}

/**
 * One look at the store's state shared by the reads of one search (its vector and keyword
 * candidates, then the memories it shows): the first read through it notes what the store held
 * (SQLite: the newest change-log position, which costs a read transaction), and the later reads
 * trust that note instead of looking again. Make a new, empty one for every search and never keep
 * it: a look is taken after its search began, so every write finished before the search is seen.
 * Stores without such a look (Qdrant) ignore it.
 */
export interface ReadLook {
  /** What the store saw on the first read through this look; set by the store, opaque to callers. */
  seen?: number;
}

/**
 * One candidate of a retriever with its raw score (cosine for vectors, positive BM25 for keywords)
 * and the memory's ranking inputs, so the engine ranks first and loads only the memories it shows.
 */
export interface StoreHit {
  id: string;
  score: number;
  /** The memory's importance (0..1). */
  importance: number;
  /** When the memory was said, epoch milliseconds. */
  observedAt: number;
}

/**
 * One write of a transaction. Vectors travel with inserts and content changes. The conditions are
 * checked inside the store's write transaction, so they hold across processes:
 * - `ifVersion` (update, delete): the memory must still be at one of these versions
 *   ({@link memoryVersion}), else the whole transaction fails with `CONFLICT`;
 * - `unlessDuplicate` (insert): when a live memory of exactly the same scope has the same hash, the
 *   insert is skipped together with its history rows and a supersede pointing at it, and reported
 *   in {@link ApplyResult.duplicates}.
 */
export type StoreWrite =
  | { op: "insert"; memory: Memory; vector: Float32Array; unlessDuplicate?: boolean }
  | { op: "update"; memory: Memory; vector?: Float32Array; ifVersion?: readonly string[] }
  | { op: "delete"; id: string; ifVersion?: readonly string[] };

/** What a transaction did besides what it was asked: inserts skipped as exact duplicates. */
export interface ApplyResult {
  /** `id` is the skipped insert's id, `existingId` the live memory with the same hash and scope. */
  duplicates: { id: string; existingId: string }[];
}

/** Extras of one {@link MemoryStore.apply}. */
export interface ApplyOptions {
  /**
   * A job step the write belongs to. Stores that can (SQLite) record it in the same transaction
   * and refuse with `CONFLICT` (details `stepApplied: true`) when it was recorded before; others
   * ignore it and the job runner records the step right after the write.
   */
  step?: JobStepMark;
  /**
   * Computes the step's recorded result from what the transaction did (after its duplicate check),
   * in place of `step.result`, so a resumed job never sees an insert the transaction skipped.
   */
  stepResult?: (applied: ApplyResult) => unknown;
}

/** A memory with everything needed to move it between stores losslessly. */
export interface ExportRecord {
  memory: Memory;
  vector: Float32Array | null;
  history: HistoryEntry[];
}

/** Opening and closing a store. */
export interface StoreLifecycle {
  /** Short name for logs and `doctor`, e.g. `sqlite`. */
  readonly kind: string;
  /**
   * Prepares the store for vectors of `dimensions`; a store holding another dimension throws
   * `CONFIG` unless `reembed` switches it over.
   */
  init(options: { dimensions: number; embedder: string; reembed?: boolean }): Promise<void>;
  close(): Promise<void>;
  /**
   * Checks the store the way its users will need it, without changing it: reachable or openable,
   * a layout this build reads, writable, and (with `expect`) free of another embedder's vectors.
   * Works before `init`; never throws. Optional: `probeStore` counts memories for a store without it.
   */
  probe?(options?: StoreProbeOptions): Promise<StoreProbeResult>;
}

/** Writes: memories and history rows in one transaction, with conditions checked inside it. */
export interface StoreWriter {
  /**
   * Applies writes and history rows atomically: all or nothing. Checks the writes' conditions and
   * that the store still belongs to this handle's embedder (`CONFIG` after a `reembed` elsewhere
   * changed it) inside the same transaction.
   */
  apply(writes: StoreWrite[], history: HistoryEntry[], options?: ApplyOptions): Promise<ApplyResult>;
  /** Removes every memory and history row. */
  reset(): Promise<void>;
}

/** Reads of memories by id, hash, page and scope, and counts. */
export interface StoreReader {
  get(id: string): Promise<Memory | null>;
  /**
   * The memories of these ids that exist, in the order asked; new objects the caller may change.
   * `look`: the search these reads belong to ({@link ReadLook}).
   */
  getMany(ids: string[], look?: ReadLook): Promise<Memory[]>;
  /** Memories of exactly this scope with one of these content hashes (dedup). */
  findByHash(scope: Scope, hashes: string[]): Promise<Memory[]>;
  list(query: StoreQuery, page: { limit: number; cursor?: string }): Promise<MemoryPage>;
  /** Ids of every memory in the scope (for delete-all with history). */
  ids(query: StoreQuery): Promise<string[]>;
  stats(scope: Scope): Promise<MemoryStats>;
  /** Dashboard aggregates by the store's own queries; without it core makes one pass over `list`. */
  insights?(scope: Scope, options: ResolvedInsightsOptions): Promise<MemoryInsights>;
  /** Number of memories (all scopes) — for health and metrics. */
  count(): Promise<number>;
}

/** Retrieval: candidates best first, each with its ranking inputs ({@link StoreHit}). */
export interface StoreRetriever {
  /** Nearest memories by cosine similarity, best first. */
  vectorSearch(vector: Float32Array, query: StoreQuery, limit: number): Promise<StoreHit[]>;
  /**
   * Best BM25 matches for the words of `text` (the shared tokenizer, `indexing/`), best first;
   * query syntax in `text` is never interpreted.
   */
  keywordSearch(text: string, query: StoreQuery, limit: number): Promise<StoreHit[]>;
}

/** History: the rows of a memory, and those of memories that no longer exist. */
export interface StoreHistory {
  history(memoryId: string): Promise<HistoryEntry[]>;
  /** History rows of memories that no longer exist, in the scope (exported so deletes survive a round trip). */
  orphanHistory(scope: Scope): Promise<HistoryEntry[]>;
}

/** Moving memories in and out whole (export/import), and re-embedding them. */
export interface StoreTransfer {
  /** Streams every memory in the scope with its vector and history, oldest first. */
  exportAll(scope: Scope): AsyncIterable<ExportRecord>;
  /**
   * Writes records as they are (ids, dates, history) plus history rows of deleted memories;
   * existing ids are left untouched. Returns how many memories were new.
   */
  importRecords(records: ExportRecord[], orphanHistory?: HistoryEntry[]): Promise<number>;
  /** Memories whose vector is missing or of another embedder (for `reembed`), up to `limit`. */
  staleVectors(embedder: string, limit: number): Promise<Memory[]>;
  /** Replaces vectors without touching history (for `reembed`). */
  setVectors(items: { id: string; vector: Float32Array }[], embedder: string): Promise<void>;
}

/**
 * The storage port: records, vectors, keyword index and history, all scoped — the roles above
 * together. Each call is one transaction; implementations must be safe with several processes on
 * one store. A consumer that needs only some roles takes only those (the add pipeline takes
 * reads, retrieval and writes).
 */
export interface MemoryStore
  extends StoreLifecycle, StoreWriter, StoreReader, StoreRetriever, StoreHistory, StoreTransfer {}
