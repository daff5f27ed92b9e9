import type Database from "better-sqlite3";
import { dot } from "../../embedder/embedder.js";
import type { Scope } from "../../types/memory.js";
import type { StoreHit } from "../memory-store.js";
import { AnnIndex } from "./ann-index.js";
import { AnnFiles } from "./ann-files.js";
import { SparseIndex, density } from "./sparse-index.js";
import { queryTerms } from "../../indexing/tokenizer.js";
import { queryFactor } from "../../indexing/query-factor.js";
import { KeywordPartition, corpusStats } from "./keyword-partition.js";
import { KeywordFiles } from "./keyword-files.js";
import { keywordDocOf, restoreKeywords } from "./keyword-restore.js";
import type { KeywordRow } from "./keyword-restore.js";
import type { KeywordRestoreMiss } from "./keyword-restore.js";
import { blobToVector } from "./rows.js";
import { statementCache } from "./statements.js";
import { yieldToLoop, yielder } from "../../util/yield.js";
import type { RowPredicate, VectorHit } from "./vector-partition.js";
import { VectorPartition } from "./vector-partition.js";

/** A memory row as the cache reads it: its keyword columns, plus its context and vector. */
interface CacheRow extends KeywordRow {
  context: string | null;
  vector: Buffer | null;
  vector_embedder: string | null;
}

/** Keyword partitions loaded from their files, built from rows, saved, and files refused (by reason). */
export interface KeywordFileStats {
  restored: number;
  built: number;
  saved: number;
  refused: Partial<Record<KeywordRestoreMiss, number>>;
}

/** Settings of {@link SearchCache}. */
export interface SearchCacheOptions {
  dims: number;
  embedder: string;
  /** Partitions at least this large are searched through an HNSW index (0 disables it). */
  annThreshold: number;
  /** Database file, for persisting HNSW indexes beside it; null keeps them in memory only. */
  dbPath: string | null;
  /**
   * Largest share of non-zero components at which a large partition's vectors get inverted lists
   * (`SparseIndex`, exact, built on each load) instead of an HNSW index; 0: always HNSW. Default 0.2.
   */
  sparseDensity?: number;
}

const ROW_SQL =
  "SELECT m.rid, m.id, m.user_id, m.agent_id, m.run_id, m.superseded_by, m.expires_at, m.importance, m.observed_at, m.content, m.actor_id, m.entities, m.topics, m.context, v.vector, v.embedder AS vector_embedder FROM memories m LEFT JOIN vectors v ON v.rid = m.rid";
/** What each part of the cache reads when it loads a partition: keywords need no vectors, vectors no text. */
const LOAD_SQL: Record<Part, string> = {
  keywords:
    "SELECT m.rid, m.id, m.user_id, m.agent_id, m.run_id, m.superseded_by, m.expires_at, m.importance, m.observed_at, m.content, m.actor_id, m.entities, m.topics, NULL AS context, NULL AS vector, NULL AS vector_embedder FROM memories m",
  vectors:
    "SELECT m.rid, m.id, m.user_id, m.agent_id, m.run_id, m.superseded_by, m.expires_at, m.importance, m.observed_at, '' AS content, NULL AS actor_id, '[]' AS entities, '[]' AS topics, NULL AS context, v.vector, v.embedder AS vector_embedder FROM memories m JOIN vectors v ON v.rid = m.rid",
};
/** The rows of a partition past the ANN threshold, without their vectors (its index is loaded or built from the file). */
const META_SQL = LOAD_SQL.vectors.replace("v.vector,", "NULL AS vector,");
type Part = "keywords" | "vectors";
/**
 * Vectors at most this dense get inverted lists: the local embedder's fill 12–35% of their
 * components; model embeddings all of them. Past ~0.3 the lists outgrow an int8 HNSW index at 384-d.
 */
const DEFAULT_SPARSE_DENSITY = 0.2;
/** Save a partition's HNSW index again after this many changes to it. */
const SAVE_EVERY = 5_000;
/** Rows read from the file at once by {@link SearchCache.prepare}, between two chances to yield. */
const SLICE = 256;
/** Keyword partitions smaller than this are rebuilt from the rows on load, never saved (cheaper than a file). */
const KEYWORD_FILE_MIN_ROWS = 200;
/** Save a keyword partition again once this many of its changes were replayed since its file was written. */
const KEYWORD_SAVE_AFTER = 500;

