import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { CortexMemError, ErrorCode } from "../errors.js";
import type { HistoryEntry, Memory, MemoryPage, MemoryStats, Scope } from "../types/memory.js";
import type {
  ApplyOptions,
  ApplyResult,
  ExportRecord,
  MemoryStore,
  ReadLook,
  StoreHit,
  StoreQuery,
  StoreWrite,
} from "./memory-store.js";
import { hasNarrowingFilters, queryWhere, scopeWhere } from "./sqlite/filter-sql.js";
import { MEMORY_COLUMNS, RAW_ID, blobToVector, rawRowToMemory, rowToHistory, rowToMemory } from "./sqlite/rows.js";
import type { HistoryRow, MemoryRow } from "./sqlite/rows.js";
import { configureConnection, migrate } from "./sqlite/schema.js";
import { guard, translateSqliteError } from "./sqlite/sqlite-errors.js";
import { embedderMismatch, probeSqlite, storedVectors } from "./sqlite/sqlite-probe.js";
import type { StoreProbeOptions, StoreProbeResult } from "./store-probe.js";
import { SqliteWriter } from "./sqlite/sqlite-writer.js";
import { statementCache } from "./sqlite/statements.js";
import { SearchCache } from "./sqlite/search-cache.js";
import { RowCache } from "./sqlite/row-cache.js";
import { decodeCursor, encodeCursor } from "./sqlite/cursor.js";
import { sqliteInsights } from "./sqlite/insights-sql.js";
import type { MemoryInsights, ResolvedInsightsOptions } from "../insights/insights-types.js";
import { SqliteJobQueue } from "../jobs/sqlite-job-queue.js";
import type { SqliteJobQueueOptions } from "../jobs/sqlite-job-queue.js";

const require = createRequire(import.meta.url);

/** Settings of {@link SqliteStore}. */
export interface SqliteStoreOptions {
  /** Path of the database file; `:memory:` for a throwaway store. */
  path: string;
  /** Users with at least this many memories are searched through an HNSW index (default 20,000; 0 disables). */
  annThreshold?: number;
  /** Past the threshold, vectors at most this dense get exact inverted lists instead of HNSW (default 0.2; 0: HNSW). */
  annSparseDensity?: number;
}

/**
 * The embedded default store: one SQLite file (WAL) holding memories, vectors and history,
 * searched through an in-process cache (vectors + BM25) kept in step with the file. Every operation is one transaction; several processes may share the file.
 */
export class SqliteStore implements MemoryStore {
  readonly kind = "sqlite";
  readonly path: string;
  readonly #annThreshold: number;
  readonly #annSparseDensity: number | undefined;
  readonly #db: Database.Database;
  #writer: SqliteWriter | undefined;
  #sql!: (sql: string) => Database.Statement;
  #cache: SearchCache | undefined;
  /** The rows recent small reads returned (a search's shown memories), kept current by `change_log`. */
  readonly #rows = new RowCache({ rid: 0, id: RAW_ID });
  #embedder = "";
  #dims = 0;

