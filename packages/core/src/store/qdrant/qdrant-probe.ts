import { runStoreProbe } from "../store-probe.js";
import type { StoreProbeOptions, StoreProbeResult } from "../store-probe.js";
import { QdrantConnection } from "./qdrant-connection.js";
import { HistoryCollection } from "./qdrant-history.js";
import { dimensionMismatch, storedDimensions } from "./qdrant-schema.js";

/** Where the probed collection lives and how to reach it. */
export interface QdrantProbeTarget {
  url: string;
  apiKey?: string;
  collection: string;
  timeoutMs?: number;
}

/**
 * Probes a Qdrant collection without changing it, each call tried once: the server answers and
 * accepts the key, the collection exists (a missing one is created at first use: ok, with a note),
 * holds the caller's vectors (`expect`) and answers a count. Qdrant keeps no layout version and
 * has no read-only mode, so `schemaVersion` stays null and `writable` is what the key was allowed.
 */
export function probeQdrant(target: QdrantProbeTarget, options: StoreProbeOptions = {}): Promise<StoreProbeResult> {
  const name = target.collection;
  return runStoreProbe(
    { provider: "qdrant", baseUrl: target.url, location: name },
    async (state) => {
      const conn = await QdrantConnection.open({
        url: target.url,
        timeoutMs: target.timeoutMs ?? 10_000,
        retry: { attempts: 1, baseDelayMs: 0 },
        ...(target.apiKey ? { apiKey: target.apiKey } : {}),
      });
      state.exists = (await conn.once(`look up the collection ${name}`, (c) => c.collectionExists(name))).exists;
      state.writable = true;
      if (!state.exists) {
        state.memories = 0;
        return `collection ${name} not created yet (created at first use)`;
      }
      state.memories = (await conn.once(`count ${name}`, (c) => c.count(name, { exact: false }))).count;
      if (!options.expect || state.memories === 0) return;
      const stored = await storedDimensions(conn, name);
      const history = new HistoryCollection(conn, `${name}_history`);
      const hasHistory = (await conn.once("look up the history", (c) => c.collectionExists(history.name))).exists;
      const embedder = hasHistory ? (await history.readMeta())?.embedder : undefined;
      const expected = options.expect;
      if (stored !== expected.dimensions || (embedder !== undefined && embedder !== expected.embedder))
        throw dimensionMismatch(name, { dimensions: stored, embedder }, expected);
    },
    options.signal,
  );
}
