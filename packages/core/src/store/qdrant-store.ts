import { CortexMemError, ErrorCode } from "../errors.js";
import type { HistoryEntry, Memory, MemoryPage, MemoryStats, Scope } from "../types/memory.js";
import { memoryVersion } from "../types/version.js";
import type { ApplyResult, ExportRecord, MemoryStore, StoreHit, StoreQuery, StoreWrite } from "./memory-store.js";
import { embedderChanged, versionConflict, withoutDuplicates, writesVectors } from "./write-conditions.js";
import { pointId } from "./qdrant/point-id.js";
import type { QdrantConnection } from "./qdrant/qdrant-connection.js";
import { decodeMark, encodeMark, nextMark } from "./qdrant/qdrant-cursor.js";
import type { PageMark } from "./qdrant/qdrant-cursor.js";
import type { RetryPolicy } from "./qdrant/qdrant-errors.js";
import { isExpired } from "../util/duration.js";
import { exactScopeFilter, queryFilter, scopeConditions, withConditions } from "./qdrant/qdrant-filter.js";
import type { QdrantFilter } from "./qdrant/qdrant-filter.js";
import type { HistoryCollection } from "./qdrant/qdrant-history.js";
import { payloadToMemory } from "./qdrant/qdrant-payload.js";
import type { MemoryPayload } from "./qdrant/qdrant-payload.js";
import { prepareCollections } from "./qdrant/qdrant-init.js";
import { probeQdrant } from "./qdrant/qdrant-probe.js";
import type { StoreProbeOptions, StoreProbeResult } from "./store-probe.js";
import { DENSE, QUANTIZED_SEARCH, SPARSE } from "./qdrant/qdrant-schema.js";
import { collectAll, orderedPage } from "./qdrant/qdrant-scroll.js";
import type { QdrantRecord } from "./qdrant/qdrant-scroll.js";
import { applyOperations, checkDimensions, memoryPoint } from "./qdrant/qdrant-writes.js";
import { queryVector } from "./qdrant/sparse-vector.js";
import { weighByQuery } from "../indexing/query-factor.js";
import { speakerTerms } from "../indexing/query-speaker.js";

/** Settings of {@link QdrantStore}. */
export interface QdrantStoreOptions {
  /** Server URL, e.g. `http://localhost:6333`. */
  url: string;
  apiKey?: string;
  /** Memory collection; history lives in `<collection>_history`. Default `cortex_mem`. */
  collection?: string;
  /** Per-request timeout (default 10 s). */
  timeoutMs?: number;
  /** Retries of idempotent calls (default 3 attempts from 200 ms). */
  retry?: RetryPolicy;
}

const BATCH = 256;
const chunks = <T>(items: T[], size = BATCH): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
const exactScope = (m: Scope): Scope => ({
  ...(m.userId !== undefined ? { userId: m.userId } : {}),
  ...(m.agentId !== undefined ? { agentId: m.agentId } : {}),
  ...(m.runId !== undefined ? { runId: m.runId } : {}),
});
/** The payload a search hit reads: the id and the ranking inputs. */
const HIT_PAYLOAD = ["id", "importance", "observed_at"];
/** How many more keyword candidates Qdrant scores than are returned, for the query's factor to reorder. */
export const FACTOR_POOL = 3;
const hitOf = (p: { score: number; payload?: Record<string, unknown> | null }): StoreHit => ({
  id: String(p.payload?.id),
  score: p.score,
  importance: Number(p.payload?.importance),
  observedAt: Number(p.payload?.observed_at),
});
const payloadOf = (p: QdrantRecord): MemoryPayload & { embedder?: string | null } =>
  p.payload as unknown as MemoryPayload;

/**
 * Memories in a Qdrant collection, for users who outgrow one machine: cosine dense vectors, a
 * sparse BM25-style vector per memory (Qdrant computes the IDF), payload indexes on every filtered
 * field, and history in a second collection. Semantics match {@link SqliteStore}; writes are not
 * transactional across points, but every write uses fixed ids and is retried safely.
 */
export class QdrantStore implements MemoryStore {
  readonly kind = "qdrant";
  readonly url: string;
  readonly collection: string;
  readonly #options: QdrantStoreOptions;
  #conn: QdrantConnection | undefined;
  #history: HistoryCollection | undefined;
  #embedder = "";
  #dims = 0;

  constructor(options: QdrantStoreOptions) {
    this.#options = options;
    this.url = options.url;
    this.collection = options.collection ?? "cortex_mem";
  }

