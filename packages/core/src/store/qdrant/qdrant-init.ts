import { QdrantConnection } from "./qdrant-connection.js";
import type { RetryPolicy } from "./qdrant-errors.js";
import type { QdrantFilter } from "./qdrant-filter.js";
import { HistoryCollection } from "./qdrant-history.js";
import {
  MEMORY_INDEXES,
  createCollection,
  dimensionMismatch,
  ensureIndexes,
  memoryCollectionConfig,
  storedDimensions,
} from "./qdrant-schema.js";

/** Where the store lives. */
export interface CollectionTarget {
  url: string;
  apiKey?: string;
  collection: string;
  timeoutMs?: number;
  retry?: RetryPolicy;
}

/**
 * Connects and makes the collections ready, with the checks SQLite's `init` makes: the memory
 * collection is created when missing (an empty one of another dimension is made again), a
 * collection holding vectors of another dimension or embedder is a `CONFIG` error (unless
 * `reembed` switches embedders of the same dimension), payload indexes are ensured and the
 * embedder and dimension are recorded.
 */
export async function prepareCollections(
  target: CollectionTarget,
  options: { dimensions: number; embedder: string; reembed?: boolean },
): Promise<{ conn: QdrantConnection; history: HistoryCollection }> {
  const conn = await QdrantConnection.open({
    url: target.url,
    timeoutMs: target.timeoutMs ?? 10_000,
    retry: target.retry ?? { attempts: 3, baseDelayMs: 200 },
    ...(target.apiKey ? { apiKey: target.apiKey } : {}),
  });
  const name = target.collection;
  const history = new HistoryCollection(conn, `${name}_history`);
  const exists = (await conn.call(`look up the collection ${name}`, (c) => c.collectionExists(name))).exists;
  if (!exists) await createCollection(conn, name, memoryCollectionConfig(options.dimensions));
  await history.ensure();
  const meta = await history.readMeta();
  const stored = exists ? await storedDimensions(conn, name) : options.dimensions;
  const count = async (filter: QdrantFilter): Promise<number> =>
    (await conn.call(`count ${name}`, (c) => c.count(name, { filter, exact: true }))).count;
  if (stored !== options.dimensions) {
    if ((await count({ must: [] })) > 0)
      throw dimensionMismatch(name, { dimensions: stored, embedder: meta?.embedder }, options);
    await conn.call(`drop the empty collection ${name}`, (c) => c.deleteCollection(name));
    await createCollection(conn, name, memoryCollectionConfig(options.dimensions));
  } else if (meta?.embedder !== undefined && meta.embedder !== options.embedder && !options.reembed) {
    if ((await count({ must: [], must_not: [{ is_empty: { key: "embedder" } }] })) > 0)
      throw dimensionMismatch(name, { dimensions: stored, embedder: meta.embedder }, options);
  }
  await ensureIndexes(conn, name, MEMORY_INDEXES);
  await history.writeMeta({ embedder: options.embedder, dimensions: options.dimensions });
  return { conn, history };
}