/**
 * An in-process copy of what search reads — vectors and a BM25 keyword index — partitioned by
 * user, kept in step with the file through the `change_log` table: every process's writes (ours
 * and others') are replayed on the next search, and a full reload happens when the log was
 * trimmed past what we have seen. Large partitions get an HNSW index, saved beside the database
 * and replayed forward on load.
 */
export class SearchCache {
  readonly #o: SearchCacheOptions;
  readonly #files: AnnFiles | null;
  readonly #keywordFiles: KeywordFiles | null;
  /** Per keyword partition, changes since its file was written or read (Infinity: built from rows, not saved). */
  readonly #keywordChanges = new Map<string, number>();
  /** Keyword partitions to save on the next turn of the event loop (or on {@link close}). */
  readonly #keywordSaves = new Set<string>();
  #keywordSaveTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #keywordStats: KeywordFileStats = { restored: 0, built: 0, saved: 0, refused: {} };
  readonly #partitions = new Map<string, VectorPartition>();
  readonly #keywords = new Map<string, KeywordPartition>();
  readonly #home = new Map<number, string>();
  readonly #dirty = new Map<string, number>();
  /** Per part, the partitions whose rows are held; `all` once an unscoped search read every row. */
  readonly #loaded: Record<Part, { keys: Set<string>; all: boolean }> = {
    keywords: { keys: new Set(), all: false },
    vectors: { keys: new Set(), all: false },
  };
  /** Per part, partitions being loaded in slices by {@link prepare}: changes replay into them already. */
  readonly #partial: Record<Part, Set<string>> = { keywords: new Set(), vectors: new Set() };
  /** Loads in flight, by part and partition, so concurrent searches wait for one load. */
  readonly #filling = new Map<string, Promise<void>>();
  /** Bumped by every full reload: a sliced load or replay begun before it stops. */
  #generation = 0;
  #lastSeq = -1;
  readonly #sql: (sql: string) => Database.Statement;
  readonly #db: Database.Database;

  constructor(db: Database.Database, options: SearchCacheOptions) {
    this.#o = options;
    this.#db = db;
    this.#sql = statementCache(db);
    this.#files = options.dbPath && options.dbPath !== ":memory:" ? new AnnFiles(options.dbPath) : null;
    this.#keywordFiles = options.dbPath && options.dbPath !== ":memory:" ? new KeywordFiles(options.dbPath) : null;
  }

  /** Brings the cache up to date with the file (cheap when nothing changed). */
  sync(): void {
    // Two queries on purpose: SQLite answers a lone MIN or MAX from the index, both together by a scan.
    const head = {
      seq: this.#sql("SELECT COALESCE(MAX(seq), 0) FROM change_log").pluck().get() as number,
      low: this.#sql("SELECT COALESCE(MIN(seq), 0) FROM change_log").pluck().get() as number,
    };
    if (head.seq === this.#lastSeq) return;
    if (this.#lastSeq < 0 || head.low > this.#lastSeq + 1) return this.#reload();
    const changes = this.#sql("SELECT seq, rid, op FROM change_log WHERE seq > ? ORDER BY seq").all(this.#lastSeq) as {
      seq: number;
      rid: number;
      op: string;
    }[];
    if (changes.some((c) => c.op === "reset")) return this.#reload();
    const rowStmt = this.#sql(`${ROW_SQL} WHERE m.rid = ?`);
    for (const rid of new Set(changes.map((c) => c.rid))) {
      const row = rowStmt.get(rid) as CacheRow | undefined;
      if (row) this.#put(row);
      else this.#drop(rid);
    }
    this.#lastSeq = changes.length ? (changes[changes.length - 1] as { seq: number }).seq : head.seq;
  }

  /** Forgets everything held: partitions load again, each on its first search. */
  #reload(): void {
    this.#partitions.clear();
    this.#keywords.clear();
    this.#home.clear();
    this.#dirty.clear();
    this.#keywordChanges.clear();
    for (const part of Object.values(this.#loaded)) {
      part.keys.clear();
      part.all = false;
    }
    for (const partial of Object.values(this.#partial)) partial.clear();
    this.#generation += 1;
    this.#lastSeq = this.#sql("SELECT COALESCE(MAX(seq), 0) FROM change_log").pluck().get() as number;
  }

  /**
   * Makes the partitions a search of `userId` reads present (all of them for an unscoped search),
   * for one part: keywords or vectors. A user's rows are read on the first search that needs them,
   * so opening a store with many users costs nothing until they search, a process holds only the
   * users it serves, and vectors are never read by a process whose searches don't use them (the
   * offline default is BM25 alone). Rows read here may already include changes the log will
   * replay; replaying is idempotent.
   */
  #ensureLoaded(part: Part, userId: string | undefined): void {
    const loaded = this.#loaded[part];
    if (loaded.all) return;
    const vectors = part === "vectors";
    const sql = vectors ? `${LOAD_SQL.vectors} AND v.embedder = ?` : `${LOAD_SQL.keywords} WHERE 1`;
    const params = vectors ? [this.#o.embedder] : [];
    if (userId === undefined) {
      const already = new Set(loaded.keys);
      loaded.all = true;
      if (vectors) {
        const counts = this.#sql(
          "SELECT COALESCE(user_id, '') AS k, COUNT(*) AS n FROM memories GROUP BY user_id",
        ).all();
        for (const { k, n } of counts as { k: string; n: number }[]) if (!already.has(k)) this.#deferIfLarge(k, n);
      }
      const readAll = () => {
        for (const row of this.#sql(sql).iterate(...params) as Iterable<CacheRow>)
          if (!already.has(row.user_id ?? "")) this.#put(row, part);
      };
      if (vectors) this.#withSmallPageCache(readAll);
      else readAll();
      if (vectors) {
        for (const key of this.#partitions.keys()) if (!already.has(key)) this.#dirty.set(key, 0);
        this.#releaseReadMemory();
      }
      return;
    }
    if (loaded.keys.has(userId)) return;
    loaded.keys.add(userId);
    this.#partial[part].delete(userId); // a sliced load still running finds it complete and stops
    if (!vectors && this.#restoreKeywords(userId)) return;
    const deferred = vectors && this.#deferIfLarge(userId, this.#rowCount(userId));
    const from = deferred ? `${META_SQL} AND v.embedder = ?` : sql;
    const readAll = () => {
      const rows = (
        userId === ""
          ? this.#sql(`${from} AND m.user_id IS NULL`).iterate(...params)
          : this.#sql(`${from} AND m.user_id = ?`).iterate(...params, userId)
      ) as Iterable<CacheRow>;
      for (const row of rows) this.#put(row, part);
    };
    if (vectors) this.#withSmallPageCache(readAll);
    else readAll();
    if (vectors) {
      this.#dirty.set(userId, 0);
      this.#releaseReadMemory();
    } else this.#keywordsBuilt(userId);
  }

  /**
   * Loads the keyword partition of `userId` from its file beside the database, replayed forward
   * (`keyword-restore.ts`). False when there is no file fit to use: the caller then builds the
   * partition from the rows, and {@link #keywordsBuilt} saves it.
   */
  #restoreKeywords(userId: string): boolean {
    if (!this.#keywordFiles || this.#keywords.has(userId)) return false;
    let restored: ReturnType<typeof restoreKeywords>;
    try {
      restored = restoreKeywords(this.#db, this.#keywordFiles, userId);
    } catch {
      return false; // a read the file refused (busy, I/O): the rows are read the usual way
    }
    if (typeof restored === "string") {
      if (restored !== "missing")
        this.#keywordStats.refused[restored] = (this.#keywordStats.refused[restored] ?? 0) + 1;
      return false;
    }
    this.#keywordStats.restored += 1;
    this.#keywords.set(userId, restored.partition);
    for (const rid of restored.rids) this.#home.set(rid, userId);
    this.#keywordChanges.set(userId, restored.replayed);
    this.#saveKeywordsIfDue(userId);
    return true;
  }

  /** A keyword partition just built from the rows: saved soon, when large enough to be worth a file. */
  #keywordsBuilt(userId: string): void {
    this.#keywordStats.built += 1;
    if (!this.#keywordFiles || (this.#keywords.get(userId)?.size ?? 0) < KEYWORD_FILE_MIN_ROWS) return;
    this.#keywordChanges.set(userId, Number.POSITIVE_INFINITY);
    this.#saveKeywordsIfDue(userId);
  }

  /**
   * Schedules a save of the keyword partition of `key` when its file is missing or this many
   * changes behind. The save runs after the current search has answered (a timer that holds no
   * process open), or on {@link close}, whichever comes first: the add path never pays it.
   */
  #saveKeywordsIfDue(key: string): void {
    if ((this.#keywordChanges.get(key) ?? 0) < KEYWORD_SAVE_AFTER || this.#keywordSaves.has(key)) return;
    this.#keywordSaves.add(key);
    this.#keywordSaveTimer ??= setTimeout(() => this.#saveKeywords(), 0);
    this.#keywordSaveTimer.unref?.();
  }

  /** Writes the keyword partitions due, each as of the log position it reflects once caught up. */
  #saveKeywords(): void {
    clearTimeout(this.#keywordSaveTimer);
    this.#keywordSaveTimer = undefined;
    const keys = [...this.#keywordSaves];
    this.#keywordSaves.clear();
    if (!this.#keywordFiles || !this.#db.open) return;
    try {
      this.sync(); // every change up to #lastSeq is then in the partitions
    } catch {
      return;
    }
    for (const key of keys) {
      const partition = this.#keywords.get(key);
      const whole = this.#loaded.keywords.all || this.#loaded.keywords.keys.has(key);
      if (!partition || !whole || this.#partial.keywords.has(key)) continue;
      try {
        this.#keywordFiles.write(key, this.#lastSeq, partition.size, partition.snapshot());
        this.#keywordChanges.set(key, 0);
        this.#keywordStats.saved += 1;
      } catch {
        // A cache file that cannot be written only costs a rebuild next time.
      }
    }
  }

  /** Rows of one partition in the file (by the scope index, reading no vector). */
  #rowCount(userId: string): number {
    return (
      userId === ""
        ? this.#sql("SELECT COUNT(*) FROM memories WHERE user_id IS NULL").pluck().get()
        : this.#sql("SELECT COUNT(*) FROM memories WHERE user_id = ?").pluck().get(userId)
    ) as number;
  }

  /**
   * Creates the vector partition of `key` without codes when it is about to load `rows` rows, at
   * least the ANN threshold: its HNSW index is then loaded or built from the file on its first
   * search, and the codes of every row are never held beside it. True when deferred.
   */
  #deferIfLarge(key: string, rows: number): boolean {
    if (this.#o.annThreshold <= 0 || rows < this.#o.annThreshold) return false;
    let partition = this.#partitions.get(key);
    if (!partition) this.#partitions.set(key, (partition = new VectorPartition(this.#o.dims)));
    if (partition.size === 0 && !partition.ann) partition.deferCodes();
    return !partition.holdsCodes;
  }

  /**
   * Gives back SQLite's page cache after a bulk read of vectors (loading a partition, building its
   * index): those pages will not be read again soon, and the cache would keep up to its 64 MB.
   */
  #releaseReadMemory(): void {
    try {
      this.#db.pragma("shrink_memory");
    } catch {
      // Only memory is at stake; a connection that refuses keeps its cache.
    }
  }

  /** True when this part of this partition is held (loaded, being loaded, or every partition is). */
  #holds(part: Part, key: string): boolean {
    return this.#loaded[part].all || this.#loaded[part].keys.has(key) || this.#partial[part].has(key);
  }

  /**
   * Does ahead of a search what {@link search} (`vectors`) or {@link keywordSearch} (`keywords`)
   * would do in one piece — replay the change log, load the user's partition — reading the file
   * in slices of {@link SLICE} rows and yielding to the event loop every few milliseconds, so a
   * large partition or a long backlog of changes never stalls other requests. The search itself
   * then finds everything in place. Unscoped (all users) searches still load in one piece.
   */
  async prepare(part: Part, userId: string | undefined): Promise<void> {
    await this.#replaySliced();
    if (userId === undefined || this.#loaded[part].all || this.#loaded[part].keys.has(userId)) return;
    const key = `${part}\u0000${userId}`;
    let filling = this.#filling.get(key);
    if (!filling) {
      filling = this.#fill(part, userId).finally(() => this.#filling.delete(key));
      this.#filling.set(key, filling);
    }
    await filling;
  }

  /** {@link sync} in slices; stops when a full reload happened meanwhile (the search's own sync then catches up). */
  async #replaySliced(): Promise<void> {
    const head = this.#sql("SELECT COALESCE(MAX(seq), 0) FROM change_log").pluck().get() as number;
    if (head === this.#lastSeq) return;
    const low = this.#sql("SELECT COALESCE(MIN(seq), 0) FROM change_log").pluck().get() as number;
    if (this.#lastSeq < 0 || low > this.#lastSeq + 1) return this.#reload();
    const changes = this.#sql("SELECT seq, rid, op FROM change_log WHERE seq > ? ORDER BY seq").all(this.#lastSeq) as {
      seq: number;
      rid: number;
      op: string;
    }[];
    if (changes.some((c) => c.op === "reset")) return this.#reload();
    const generation = this.#generation;
    const rowStmt = this.#sql(`${ROW_SQL} WHERE m.rid = ?`);
    const pause = yielder();
    for (const rid of new Set(changes.map((c) => c.rid))) {
      await pause();
      if (generation !== this.#generation) return;
      // Each row is read as it is now, so replays interleaved with other syncs still converge.
      const row = rowStmt.get(rid) as CacheRow | undefined;
      if (row) this.#put(row);
      else this.#drop(rid);
    }
    const last = changes.length ? (changes[changes.length - 1] as { seq: number }).seq : head;
    this.#lastSeq = Math.max(this.#lastSeq, last);
  }

  /**
   * Loads one partition of one part slice by slice. It is marked partial first, so changes replayed
   * meanwhile go into it; rows are read as they are when their slice comes, so it ends up current.
   */
  async #fill(part: Part, userId: string): Promise<void> {
    if (part === "keywords" && this.#restoreKeywords(userId)) {
      this.#loaded.keywords.keys.add(userId);
      return;
    }
    const generation = this.#generation;
    const partial = this.#partial[part];
    partial.add(userId);
    const rids = (
      userId === ""
        ? this.#sql("SELECT rid FROM memories WHERE user_id IS NULL").pluck().all()
        : this.#sql("SELECT rid FROM memories WHERE user_id = ?").pluck().all(userId)
    ) as number[];
    const vectors = part === "vectors";
    const deferred = vectors && this.#deferIfLarge(userId, rids.length);
    const sql = vectors
      ? `${deferred ? META_SQL : LOAD_SQL.vectors} AND v.embedder = ?`
      : `${LOAD_SQL.keywords} WHERE 1`;
    const slice = this.#sql(`${sql} AND m.rid IN (SELECT value FROM json_each(?))`);
    const params = vectors ? [this.#o.embedder] : [];
    for (let i = 0; i < rids.length; i += SLICE) {
      if (i > 0) await yieldToLoop();
      // Stop when a reload dropped everything, or a search loaded the partition in one piece meanwhile.
      if (generation !== this.#generation || !partial.has(userId)) return;
      const read = () => slice.all(...params, JSON.stringify(rids.slice(i, i + SLICE))) as CacheRow[];
      const rows = vectors ? this.#withSmallPageCache(read) : read();
      for (const row of rows) this.#put(row, part);
    }
    if (generation !== this.#generation || !partial.has(userId)) return;
    partial.delete(userId);
    this.#loaded[part].keys.add(userId);
    if (vectors) {
      this.#dirty.set(userId, 0);
      this.#releaseReadMemory();
    } else this.#keywordsBuilt(userId);
  }

  /** Float vectors of these rows from the file (this embedder's only), for exact re-scoring. */
  #vectors = (rids: number[]): Map<number, Float32Array> => {
    const out = new Map<number, Float32Array>();
    if (rids.length === 0) return out;
    const rows = this.#sql(
      "SELECT rid, vector FROM vectors WHERE embedder = ? AND rid IN (SELECT value FROM json_each(?))",
    ).all(this.#o.embedder, JSON.stringify(rids)) as { rid: number; vector: Buffer }[];
    for (const row of rows) {
      const vector = blobToVector(row.vector);
      if (vector.length === this.#o.dims) out.set(row.rid, vector);
    }
    return out;
  };

  /**
   * Float vectors of these rows straight into `matrix` (see `VectorReader`): no per-row copy, so a
   * build of model-size vectors leaves no trail of freed buffers behind it.
   */
  #readInto = (rids: number[], matrix: Float32Array): number[] => {
    const written: number[] = [];
    const bytes = this.#o.dims * 4;
    const rows = this.#sql(
      "SELECT rid, vector FROM vectors WHERE embedder = ? AND rid IN (SELECT value FROM json_each(?))",
    ).iterate(this.#o.embedder, JSON.stringify(rids)) as Iterable<{ rid: number; vector: Buffer }>;
    for (const row of rows) {
      if (row.vector.byteLength !== bytes) continue;
      new Uint8Array(matrix.buffer, matrix.byteOffset + written.length * bytes, bytes).set(row.vector);
      written.push(row.rid);
    }
    return written;
  };

  /**
   * Runs a bulk read of vectors (loading a partition's vector rows, building its index) with
   * SQLite's page cache held to 2 MB: each page is read once, and a full 64 MB cache of them, given
   * back afterwards, stayed in the RSS as holes in the allocator's heap.
   */
  #withSmallPageCache<T>(run: () => T): T {
    let size: number;
    try {
      size = this.#db.pragma("cache_size", { simple: true }) as number;
      this.#db.pragma("cache_size = -2048");
    } catch {
      return run(); // a statement of this connection is mid-iteration: only memory is at stake
    }
    try {
      return run();
    } finally {
      this.#db.pragma(`cache_size = ${size}`);
    }
  }

  /** Puts one row into the parts that hold its partition (or into `only`, while loading that part). */
  #put(row: CacheRow, only?: Part): void {
    const key = row.user_id ?? "";
    const keywords = only ? only === "keywords" : this.#holds("keywords", key);
    const vectors = only ? only === "vectors" : this.#holds("vectors", key);
    if (!only) this.#drop(row.rid);
    if (keywords) this.#putKeywords(key, row);
    if (vectors) this.#putVector(key, row);
  }

  #putKeywords(key: string, row: CacheRow): void {
    let keywords = this.#keywords.get(key);
    if (!keywords) this.#keywords.set(key, (keywords = new KeywordPartition()));
    keywords.upsert(keywordDocOf(row));
    this.#home.set(row.rid, key);
    this.#touch(key);
    this.#keywordChanged(key);
  }

  /** Counts a change to a keyword partition that has a file (or should have one). */
  #keywordChanged(key: string): void {
    const changes = this.#keywordChanges.get(key);
    if (changes !== undefined) this.#keywordChanges.set(key, changes + 1);
  }

  #putVector(key: string, row: CacheRow): void {
    if (row.vector_embedder !== this.#o.embedder) return;
    let partition = this.#partitions.get(key);
    // Rows of a partition without codes come without their vector (META_SQL) until its index exists.
    const vector = row.vector ? blobToVector(row.vector) : undefined;
    if (vector ? vector.length !== this.#o.dims : !partition || partition.holdsCodes || partition.ann) return;
    if (!partition) {
      partition = new VectorPartition(this.#o.dims);
      this.#partitions.set(key, partition);
    }
    partition.upsert(
      {
        rid: row.rid,
        id: row.id,
        importance: row.importance,
        observedAt: row.observed_at,
        agentId: row.agent_id,
        runId: row.run_id,
        superseded: row.superseded_by !== null,
        expiresAt: row.expires_at,
      },
      vector,
    );
    this.#home.set(row.rid, key);
    this.#touch(key);
  }

  #drop(rid: number): void {
    const key = this.#home.get(rid);
    if (key === undefined) return;
    this.#partitions.get(key)?.remove(rid);
    this.#keywords.get(key)?.remove(rid);
    this.#keywordChanged(key);
    this.#home.delete(rid);
    this.#touch(key);
  }

  #touch(key: string): void {
    this.#dirty.set(key, (this.#dirty.get(key) ?? 0) + 1);
  }

  /**
   * Gives a large partition its index: inverted lists when its vectors are sparse (built from the
   * file, in memory only), else its HNSW index — the saved one replayed forward, or a fresh build
   * (then saved).
   */
  #ensureAnn(key: string, partition: VectorPartition): void {
    if (partition.ann) return;
    if (partition.holdsCodes && (this.#o.annThreshold <= 0 || partition.size < this.#o.annThreshold)) return;
    if (this.#sparse(partition)) {
      const index = new SparseIndex(this.#o.dims);
      if (partition.holdsCodes) partition.buildAnn(index);
      else this.#withSmallPageCache(() => partition.buildAnnFrom(this.#readInto, undefined, index));
      return this.#releaseReadMemory();
    }
    const fileKey = this.#files?.key(this.#o.embedder, key);
    const saved = fileKey ? this.#files?.latest(fileKey, this.#lastSeq) : undefined;
    if (!(saved && this.#replay(partition, saved))) {
      if (partition.holdsCodes) partition.buildAnn();
      else this.#withSmallPageCache(() => partition.buildAnnFrom(this.#readInto));
      this.#save(key, partition);
    }
    this.#releaseReadMemory();
  }

  /** True when a sample of the partition's vectors is sparse enough for inverted lists. */
  #sparse(partition: VectorPartition): boolean {
    const limit = this.#o.sparseDensity ?? DEFAULT_SPARSE_DENSITY;
    if (limit <= 0) return false;
    const sample = this.#vectors(partition.sampleRids(64));
    return sample.size > 0 && density(sample.values()) <= limit;
  }

  #replay(partition: VectorPartition, saved: { path: string; seq: number }): boolean {
    try {
      const low = this.#sql("SELECT COALESCE(MIN(seq), 0) FROM change_log").pluck().get() as number;
      if (saved.seq + 1 < low) return false;
      const changes = this.#sql("SELECT DISTINCT rid, op FROM change_log WHERE seq > ? AND seq <= ?").all(
        saved.seq,
        this.#lastSeq,
      ) as { rid: number; op: string }[];
      if (changes.some((c) => c.op === "reset")) return false;
      const ann = AnnIndex.load(saved.path, this.#o.dims);
      const changed = [...new Set(changes.map((c) => c.rid))];
      const vectors = this.#vectors(changed.filter((rid) => partition.has(rid)));
      for (const rid of changed) {
        const vector = vectors.get(rid);
        if (vector) ann.upsert(rid, vector);
        else ann.remove(rid);
      }
      if (!partition.annAgrees(ann, this.#vectors)) return false;
      partition.useAnn(ann);
      return true;
    } catch {
      return false;
    }
  }

  #save(key: string, partition: VectorPartition): void {
    if (!this.#files || !(partition.ann instanceof AnnIndex)) return;
    const fileKey = this.#files.key(this.#o.embedder, key);
    try {
      partition.ann.save(this.#files.pathFor(fileKey, this.#lastSeq));
      this.#files.prune(fileKey, this.#lastSeq);
      this.#dirty.set(key, 0);
    } catch {
      // A cache file that cannot be written only costs a rebuild next time.
    }
  }

  /**
   * Best `k` memories in `scope` by cosine similarity; `allowed` narrows to rows other filters let
   * through. Partitions propose twice `k` by approximate (int8 / HNSW) cosine; that shortlist is
   * re-scored with the float vectors read from the file, so returned scores are exact cosines.
   * `liveAt` (epoch ms) hides the rows expired at that instant.
   */
  search(
    query: Float32Array,
    scope: Scope,
    k: number,
    includeSuperseded: boolean,
    allowed?: ReadonlySet<number>,
    liveAt?: number,
  ): StoreHit[] {
    this.sync();
    this.#ensureLoaded("vectors", scope.userId);
    const pass = predicate(scope, includeSuperseded, allowed, liveAt);
    const shortlist: VectorHit[] = [];
    const keys = scope.userId !== undefined ? [scope.userId] : [...this.#partitions.keys()];
    for (const key of keys) {
      const partition = this.#partitions.get(key);
      if (!partition) continue;
      this.#ensureAnn(key, partition);
      if (partition.ann && (this.#dirty.get(key) ?? 0) >= SAVE_EVERY) this.#save(key, partition);
      partition.search(query, pass, 2 * k, shortlist, this.#vectors);
    }
    return this.#rescore(query, shortlist, k);
  }

  #rescore(query: Float32Array, shortlist: VectorHit[], k: number): Required<StoreHit>[] {
    const vectors = this.#vectors(shortlist.map((h) => h.rid));
    return shortlist
      .map(({ id, score, importance, observedAt, rid }) => {
        const vector = vectors.get(rid);
        return { id, score: vector ? dot(query, vector) : score, importance, observedAt };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }

  /**
   * Best `k` BM25 matches for the words of `text` in `scope`; `allowed` as for {@link search};
   * `neighbours` credits the memories said around each match (see `TimeNeighbours`); `liveAt` as for {@link search}.
   */
  keywordSearch(
    text: string,
    scope: Scope,
    k: number,
    includeSuperseded: boolean,
    allowed?: ReadonlySet<number>,
    neighbours = false,
    liveAt?: number,
  ): StoreHit[] {
    this.sync();
    this.#ensureLoaded("keywords", scope.userId);
    const query = queryTerms(text);
    if (query.length === 0) return [];
    const pass = predicate(scope, includeSuperseded, allowed, liveAt);
    // Dates the query names ("in May 2023") favour what was said then (`indexing/query-dates.ts`),
    // and names in it what those people said (`indexing/query-speaker.ts`).
    const top: Required<StoreHit>[] = [];
    if (scope.userId !== undefined) {
      this.#saveKeywordsIfDue(scope.userId);
      const partition = this.#keywords.get(scope.userId);
      const factor = partition && queryFactor(text, query, (t) => partition.speaks(t));
      partition?.search(query, pass, k, top, undefined, neighbours, factor);
      return top;
    }
    // Every user's partition at once: one set of statistics, as if they were one index.
    const partitions = [...this.#keywords.values()];
    const corpus = corpusStats(partitions, query);
    const factor = queryFactor(text, query, (t) => partitions.some((p) => p.speaks(t)));
    for (const partition of partitions) partition.search(query, pass, k, top, corpus, neighbours, factor);
    return top;
  }

  /** Saves HNSW indexes that changed since they were last written, and keyword partitions due a save. */
  close(): void {
    if (this.#keywordSaves.size) this.#saveKeywords();
    for (const [key, partition] of this.#partitions)
      if (partition.ann && (this.#dirty.get(key) ?? 0) > 0) this.#save(key, partition);
  }

  /** How this cache's keyword partitions were loaded and saved (for tests and stats). */
  get keywordFileStats(): KeywordFileStats {
    return { ...this.#keywordStats, refused: { ...this.#keywordStats.refused } };
  }

  /** Rows whose vectors are currently held (for tests and stats). */
  get vectorSize(): number {
    let n = 0;
    for (const partition of this.#partitions.values()) n += partition.size;
    return n;
  }

  /** Rows currently held (for tests and stats). */
  get size(): number {
    return this.#home.size;
  }
}

function predicate(
  scope: Scope,
  includeSuperseded: boolean,
  allowed?: ReadonlySet<number>,
  liveAt?: number,
): RowPredicate {
  return {
    includeSuperseded,
    ...(allowed ? { allowed } : {}),
    ...(liveAt !== undefined ? { liveAt } : {}),
    ...(scope.agentId !== undefined ? { agentId: scope.agentId } : {}),
    ...(scope.runId !== undefined ? { runId: scope.runId } : {}),
  };
}
