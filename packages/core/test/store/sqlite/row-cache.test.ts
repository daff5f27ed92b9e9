import { createRequire } from "node:module";
import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { createMemory } from "../../../src/create-memory.js";
import { defineConfig } from "../../../src/config/load-config.js";
import type { ReadLook } from "../../../src/store/memory-store.js";
import { RowCache } from "../../../src/store/sqlite/row-cache.js";
import { statementCache } from "../../../src/store/sqlite/statements.js";
import { onCleanup, openMemory, tempHome } from "../../helpers.js";

const require = createRequire(import.meta.url);

/** A file with a change log and a table of [rid, id, text] rows, written the way the store writes. */
function fixture() {
  const Driver = require("better-sqlite3") as typeof Database;
  const db = new Driver(":memory:");
  db.exec(`CREATE TABLE rows (rid INTEGER PRIMARY KEY, id TEXT UNIQUE, text TEXT);
    CREATE TABLE change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, rid INTEGER NOT NULL, op TEXT NOT NULL);`);
  const sql = statementCache(db);
  const write = (id: string, text: string) => {
    const { rid } = db
      .prepare(
        "INSERT INTO rows (id, text) VALUES (?, ?) ON CONFLICT(id) DO UPDATE SET text = excluded.text RETURNING rid",
      )
      .get(id, text) as { rid: number };
    db.prepare("INSERT INTO change_log (rid, op) VALUES (?, 'upsert')").run(rid);
  };
  let reads = 0;
  const read = (ids: string[]) => {
    reads += ids.length;
    return db
      .prepare("SELECT rid, id, text FROM rows WHERE id IN (SELECT value FROM json_each(?))")
      .raw(true)
      .all(JSON.stringify(ids)) as unknown[][];
  };
  // The newest log position, as the store reads it once per search.
  const head = () => db.prepare("SELECT COALESCE(MAX(seq), 0) FROM change_log").pluck().get() as number;
  const texts = (cache: RowCache, ids: string[], at = head()) => {
    const rows = cache.rows(sql, at, ids, read);
    return ids.flatMap((id) => (rows.has(id) ? [rows.get(id)?.[2]] : []));
  };
  return { db, write, texts, reads: () => reads };
}

describe("RowCache", () => {
  it("hands out a held row only while the change log says it is unchanged", () => {
    const f = fixture();
    const cache = new RowCache({ rid: 0, id: 1 });
    f.write("a", "one");
    f.write("b", "two");
    expect(f.texts(cache, ["a", "b"])).toEqual(["one", "two"]);
    expect(f.texts(cache, ["a", "b"])).toEqual(["one", "two"]);
    expect(f.reads()).toBe(2); // the second look read nothing
    f.write("a", "changed");
    expect(f.texts(cache, ["a", "b"])).toEqual(["changed", "two"]);
    expect(f.reads()).toBe(3); // only the changed row again
    f.db.exec("DELETE FROM rows WHERE id = 'b'; INSERT INTO change_log (rid, op) VALUES (2, 'delete')");
    expect(f.texts(cache, ["a", "b"])).toEqual(["changed"]);
  });

  it("forgets everything when the log was trimmed past its last look, or reset", () => {
    const f = fixture();
    const cache = new RowCache({ rid: 0, id: 1 });
    f.write("a", "one");
    expect(f.texts(cache, ["a"])).toEqual(["one"]);
    // Another process changes the row, then trims the log past the change (as the writer does).
    f.db.exec("UPDATE rows SET text = 'unlogged' WHERE id = 'a'");
    for (let i = 0; i < 3; i++) f.write("other", `x${i}`);
    f.db.exec("DELETE FROM change_log WHERE seq < (SELECT MAX(seq) FROM change_log)");
    expect(f.texts(cache, ["a"])).toEqual(["unlogged"]);
    f.db.exec(
      "UPDATE rows SET text = 'after reset' WHERE id = 'a'; INSERT INTO change_log (rid, op) SELECT 0, 'reset'",
    );
    expect(f.texts(cache, ["a"])).toEqual(["after reset"]);
  });

  it("keeps the most recently used rows within its capacity, and does not keep large reads", () => {
    const f = fixture();
    const cache = new RowCache({ rid: 0, id: 1 }, 2);
    for (const id of ["a", "b", "c"]) f.write(id, id);
    f.texts(cache, ["a"]);
    f.texts(cache, ["b"]);
    f.texts(cache, ["a"]); // a used last: b is the oldest
    f.texts(cache, ["c"]);
    expect(cache.size).toBe(2);
    const before = f.reads();
    expect(f.texts(cache, ["a", "c"])).toEqual(["a", "c"]);
    expect(f.reads()).toBe(before);
    expect(f.texts(cache, ["b"])).toEqual(["b"]);
    expect(f.reads()).toBe(before + 1);

    const big = new RowCache({ rid: 0, id: 1 });
    const ids = Array.from({ length: 300 }, (_, i) => `m${i}`);
    for (const id of ids) f.write(id, id);
    expect(f.texts(big, ids)).toHaveLength(300);
    expect(big.size).toBe(0);
  });

  it("trusts a head behind its last look: the rows it holds are as new as that look", () => {
    const f = fixture();
    const cache = new RowCache({ rid: 0, id: 1 });
    f.write("a", "one");
    const early = f.reads();
    expect(f.texts(cache, ["a"])).toEqual(["one"]);
    f.write("a", "two");
    expect(f.texts(cache, ["a"])).toEqual(["two"]); // a newer look forgets the changed row
    // A search that looked before that change still gets the newer row, and nothing is forgotten.
    expect(f.texts(cache, ["a"], 1)).toEqual(["two"]);
    // Nor does the next look go back over a change already seen.
    expect(f.texts(cache, ["a"])).toEqual(["two"]);
    expect(f.reads()).toBe(early + 2);
  });
});

