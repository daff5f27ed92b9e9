import type { HistoryEntry, Scope } from "../../types/memory.js";
import { nextSeq, pointId } from "./point-id.js";
import type { QdrantConnection } from "./qdrant-connection.js";
import { scopeConditions } from "./qdrant-filter.js";
import type { QdrantFilter } from "./qdrant-filter.js";
import { historyToPayload, payloadToHistory } from "./qdrant-payload.js";
import type { HistoryPayload } from "./qdrant-payload.js";
import { HISTORY_INDEXES, createCollection, ensureIndexes } from "./qdrant-schema.js";
import { collectAll } from "./qdrant-scroll.js";

/** The point of the history collection that holds the store's settings (embedder, dimension). */
const META_ID = "00000000-0000-5000-8000-00000000c0de";
const BATCH = 256;

/** What the store remembers about itself. */
export interface StoreMeta {
  embedder?: string;
  dimensions?: number;
}

/**
 * History rows in a Qdrant collection of their own (`<collection>_history`, payload only), so a
 * cluster of stateless services needs nothing but Qdrant. Rows are ordered by a sequence number
 * taken when they are written, as SQLite orders them by insertion.
 */
export class HistoryCollection {
  readonly name: string;
  readonly #conn: QdrantConnection;

  constructor(conn: QdrantConnection, name: string) {
    this.#conn = conn;
    this.name = name;
  }

  /** Creates the collection and its indexes when missing. */
  async ensure(): Promise<void> {
    const exists = await this.#conn.call(`look up the collection ${this.name}`, (c) => c.collectionExists(this.name));
    // Payload only: no dense vectors, and an unused sparse one (the documented vector-less layout).
    if (!exists.exists) await createCollection(this.#conn, this.name, { sparse_vectors: { unused: {} } });
    await ensureIndexes(this.#conn, this.name, HISTORY_INDEXES);
  }

  async readMeta(): Promise<StoreMeta | null> {
    const [point] = await this.#conn.call("read the store settings", (c) =>
      c.retrieve(this.name, { ids: [META_ID], with_payload: true, with_vector: false }),
    );
    return point ? ((point.payload ?? {}) as StoreMeta) : null;
  }

  async writeMeta(meta: StoreMeta): Promise<void> {
    await this.#conn.call("save the store settings", (c) =>
      c.upsert(this.name, { wait: true, points: [{ id: META_ID, vector: {}, payload: { meta: true, ...meta } }] }),
    );
  }

  #filter(must: QdrantFilter["must"]): QdrantFilter {
    return { must, must_not: [{ has_id: [META_ID] }] };
  }

  /** Appends rows (sequence numbers taken now, in order). Retried safely: ids and numbers are fixed before the first try. */
  async append(entries: HistoryEntry[]): Promise<void> {
    const points = entries.map((h) => ({
      id: pointId(h.id),
      vector: {},
      payload: historyToPayload(h, nextSeq()) as unknown as Record<string, unknown>,
    }));
    for (let i = 0; i < points.length; i += BATCH) {
      const chunk = points.slice(i, i + BATCH);
      await this.#conn.call("save history", (c) => c.upsert(this.name, { wait: true, points: chunk }));
    }
  }

  /** Appends the rows whose ids are not stored yet (import); existing rows keep their place. */
  async appendMissing(entries: HistoryEntry[]): Promise<void> {
    const unique = [...new Map(entries.map((h) => [pointId(h.id), h])).values()];
    const present = new Set<string>();
    for (let i = 0; i < unique.length; i += BATCH) {
      const ids = unique.slice(i, i + BATCH).map((h) => pointId(h.id));
      const found = await this.#conn.call("read history", (c) =>
        c.retrieve(this.name, { ids, with_payload: false, with_vector: false }),
      );
      for (const p of found) present.add(String(p.id));
    }
    await this.append(unique.filter((h) => !present.has(pointId(h.id))));
  }

  async #read(filter: QdrantFilter): Promise<HistoryEntry[]> {
    const points = await collectAll(this.#conn, this.name, filter, { payload: true });
    const rows = points.map((p) => p.payload as unknown as HistoryPayload).sort((a, b) => a.seq - b.seq);
    return rows.map(payloadToHistory);
  }

  /** Rows of one memory, oldest first. */
  forMemory(memoryId: string): Promise<HistoryEntry[]> {
    return this.#read(this.#filter([{ key: "memory_id", match: { value: memoryId } }]));
  }

  /** Rows of several memories, oldest first, grouped by memory id. */
  async forMemories(memoryIds: string[]): Promise<Map<string, HistoryEntry[]>> {
    const out = new Map<string, HistoryEntry[]>(memoryIds.map((id) => [id, []]));
    if (memoryIds.length === 0) return out;
    for (const h of await this.#read(this.#filter([{ key: "memory_id", match: { any: memoryIds } }])))
      out.get(h.memoryId)?.push(h);
    return out;
  }

  /** Every row in the scope, oldest first. */
  inScope(scope: Scope): Promise<HistoryEntry[]> {
    return this.#read(this.#filter(scopeConditions(scope)));
  }

  async count(scope: Scope): Promise<number> {
    const result = await this.#conn.call("count history", (c) =>
      c.count(this.name, { filter: this.#filter(scopeConditions(scope)), exact: true }),
    );
    return result.count;
  }

  /** Removes every row (the settings stay). */
  async clear(): Promise<void> {
    await this.#conn.call("clear history", (c) => c.delete(this.name, { wait: true, filter: this.#filter([]) }));
  }
}
