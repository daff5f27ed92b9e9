import { describe, expect, it } from "vitest";
import { QdrantStore } from "../../src/index.js";
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

const open = (location: string): QdrantStore => new QdrantStore({ url: url as string, collection: location, ...(apiKey ? { apiKey } : {}) });

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
          ["agent_id", "created_at", "embedder", "entities_lc", "hash", "importance", "memory_type", "observed_at", "run_id", "sort_key", "superseded", "topics_lc", "user_id"].sort(),
        );
        expect((await client.collectionExists(`${location}_history`)).exists).toBe(true);
      } finally {
        await store.close();
        await dropCollections(location);
      }
    });
  });
} else {
  describe.skip("qdrant store contract", () => {
    it("QDRANT_URL not set: no Qdrant server on this machine", () => undefined);
  });
}
