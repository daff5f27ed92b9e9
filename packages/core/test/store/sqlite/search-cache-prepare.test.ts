import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SearchCache } from "../../../src/store/sqlite/search-cache.js";
import { onCleanup, openMemory, tempHome } from "../../helpers.js";

/** A home whose user `bob` holds 700 memories (three slices and a bit), and a cache on its own connection. */
async function bigPartition() {
  const home = tempHome();
  const memory = await openMemory({}, {}, home);
  for (let batch = 0; batch < 7; batch++) {
    const messages = Array.from({ length: 100 }, (_, i) => ({
      role: "user",
      content: `bob keeps gardening note ${batch * 100 + i} about tulip bed ${i % 13}`,
    }));
    await memory.add(messages, { userId: "bob", infer: false });
  }
  const embedder = memory.embedder.id;
  const query = (await memory.embedder.embed(["gardening note about the tulip bed"]))[0] as Float32Array;
  const db = new Database(join(home, "memories.db"));
  onCleanup(() => void db.close());
  const open = () => new SearchCache(db, { dims: query.length, embedder, annThreshold: 0, dbPath: null });
  return { memory, open, query };
}

/** What a search of bob sees: every id with its score, vector and keyword side (sorted: ties may come in any order). */
function seen(cache: SearchCache, query: Float32Array) {
  const pairs = (hits: { id: string; score: number }[]) => hits.map((h) => `${h.id} ${h.score.toFixed(6)}`).sort();
  return {
    vectors: pairs(cache.search(query, { userId: "bob" }, 2000, false)),
    keywords: pairs(cache.keywordSearch("gardening tulip", { userId: "bob" }, 2000, false)),
  };
}

const turn = () => new Promise((resolve) => setImmediate(resolve));

describe("SearchCache.prepare: partitions load in slices without holding the event loop", () => {
  it("yields between slices, and then searches exactly what a cache loaded in one piece finds", async () => {
    const { open, query } = await bigPartition();
    const cache = open();
    let settled = false;
    const loading = Promise.all([cache.prepare("vectors", "bob"), cache.prepare("keywords", "bob")]).then(
      () => (settled = true),
    );
    let turns = 0;
    while (!settled) {
      await turn();
      turns += 1;
    }
    await loading;
    expect(turns).toBeGreaterThanOrEqual(3); // other work ran between the slices
    expect(cache.size).toBe(700);
    expect(seen(cache, query)).toEqual(seen(open(), query));
  });

  it("ends up current when other writers add, change and delete the user's memories while it loads", async () => {
    const { memory, open, query } = await bigPartition();
    const ids = (await memory.list({ userId: "bob", limit: 1000 })).memories.map((m) => m.id);
    const cache = open();
    cache.search(query, { userId: "ann" }, 1, false); // the cache has synced once: later writes replay
    let settled = false;
    const loading = Promise.all([cache.prepare("vectors", "bob"), cache.prepare("keywords", "bob")]).then(
      () => (settled = true),
    );
    let rounds = 0;
    for (let i = 0; !settled; i++, rounds++) {
      await memory.add(`bob adds gardening note ${i} while the cache loads`, { userId: "bob", infer: false });
      await memory.delete(ids[(i * 37) % ids.length] as string).catch(() => undefined);
      await memory
        .update(ids[(i * 53 + 1) % ids.length] as string, { content: `tulip gardening rewritten ${i}` })
        .catch(() => undefined);
      await turn();
    }
    await loading;
    expect(rounds).toBeGreaterThan(0);
    expect(seen(cache, query)).toEqual(seen(open(), query));
  });

  it("a search in one piece during a sliced load sees the whole partition, never part of it", async () => {
    const { open, query } = await bigPartition();
    const cache = open();
    const loading = cache.prepare("vectors", "bob");
    await turn(); // the first slice is in
    expect(seen(cache, query)).toEqual(seen(open(), query));
    await loading;
    expect(seen(cache, query)).toEqual(seen(open(), query));
  });
});