describe("SqliteStore.getMany through the row cache", () => {
  it("shows the stored row after another connection changed or deleted a memory a search showed", async () => {
    const home = tempHome();
    const one = await openMemory({}, {}, home);
    const two = await createMemory(defineConfig({ home }));
    onCleanup(() => two.close());
    const { results } = await one.add("the blue bicycle is in the shed", { userId: "u", infer: false });
    const id = results[0]!.id;
    expect((await one.search("blue bicycle", { userId: "u" }))[0]?.metadata).toEqual({});
    // Neither the words nor the ranking change: only the row read for the answer can tell.
    await two.update(id, { metadata: { colour: "blue" }, memoryType: "personal" });
    const [shown] = await one.search("blue bicycle", { userId: "u" });
    expect(shown).toMatchObject({ id, metadata: { colour: "blue" }, memoryType: "personal" });
    await two.delete(id);
    expect(await one.search("blue bicycle", { userId: "u" })).toEqual([]);
  });

  it("serves one search's reads from one look at the change log, and the next search from a new look", async () => {
    const home = tempHome();
    const one = await openMemory({}, {}, home);
    const two = await createMemory(defineConfig({ home }));
    onCleanup(() => two.close());
    const { results } = await one.add("the red kite over the hill", { userId: "u", infer: false });
    const id = results[0]!.id;
    await one.search("red kite", { userId: "u" }); // the row is held from here on
    const look: ReadLook = {};
    const query = { scope: { userId: "u" }, filters: {}, look };
    expect((await one.store.keywordSearch("red kite", query, 10)).map((h) => h.id)).toEqual([id]);
    expect(look.seen).toBeGreaterThan(0);
    // Another connection rewrites the memory after that search looked…
    await two.update(id, { content: "a grey heron by the river" });
    // …so that search's own reads still agree with its look (no second look at the log),
    expect((await one.store.getMany([id], look)).map((m) => m.content)).toEqual(["the red kite over the hill"]);
    // while the next search looks again: the new words are found and the new row is shown.
    expect(await one.search("red kite", { userId: "u" })).toEqual([]);
    const [shown] = await one.search("grey heron", { userId: "u" });
    expect(shown).toMatchObject({ id, content: "a grey heron by the river" });
    expect((await one.store.getMany([id])).map((m) => m.content)).toEqual(["a grey heron by the river"]);
  });

  it("hands out new objects on every read (the caller may change them)", async () => {
    const memory = await openMemory();
    const { results } = await memory.add("green tea at noon", { userId: "u", infer: false });
    const [first] = await memory.search("green tea", { userId: "u" });
    first!.content = "changed by the caller";
    (first!.entities as string[]).push("caller");
    const [again] = await memory.search("green tea", { userId: "u" });
    expect(again).toMatchObject({ id: results[0]!.id, content: "green tea at noon", entities: [] });
  });
});
