import { describe, expect, it } from "vitest";
import { join } from "node:path";
import { QdrantStore } from "../../src/store/qdrant-store.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { createMemory } from "../../src/create-memory.js";
import { defineConfig } from "../../src/config/load-config.js";
import { migrateStore } from "../../src/engine/migrate.js";
import { onCleanup, tempHome } from "../helpers.js";
import { storeContract } from "./contract/store-contract.js";
import { DIMS, EMBEDDER } from "./contract/fixtures.js";

// A real Qdrant server is needed (`docker run -p 6333:6333 qdrant/qdrant`, then
// `QDRANT_URL=http://localhost:6333 pnpm test`). None can be installed on this machine, and an
// imitation server would only test our idea of Qdrant, so without one the suite is skipped.
const url = process.env.QDRANT_URL;
const apiKey = process.env.QDRANT_API_KEY;

async function dropCollections(location: string): Promise<void> {
  const { QdrantClient } = await import("@qdrant/js-client-rest");
  const client = new QdrantClient({ url: url as string, checkCompatibility: false, ...(apiKey ? { apiKey } : {}) });
  for (const name of [location, `${location}_history`]) await client.deleteCollection(name).catch(() => undefined);
}

const open = (location: string): QdrantStore =>
  new QdrantStore({ url: url as string, collection: location, ...(apiKey ? { apiKey } : {}) });

if (url) {
  storeContract("qdrant", { open, destroy: dropCollections });

  describe("QdrantStore on a real server", () => {
    it("creates the collections with the dense and sparse vectors and every payload index", async () => {
      const location = `contract_indexes_${Date.now()}`;
      const store = open(location);
      try {
        await store.init({ dimensions: DIMS, embedder: EMBEDDER });
        const { QdrantClient } = await import("@qdrant/js-client-rest");
        const client = new QdrantClient({ url, checkCompatibility: false, ...(apiKey ? { apiKey } : {}) });
        const info = await client.getCollection(location);
        expect(info.config.params.vectors).toMatchObject({ dense: { size: DIMS, distance: "Cosine" } });
        expect(info.config.params.sparse_vectors).toMatchObject({ bm25: { modifier: "idf" } });
        expect(Object.keys(info.payload_schema).sort()).toEqual(
          [
            "agent_id",
            "created_at",
            "embedder",
            "entities_lc",
            "hash",
            "importance",
            "memory_type",
            "observed_at",
            "run_id",
            "sort_key",
            "superseded",
            "topics_lc",
            "user_id",
          ].sort(),
        );
        expect((await client.collectionExists(`${location}_history`)).exists).toBe(true);
      } finally {
        await store.close();
        await dropCollections(location);
      }
    });
  });

  describe("the engine on Qdrant", () => {
    it("adds, searches, updates, deletes and migrates to SQLite and back", async () => {
      const collection = `contract_engine_${Date.now()}`;
      const home = tempHome();
      onCleanup(() => dropCollections(collection));
      const memory = await createMemory(
        defineConfig({ home, qdrant: { url, collection, ...(apiKey ? { apiKey } : {}) } }),
      );
      onCleanup(() => memory.close());
      expect(memory.store.kind).toBe("qdrant");
      const { results } = await memory.add("Ana hikes in the Alps every summer", { userId: "ana", infer: false });
      await memory.add("Bob collects vinyl records", { userId: "bob", infer: false });
      expect((await memory.search("hiking in the mountains", { userId: "ana" }))[0]?.id).toBe(results[0]!.id);
      expect(await memory.search("vinyl records", { userId: "ana" })).toEqual([]);
      await memory.update(results[0]!.id, { content: "Ana hikes in the Pyrenees every summer" });
      expect((await memory.history(results[0]!.id)).map((h) => h.event)).toEqual(["ADD", "UPDATE"]);
      expect((await memory.deleteAll({ userId: "bob" })).deleted).toBe(1);

      const sqlite = new SqliteStore({ path: join(home, "copy.db") });
      onCleanup(() => sqlite.close());
      await sqlite.init({ dimensions: await memory.embedder.dimensions(), embedder: memory.embedder.id });
      expect(await migrateStore(memory.store, sqlite)).toMatchObject({ total: 1, copied: 1, orphanHistory: 2 });
      const back = open(`${collection}_back`);
      onCleanup(() => dropCollections(`${collection}_back`));
      await back.init({ dimensions: await memory.embedder.dimensions(), embedder: memory.embedder.id });
      expect(await migrateStore(sqlite, back)).toMatchObject({ total: 1, copied: 1 });
      expect(await back.get(results[0]!.id)).toEqual(await memory.get(results[0]!.id));
      expect((await back.stats({})).historyEntries).toBe(4);
      await back.close();
    });
  });
} else {
  describe.skip("qdrant store contract", () => {
    it("QDRANT_URL not set: no Qdrant server on this machine", () => undefined);
  });
}