  async init(options: { dimensions: number; embedder: string; reembed?: boolean }): Promise<void> {
    const { conn, history } = await prepareCollections({ ...this.#options, collection: this.collection }, options);
    this.#conn = conn;
    this.#history = history;
    this.#embedder = options.embedder;
    this.#dims = options.dimensions;
  }

  #ready(): { conn: QdrantConnection; history: HistoryCollection } {
    if (!this.#conn || !this.#history)
      throw new CortexMemError(ErrorCode.INTERNAL, "QdrantStore.init() must be called before use");
    return { conn: this.#conn, history: this.#history };
  }

  /** Stored points among `ids` (record ids), keyed by point id. */
  async #existing(ids: string[], payload: boolean | string[]): Promise<Map<string, QdrantRecord>> {
    const { conn } = this.#ready();
    const out = new Map<string, QdrantRecord>();
    for (const chunk of chunks([...new Set(ids.map(pointId))])) {
      const found = await conn.call("read memories", (c) =>
        c.retrieve(this.collection, { ids: chunk, with_payload: payload, with_vector: false }),
      );
      for (const p of found) out.set(String(p.id), p);
    }
    return out;
  }

  /**
   * Qdrant has no multi-point transactions: the conditions (embedder, `ifVersion`, duplicates) are
   * checked by reading just before the batch update, so between two processes they narrow the race
   * window rather than close it (SQLite checks them inside its write transaction).
   */
  async apply(requested: StoreWrite[], requestedHistory: HistoryEntry[]): Promise<ApplyResult> {
    checkDimensions(
      requested.map((w) => (w.op === "delete" ? undefined : w.vector)),
      this.#dims,
    );
    const { conn, history: rows } = this.#ready();
    if (writesVectors(requested)) await this.#checkEmbedder(this.#embedder);
    const touched = requested.filter((w) => w.op !== "insert").map((w) => (w.op === "delete" ? w.id : w.memory.id));
    const stored = await this.#existing(touched, true);
    const duplicates = await this.#conditions(requested, stored);
    const { writes, history } = withoutDuplicates(requested, requestedHistory, duplicates);
    const embedders = new Map(
      [...stored].map(([id, p]) => [id, (p.payload?.embedder as string | null | undefined) ?? null]),
    );
    const operations = applyOperations(writes, embedders, this.#embedder);
    if (operations.length)
      await conn.call("save memories", (c) =>
        c.batchUpdate(this.collection, { wait: true, operations: operations as never }),
      );
    await rows.append(history);
    return { duplicates };
  }

  async #checkEmbedder(embedder: string): Promise<void> {
    const meta = await this.#ready().history.readMeta();
    if (meta && (meta.embedder !== embedder || meta.dimensions !== this.#dims)) {
      throw embedderChanged(`${this.url} (${this.collection})`, meta, { dimensions: this.#dims, embedder });
    }
  }

  async #conditions(writes: StoreWrite[], stored: Map<string, QdrantRecord>): Promise<ApplyResult["duplicates"]> {
    const duplicates: ApplyResult["duplicates"] = [];
    for (const w of writes) {
      if (w.op === "insert") {
        if (!w.unlessDuplicate) continue;
        // An expired twin is not live: the same content said again is a new memory.
        const twin = (await this.findByHash(exactScope(w.memory), [w.memory.hash])).find(
          (m) => !isExpired(m, w.memory.createdAt),
        );
        if (twin) duplicates.push({ id: w.memory.id, existingId: twin.id });
        continue;
      }
      if (!w.ifVersion) continue;
      const id = w.op === "delete" ? w.id : w.memory.id;
      const point = stored.get(pointId(id));
      if (!point) throw new CortexMemError(ErrorCode.NOT_FOUND, `Memory ${id} no longer exists`);
      const current = memoryVersion(payloadToMemory(point.payload));
      if (!w.ifVersion.includes(current)) throw versionConflict(id, w.ifVersion, current);
    }
    return duplicates;
  }

  async get(id: string): Promise<Memory | null> {
    const point = (await this.#existing([id], true)).get(pointId(id));
    return point ? payloadToMemory(point.payload) : null;
  }

  async getMany(ids: string[]): Promise<Memory[]> {
    const found = await this.#existing(ids, true);
    return ids.flatMap((id) => {
      const point = found.get(pointId(id));
      return point ? [payloadToMemory(point.payload)] : [];
    });
  }

  async findByHash(scope: Scope, hashes: string[]): Promise<Memory[]> {
    if (hashes.length === 0) return [];
    const filter = withConditions(exactScopeFilter(scope), [
      { key: "superseded", match: { value: false } },
      { key: "hash", match: { any: hashes } },
    ]);
    return (await collectAll(this.#ready().conn, this.collection, filter, { payload: true })).map((p) =>
      payloadToMemory(p.payload),
    );
  }

  async list(query: StoreQuery, page: { limit: number; cursor?: string }): Promise<MemoryPage> {
    const mark: PageMark | undefined = page.cursor ? decodeMark(page.cursor) : undefined;
    const filter = queryFilter(query);
    const { points, more } = await orderedPage(this.#ready().conn, this.collection, filter, {
      direction: "desc",
      limit: page.limit,
      shape: { payload: true },
      ...(mark ? { mark } : {}),
    });
    const next = more
      ? nextMark(
          mark,
          points.map((p) => ({ id: payloadOf(p).id, key: payloadOf(p).sort_key })),
        )
      : undefined;
    return { memories: points.map((p) => payloadToMemory(p.payload)), nextCursor: next ? encodeMark(next) : null };
  }

  async vectorSearch(vector: Float32Array, query: StoreQuery, limit: number): Promise<StoreHit[]> {
    const filter = withConditions(queryFilter(query), [{ key: "embedder", match: { value: this.#embedder } }]);
    const result = await this.#ready().conn.call("search vectors", (c) =>
      c.query(this.collection, {
        query: Array.from(vector),
        using: DENSE,
        filter,
        limit,
        with_payload: HIT_PAYLOAD,
        params: QUANTIZED_SEARCH,
      }),
    );
    return result.points.map(hitOf);
  }

  /**
   * Best sparse (BM25-style) matches, weighed like the SQLite store's by the query's dates and
   * names (`indexing/query-factor.ts`): Qdrant scores a pool of {@link FACTOR_POOL}× `limit`, with
   * who said each and when, and the same core code weighs it and cuts it to `limit`.
   */
  async keywordSearch(text: string, query: StoreQuery, limit: number): Promise<StoreHit[]> {
    const sparse = queryVector(text);
    if (sparse === null) return [];
    const filter = queryFilter(query);
    const result = await this.#ready().conn.call("search keywords", (c) =>
      c.query(this.collection, {
        query: sparse,
        using: SPARSE,
        filter,
        limit: limit * FACTOR_POOL,
        with_payload: [...HIT_PAYLOAD, "actor_id", "content"],
      }),
    );
    const hits = result.points
      .filter((p) => p.score > 0)
      .map((p) => ({
        ...hitOf(p),
        speaker: speakerTerms((p.payload?.actor_id as string | null | undefined) ?? null, String(p.payload?.content)),
      }));
    return weighByQuery(text, hits, limit).map(({ id, score, importance, observedAt }) => ({
      id,
      score,
      importance,
      observedAt,
    }));
  }

  async history(memoryId: string): Promise<HistoryEntry[]> {
    return this.#ready().history.forMemory(memoryId);
  }

  async stats(scope: Scope): Promise<MemoryStats> {
    const { conn, history } = this.#ready();
    const base: QdrantFilter = { must: scopeConditions(scope) };
    const count = async (filter: QdrantFilter): Promise<number> =>
      (await conn.call("count memories", (c) => c.count(this.collection, { filter, exact: true }))).count;
    const facet = async (key: string): Promise<Record<string, number>> => {
      const result = await conn.call("count memories", (c) =>
        c.facet(this.collection, { key, filter: base, limit: 100_000, exact: true }),
      );
      return Object.fromEntries(result.hits.map((h) => [String(h.value), h.count]));
    };
    const [total, superseded, byType, byUser, byAgent, historyEntries] = await Promise.all([
      count(base),
      count(withConditions(base, [{ key: "superseded", match: { value: true } }])),
      facet("memory_type"),
      facet("user_id"),
      facet("agent_id"),
      history.count(scope),
    ]);
    return { total, superseded, byType, byUser, byAgent, historyEntries };
  }

  async ids(query: StoreQuery): Promise<string[]> {
    return (await collectAll(this.#ready().conn, this.collection, queryFilter(query), { payload: ["id"] })).map((p) =>
      String(p.payload?.id),
    );
  }

  async reset(): Promise<void> {
    const { conn, history } = this.#ready();
    await conn.call("reset the store", (c) => c.delete(this.collection, { wait: true, filter: { must: [] } }));
    await history.clear();
  }

  async *exportAll(scope: Scope): AsyncIterable<ExportRecord> {
    const { conn, history } = this.#ready();
    const filter: QdrantFilter = { must: scopeConditions(scope) };
    let mark: PageMark | undefined;
    for (;;) {
      const { points, more } = await orderedPage(conn, this.collection, filter, {
        direction: "asc",
        limit: BATCH,
        shape: { payload: true, vector: [DENSE] },
        ...(mark ? { mark } : {}),
      });
      const rows = await history.forMemories(points.map((p) => payloadOf(p).id));
      for (const p of points) {
        const dense = (p.vector as Record<string, unknown> | null | undefined)?.[DENSE];
        const vector =
          Array.isArray(dense) && payloadOf(p).embedder === this.#embedder
            ? Float32Array.from(dense as number[])
            : null;
        const memory = payloadToMemory(p.payload);
        yield { memory, vector, history: rows.get(memory.id) ?? [] };
      }
      if (!more) return;
      mark = nextMark(
        mark,
        points.map((p) => ({ id: payloadOf(p).id, key: payloadOf(p).sort_key })),
      );
    }
  }

  async importRecords(records: ExportRecord[], orphanHistory: HistoryEntry[] = []): Promise<number> {
    checkDimensions(
      records.map((r) => r.vector),
      this.#dims,
    );
    const { conn, history } = this.#ready();
    if (records.some((r) => r.vector)) await this.#checkEmbedder(this.#embedder);
    const seen = new Set<string>();
    const firstOfEach = records.filter(
      (r) => !seen.has(pointId(r.memory.id)) && Boolean(seen.add(pointId(r.memory.id))),
    );
    const stored = await this.#existing(
      firstOfEach.map((r) => r.memory.id),
      false,
    );
    const fresh = firstOfEach.filter((r) => !stored.has(pointId(r.memory.id)));
    for (const chunk of chunks(fresh)) {
      const points = chunk.map((r) => memoryPoint(r.memory, r.vector, this.#embedder));
      await conn.call("import memories", (c) => c.upsert(this.collection, { wait: true, points: points as never }));
    }
    await history.appendMissing([...records.flatMap((r) => r.history), ...orphanHistory]);
    return fresh.length;
  }

  async orphanHistory(scope: Scope): Promise<HistoryEntry[]> {
    const rows = await this.#ready().history.inScope(scope);
    const alive = await this.#existing([...new Set(rows.map((r) => r.memoryId))], false);
    return rows.filter((r) => !alive.has(pointId(r.memoryId)));
  }

  async staleVectors(embedder: string, limit: number): Promise<Memory[]> {
    const filter: QdrantFilter = { must: [], must_not: [{ key: "embedder", match: { value: embedder } }] };
    const page = await this.#ready().conn.call("find stale vectors", (c) =>
      c.scroll(this.collection, { filter, limit, with_payload: true, with_vector: false }),
    );
    return page.points.map((p) => payloadToMemory(p.payload));
  }

  async setVectors(items: { id: string; vector: Float32Array }[], embedder: string): Promise<void> {
    checkDimensions(
      items.map((i) => i.vector),
      this.#dims,
    );
    if (items.length > 0) await this.#checkEmbedder(embedder);
    const { conn } = this.#ready();
    const stored = await this.#existing(
      items.map((i) => i.id),
      false,
    );
    const present = items.filter((i) => stored.has(pointId(i.id)));
    for (const chunk of chunks(present)) {
      const ids = chunk.map((i) => pointId(i.id));
      const operations = [
        {
          update_vectors: {
            points: chunk.map((i) => ({ id: pointId(i.id), vector: { [DENSE]: Array.from(i.vector) } })),
          },
        },
        { set_payload: { points: ids, payload: { embedder } } },
      ];
      await conn.call("store vectors", (c) =>
        c.batchUpdate(this.collection, { wait: true, operations: operations as never }),
      );
    }
  }

  /** Reachable, key accepted, collection present with the caller's vectors (`expect`); changes nothing. */
  probe(options?: StoreProbeOptions): Promise<StoreProbeResult> {
    return probeQdrant({ ...this.#options, collection: this.collection }, options);
  }

  async count(): Promise<number> {
    return (await this.#ready().conn.call("count memories", (c) => c.count(this.collection, { exact: true }))).count;
  }

  async close(): Promise<void> {
    this.#conn = undefined;
    this.#history = undefined;
  }
}
