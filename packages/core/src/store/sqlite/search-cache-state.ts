import type Database from "better-sqlite3";
import { KeywordPartition } from "./keyword-partition.js";
import { keywordDocOf, rowMetaOf } from "./keyword-restore.js";
import { blobToVector } from "./rows.js";
import type { CacheRow, Part } from "./search-cache-rows.js";
import { statementCache } from "./statements.js";
import { VectorPartition } from "./vector-partition.js";
import type { SearchCacheOptions } from "./search-cache-options.js";

/**
 * What the search cache holds, partitioned by user (key `""` for rows without one), and the
 * bookkeeping all its parts share: which partitions each part holds, where each row lives, the
 * changes since each partition's file was written, and the change-log position reached. Rows go
 * in and out only through {@link put} and {@link drop}, which keep all of it in step.
 */
export class CacheState {
  readonly o: SearchCacheOptions;
  readonly db: Database.Database;
  /** Prepared statements of this connection, by SQL text. */
  readonly sql: (sql: string) => Database.Statement;
  /** Vector partitions by user key. */
  readonly partitions = new Map<string, VectorPartition>();
  /** BM25 keyword partitions by user key. */
  readonly keywords = new Map<string, KeywordPartition>();
  /** The partition key of every row held, by rid. */
  readonly home = new Map<number, string>();
  /** Per partition, changes since its HNSW index was written or read. */
  readonly dirty = new Map<string, number>();
  /** Per keyword partition, changes since its file was written or read (Infinity: built from rows, not saved). */
  readonly keywordChanges = new Map<string, number>();
  /** Per part, the partitions whose rows are held; `all` once an unscoped search read every row. */
  readonly loaded: Record<Part, { keys: Set<string>; all: boolean }> = {
    keywords: { keys: new Set(), all: false },
    vectors: { keys: new Set(), all: false },
  };
  /** Per part, partitions being loaded in slices by `prepare`: changes replay into them already. */
  readonly partial: Record<Part, Set<string>> = { keywords: new Set(), vectors: new Set() };
  /** Bumped by every full reload: a sliced load or replay begun before it stops. */
  generation = 0;
  /** The last `change_log` entry the partitions reflect (-1: nothing read yet). */
  lastSeq = -1;

  constructor(db: Database.Database, options: SearchCacheOptions) {
    this.o = options;
    this.db = db;
    this.sql = statementCache(db);
  }

  /** The newest `change_log` position (0 when the log is empty). */
  headSeq(): number {
    return this.sql("SELECT COALESCE(MAX(seq), 0) FROM change_log").pluck().get() as number;
  }

  /** The oldest `change_log` position still kept (0 when the log is empty). */
  lowSeq(): number {
    return this.sql("SELECT COALESCE(MIN(seq), 0) FROM change_log").pluck().get() as number;
  }

  /** Forgets everything held: partitions load again, each on its first search. */
  reset(): void {
    this.partitions.clear();
    this.keywords.clear();
    this.home.clear();
    this.dirty.clear();
    this.keywordChanges.clear();
    for (const part of Object.values(this.loaded)) {
      part.keys.clear();
      part.all = false;
    }
    for (const partial of Object.values(this.partial)) partial.clear();
    this.generation += 1;
    this.lastSeq = this.headSeq();
  }

  /** True when this part of this partition is held (loaded, being loaded, or every partition is). */
  holds(part: Part, key: string): boolean {
    return this.loaded[part].all || this.loaded[part].keys.has(key) || this.partial[part].has(key);
  }

  /** Puts one row into the parts that hold its partition (or into `only`, while loading that part). */
  put(row: CacheRow, only?: Part): void {
    const key = row.user_id ?? "";
    const keywords = only ? only === "keywords" : this.holds("keywords", key);
    const vectors = only ? only === "vectors" : this.holds("vectors", key);
    if (!only) this.drop(row.rid);
    if (keywords) this.#putKeywords(key, row);
    if (vectors) this.#putVector(key, row);
  }

  /** Removes a row from whichever partition holds it (nothing when none does). */
  drop(rid: number): void {
    const key = this.home.get(rid);
    if (key === undefined) return;
    this.partitions.get(key)?.remove(rid);
    this.keywords.get(key)?.remove(rid);
    this.#keywordChanged(key);
    this.home.delete(rid);
    this.#touch(key);
  }

  /** Room in the keyword partition of `key` for `rows` more rows, before a load that knows its row count. */
  reserveKeywords(key: string, rows: number): void {
    if (rows === 0) return;
    let keywords = this.keywords.get(key);
    if (!keywords) this.keywords.set(key, (keywords = new KeywordPartition()));
    keywords.reserve(rows);
  }

  #putKeywords(key: string, row: CacheRow): void {
    let keywords = this.keywords.get(key);
    if (!keywords) this.keywords.set(key, (keywords = new KeywordPartition()));
    keywords.upsert(keywordDocOf(row));
    this.home.set(row.rid, key);
    this.#touch(key);
    this.#keywordChanged(key);
  }

  /** Counts a change to a keyword partition that has a file (or should have one). */
  #keywordChanged(key: string): void {
    const changes = this.keywordChanges.get(key);
    if (changes !== undefined) this.keywordChanges.set(key, changes + 1);
  }

  #putVector(key: string, row: CacheRow): void {
    if (row.vector_embedder !== this.o.embedder) return;
    let partition = this.partitions.get(key);
    // Rows of a partition without codes come without their vector (META_SQL) until its index exists.
    const vector = row.vector ? blobToVector(row.vector) : undefined;
    if (vector ? vector.length !== this.o.dims : !partition || partition.holdsCodes || partition.ann) return;
    if (!partition) {
      partition = new VectorPartition(this.o.dims);
      this.partitions.set(key, partition);
    }
    partition.upsert(rowMetaOf(row), vector);
    this.home.set(row.rid, key);
    this.#touch(key);
  }

  #touch(key: string): void {
    this.dirty.set(key, (this.dirty.get(key) ?? 0) + 1);
  }
}
