import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SearchCache } from "../../../src/store/sqlite/search-cache.js";
import { onCleanup, openMemory, tempHome } from "../../helpers.js";

async function storeOfThreeUsers() {
  const home = tempHome();
  const memory = await openMemory({}, {}, home);
  for (const [user, n] of [
    ["ann", 3],
    ["bob", 5],
    ["cy", 2],
  ] as const) {
    for (let i = 0; i < n; i++)
      await memory.add(`${user} keeps note number ${i} about gardening`, { userId: user, infer: false });
  }
  await memory.add("a note with no user about gardening", { agentId: "agent", infer: false });
  const embedder = memory.embedder.id;
  const query = (await memory.embedder.embed(["note about gardening"]))[0] as Float32Array;
  await memory.close();
  const db = new Database(join(home, "memories.db"));
  onCleanup(() => void db.close());
  const cache = new SearchCache(db, { dims: query.length, embedder, annThreshold: 0, dbPath: null });
  return { db, cache, query };
}

describe("SearchCache", () => {
  it("loads a user's rows on that user's first search only, and every row for an unscoped search", async () => {
    const { cache, query } = await storeOfThreeUsers();
    expect(cache.size).toBe(0);
    expect(cache.keywordSearch("gardening", { userId: "ann" }, 10, false)).toHaveLength(3);
    expect(cache.size).toBe(3);
    expect(cache.search(query, { userId: "bob" }, 10, false)).toHaveLength(5);
    expect(cache.size).toBe(8);
    expect(cache.search(query, {}, 20, false)).toHaveLength(11);
    expect(cache.size).toBe(11);
  });

  it("reads no vector while only keyword searches run (the offline default), and a user's vectors on their first vector search", async () => {
    const { cache, query } = await storeOfThreeUsers();
    expect(cache.keywordSearch("gardening", { userId: "bob" }, 10, false)).toHaveLength(5);
    expect(cache.vectorSize).toBe(0);
    expect(cache.search(query, { userId: "bob" }, 10, false)).toHaveLength(5);
    expect(cache.vectorSize).toBe(5);
    expect(cache.search(query, {}, 20, false)).toHaveLength(11);
    expect(cache.vectorSize).toBe(11);
  });

  it("applies other processes' writes to loaded users and picks up unloaded ones fresh", async () => {
    const { db, cache, query } = await storeOfThreeUsers();
    cache.search(query, { userId: "ann" }, 10, false);
    const other = await openMemory({}, {}, join(db.name, ".."));
    await other.add("ann adds one more gardening note", { userId: "ann", infer: false });
    await other.add("cy adds one more gardening note", { userId: "cy", infer: false });
    const annHits = cache.search(query, { userId: "ann" }, 10, false);
    expect(annHits).toHaveLength(4);
    expect(cache.size).toBe(4);
    expect(cache.keywordSearch("gardening", { userId: "cy" }, 10, false)).toHaveLength(3);
  });

  it("loads a partition already past the ANN threshold without codes, and finds what the exact scan finds", async () => {
    const { db, cache: exact, query } = await storeOfThreeUsers();
    const embedder = (db.prepare("SELECT value FROM meta WHERE key = 'embedder'").pluck().get() as string) ?? "";
    const indexed = new SearchCache(db, { dims: query.length, embedder, annThreshold: 4, dbPath: null });
    // Equal scores tie in any order: compare as sets ordered by id.
    const byId = (hits: { id: string }[]) => [...hits].sort((a, b) => a.id.localeCompare(b.id));
    await indexed.prepare("vectors", "bob");
    expect(byId(indexed.search(query, { userId: "bob" }, 10, false))).toEqual(
      byId(exact.search(query, { userId: "bob" }, 10, false)),
    );
    expect(byId(indexed.search(query, {}, 20, false))).toEqual(byId(exact.search(query, {}, 20, false)));
    const other = await openMemory({}, {}, join(db.name, ".."));
    await other.add("bob adds one more gardening note", { userId: "bob", infer: false });
    await other.delete((exact.search(query, { userId: "bob" }, 1, false)[0] as { id: string }).id);
    const after = indexed.search(query, { userId: "bob" }, 10, false);
    expect(after).toHaveLength(5);
    expect(byId(after)).toEqual(byId(exact.search(query, { userId: "bob" }, 10, false)));
  });

  it("returns exact cosines after re-scoring the int8 shortlist", async () => {
    const { db, cache, query } = await storeOfThreeUsers();
    const hits = cache.search(query, { userId: "bob" }, 3, false);
    const row = db
      .prepare("SELECT v.vector FROM vectors v JOIN memories m ON m.rid = v.rid WHERE m.id = ?")
      .get(hits[0]!.id) as { vector: Buffer };
    const vector = new Float32Array(new Uint8Array(row.vector).buffer);
    const exact = vector.reduce((s, x, i) => s + x * (query[i] as number), 0);
    expect(hits[0]!.score).toBeCloseTo(exact, 6);
    expect(hits.map((h) => h.score)).toEqual([...hits.map((h) => h.score)].sort((a, b) => b - a));
  });
});