  constructor(options: SqliteStoreOptions) {
    this.path = options.path;
    this.#annThreshold = options.annThreshold ?? 20_000;
    this.#annSparseDensity = options.annSparseDensity;
    this.#db = guard(this.path, "open the database", () => {
      if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
      const Driver = require("better-sqlite3") as typeof Database;
      const db = new Driver(this.path);
      configureConnection(db);
      migrate(db);
      return db;
    });
    this.#sql = statementCache(this.#db);
  }

  async init(options: { dimensions: number; embedder: string; reembed?: boolean }): Promise<void> {
    guard(this.path, "check the embedding dimension", () => {
      this.#db
        .transaction(() => {
          const mismatch = embedderMismatch(this.path, storedVectors(this.#db), options);
          if (mismatch && !options.reembed) throw mismatch;
          const set = this.#sql(
            "INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
          );
          set.run("dimensions", String(options.dimensions));
          set.run("embedder", options.embedder);
        })
        .immediate();
    });
    this.#dims = options.dimensions;
    this.#embedder = options.embedder;
    this.#writer = new SqliteWriter(this.#db, this.path, options.embedder, options.dimensions);
    this.#cache = new SearchCache(this.#db, {
      dims: options.dimensions,
      embedder: options.embedder,
      annThreshold: this.#annThreshold,
      dbPath: this.path,
      ...(this.#annSparseDensity !== undefined ? { sparseDensity: this.#annSparseDensity } : {}),
    });
  }

  #ready(): { writer: SqliteWriter; cache: SearchCache } {
    if (!this.#writer || !this.#cache)
      throw new CortexMemError(ErrorCode.INTERNAL, "SqliteStore.init() must be called before use");
    return { writer: this.#writer, cache: this.#cache };
  }

  async apply(writes: StoreWrite[], history: HistoryEntry[], options: ApplyOptions = {}): Promise<ApplyResult> {
    for (const w of writes) {
      const v = w.op === "delete" ? undefined : w.vector;
      if (v && v.length !== this.#dims) {
        throw new CortexMemError(
          ErrorCode.EMBEDDING,
          `Vector of dimension ${v.length} cannot be stored next to vectors of dimension ${this.#dims}`,
        );
      }
    }
    return this.#ready().writer.apply(writes, history, options);
  }

  async get(id: string): Promise<Memory | null> {
    const row = guard(this.path, "read a memory", () =>
      this.#sql(`SELECT ${MEMORY_COLUMNS} FROM memories m WHERE m.id = ?`).get(id),
    ) as MemoryRow | undefined;
    return row ? rowToMemory(row) : null;
  }

  async getMany(ids: string[], look?: ReadLook): Promise<Memory[]> {
    if (ids.length === 0) return [];
    // Rows as arrays (raw mode): better-sqlite3 builds a keyed object per row otherwise, which cost
    // about as much as the lookups themselves (the search reads its shown memories here).
    // The rows a search shows come back often: held ones are handed out once the change log says
    // they are unchanged (`RowCache`), the others read from the file in one statement.
    const rows = guard(this.path, "read memories", () =>
      this.#rows.rows(this.#sql, this.#head(look), ids, (missing) => {
        const stmt = this.#sql(
          `SELECT ${MEMORY_COLUMNS} FROM memories m WHERE m.id IN (SELECT value FROM json_each(?)) -- raw`,
        );
        return stmt.raw(true).all(JSON.stringify(missing)) as unknown[][];
      }),
    );
    // A loop, not flatMap: V8's flatMap spent ~2 µs on 10 rows (a one-element array per row).
    const out: Memory[] = [];
    for (const id of ids) {
      const row = rows.get(id);
      if (row) out.push(rawRowToMemory(row));
    }
    return out;
  }

  async findByHash(scope: Scope, hashes: string[]): Promise<Memory[]> {
    if (hashes.length === 0) return [];
    const where = scopeWhere(scope);
    const exact = ["userId", "agentId", "runId"]
      .filter((k) => scope[k as keyof Scope] === undefined)
      .map((k) => `m.${k.replace("Id", "_id")} IS NULL`);
    // By the hash index, not the scope index (which would read every memory of the user).
    const sql = `SELECT ${MEMORY_COLUMNS} FROM memories m INDEXED BY memories_hash WHERE ${[where.sql, ...exact].join(" AND ")} AND m.superseded_by IS NULL AND m.hash IN (SELECT value FROM json_each(?))`;
    const rows = guard(this.path, "look up duplicates", () =>
      this.#sql(sql).all(...where.params, JSON.stringify(hashes)),
    ) as MemoryRow[];
    return rows.map(rowToMemory);
  }

  async list(query: StoreQuery, page: { limit: number; cursor?: string }): Promise<MemoryPage> {
    const where = queryWhere(query);
    const params = [...where.params];
    let sql = `SELECT ${MEMORY_COLUMNS} FROM memories m WHERE ${where.sql}`;
    if (page.cursor) {
      const [createdAt, rid] = decodeCursor(page.cursor);
      sql += " AND (m.created_at < ? OR (m.created_at = ? AND m.rid < ?))";
      params.push(createdAt, createdAt, rid);
    }
    sql += " ORDER BY m.created_at DESC, m.rid DESC LIMIT ?";
    params.push(page.limit + 1);
    const rows = guard(this.path, "list memories", () => this.#sql(sql).all(...params)) as MemoryRow[];
    const more = rows.length > page.limit;
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return {
      memories: items.map(rowToMemory),
      nextCursor: more && last ? encodeCursor(last.created_at, last.rid) : null,
    };
  }

  async vectorSearch(vector: Float32Array, query: StoreQuery, limit: number): Promise<StoreHit[]> {
    const { cache } = this.#ready();
    const head = guard(this.path, "search vectors", () => this.#head(query.look));
    await cache.prepare("vectors", query.scope.userId, head).catch((error: unknown) => {
      throw translateSqliteError(error, this.path, "load vectors for search");
    });
    return guard(this.path, "search vectors", () =>
      cache.search(
        vector,
        query.scope,
        limit,
        query.filters.includeSuperseded === true,
        this.#allowed(query),
        query.filters.liveAt?.getTime(),
        head,
      ),
    );
  }

  /**
   * The newest `change_log` position: the one `look` noted when it has one (the search it belongs
   * to began before that look), else read now — and noted on `look` for the search's other reads.
   */
  #head(look: ReadLook | undefined): number {
    if (look?.seen !== undefined) return look.seen;
    const head = this.#sql("SELECT COALESCE(MAX(seq), 0) FROM change_log").pluck().get() as number;
    if (look) look.seen = head;
    return head;
  }

  /** Rows the filters beyond scope let through, when there are such filters (the caches apply scope themselves). */
  #allowed(query: StoreQuery): Set<number> | undefined {
    if (!hasNarrowingFilters(query)) return undefined;
    const where = queryWhere(query);
    return new Set(
      this.#sql(`SELECT m.rid FROM memories m WHERE ${where.sql}`)
        .pluck()
        .all(...where.params) as number[],
    );
  }

  async keywordSearch(text: string, query: StoreQuery, limit: number): Promise<StoreHit[]> {
    const { cache } = this.#ready();
    const head = guard(this.path, "search keywords", () => this.#head(query.look));
    await cache.prepare("keywords", query.scope.userId, head).catch((error: unknown) => {
      throw translateSqliteError(error, this.path, "load keywords for search");
    });
    return guard(this.path, "search keywords", () =>
      cache.keywordSearch(
        text,
        query.scope,
        limit,
        query.filters.includeSuperseded === true,
        this.#allowed(query),
        query.neighbourContext === true,
        query.filters.liveAt?.getTime(),
        head,
      ),
    );
  }

  async history(memoryId: string): Promise<HistoryEntry[]> {
    const rows = guard(this.path, "read history", () =>
      this.#sql("SELECT * FROM history WHERE memory_id = ? ORDER BY seq").all(memoryId),
    ) as HistoryRow[];
    return rows.map(rowToHistory);
  }

  async stats(scope: Scope): Promise<MemoryStats> {
    const where = scopeWhere(scope);
    return guard(this.path, "count memories", () => {
      const group = (column: string): Record<string, number> =>
        Object.fromEntries(
          (
            this.#sql(
              `SELECT ${column} AS k, COUNT(*) AS n FROM memories m WHERE ${where.sql} AND ${column} IS NOT NULL GROUP BY ${column}`,
            ).all(...where.params) as { k: string; n: number }[]
          ).map((r) => [r.k, r.n]),
        );
      const totals = this.#sql(
        `SELECT COUNT(*) AS total, COUNT(m.superseded_by) AS superseded FROM memories m WHERE ${where.sql}`,
      ).get(...where.params) as { total: number; superseded: number };
      const hw = scopeWhere(scope, "h");
      const historyEntries = (
        this.#sql(`SELECT COUNT(*) AS n FROM history h WHERE ${hw.sql}`).get(...hw.params) as { n: number }
      ).n;
      return {
        ...totals,
        byType: group("m.memory_type"),
        byUser: group("m.user_id"),
        byAgent: group("m.agent_id"),
        historyEntries,
      };
    });
  }

  async insights(scope: Scope, options: ResolvedInsightsOptions): Promise<MemoryInsights> {
    return guard(this.path, "aggregate memories", () => sqliteInsights(this.#sql, this.path, scope, options));
  }

  async ids(query: StoreQuery): Promise<string[]> {
    const where = queryWhere(query);
    return guard(
      this.path,
      "list ids",
      () =>
        this.#sql(`SELECT m.id FROM memories m WHERE ${where.sql} ORDER BY m.rid`)
          .pluck()
          .all(...where.params) as string[],
    );
  }

  async reset(): Promise<void> {
    this.#ready().writer.reset();
  }

  async *exportAll(scope: Scope): AsyncIterable<ExportRecord> {
    const where = scopeWhere(scope);
    const stmt = this.#sql(
      `SELECT ${MEMORY_COLUMNS}, v.vector, v.embedder AS vector_embedder FROM memories m LEFT JOIN vectors v ON v.rid = m.rid WHERE ${where.sql} AND m.rid > ? ORDER BY m.rid LIMIT 500`,
    );
    let after = 0;
    for (;;) {
      const rows = guard(this.path, "export memories", () => stmt.all(...where.params, after)) as (MemoryRow & {
        vector: Buffer | null;
        vector_embedder: string | null;
      })[];
      if (rows.length === 0) return;
      for (const row of rows) {
        const vector = row.vector && row.vector_embedder === this.#embedder ? blobToVector(row.vector) : null;
        yield { memory: rowToMemory(row), vector, history: await this.history(row.id) };
      }
      after = (rows[rows.length - 1] as MemoryRow).rid;
    }
  }

  async importRecords(records: ExportRecord[], orphanHistory: HistoryEntry[] = []): Promise<number> {
    return this.#ready().writer.importRecords(records, orphanHistory);
  }

  async orphanHistory(scope: Scope): Promise<HistoryEntry[]> {
    const where = scopeWhere(scope, "h");
    const sql = `SELECT h.* FROM history h WHERE ${where.sql} AND NOT EXISTS (SELECT 1 FROM memories m WHERE m.id = h.memory_id) ORDER BY h.seq`;
    return (guard(this.path, "read history", () => this.#sql(sql).all(...where.params)) as HistoryRow[]).map(
      rowToHistory,
    );
  }

  async staleVectors(embedder: string, limit: number): Promise<Memory[]> {
    const sql = `SELECT ${MEMORY_COLUMNS} FROM memories m LEFT JOIN vectors v ON v.rid = m.rid WHERE v.rid IS NULL OR v.embedder IS NOT ? ORDER BY m.rid LIMIT ?`;
    return (guard(this.path, "find stale vectors", () => this.#sql(sql).all(embedder, limit)) as MemoryRow[]).map(
      rowToMemory,
    );
  }

  async setVectors(items: { id: string; vector: Float32Array }[], embedder: string): Promise<void> {
    this.#ready().writer.setVectors(items, embedder);
  }

  /** Layout version, writable, the caller's vectors (`expect`) and a count; writes nothing (see `MemoryStore.probe`). */
  probe(options?: StoreProbeOptions): Promise<StoreProbeResult> {
    return probeSqlite(this.#db, this.path, options);
  }

  async count(): Promise<number> {
    return guard(
      this.path,
      "count memories",
      () => (this.#sql("SELECT COUNT(*) AS n FROM memories").get() as { n: number }).n,
    );
  }

  /** A job queue on this store's own connection, so job steps and memory writes share transactions. */
  jobQueue(options: Omit<SqliteJobQueueOptions, "db" | "path"> = {}): SqliteJobQueue {
    return new SqliteJobQueue({ ...options, db: this.#db, path: this.path });
  }

  async close(): Promise<void> {
    if (!this.#db.open) return;
    this.#cache?.close();
    this.#db.close();
  }
}
