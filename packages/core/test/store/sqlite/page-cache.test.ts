import Database from "better-sqlite3";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { configureConnection } from "../../../src/store/sqlite/schema.js";
import { SearchCache } from "../../../src/store/sqlite/search-cache.js";
import { BULK_READ_CACHE_KIB, releasePageCache, withSmallPageCache } from "../../../src/store/sqlite/page-cache.js";
import { onCleanup, openMemory, tempHome } from "../../helpers.js";

/**
 * A home whose user `bob` holds 600 memories, and a store connection (configured as the store's)
 * whose reads of `memories` record the page cache size in effect when each read starts.
 */
async function recordedStore() {
  const home = tempHome();
  const memory = await openMemory({}, {}, home);
  for (let batch = 0; batch < 6; batch++) {
    const messages = Array.from({ length: 100 }, (_, i) => ({
      role: "user",
      content: `bob keeps gardening note ${batch * 100 + i} about tulip bed ${i % 13}`,
    }));
    await memory.add(messages, { userId: "bob", infer: false });
  }
  const db = new Database(join(home, "memories.db"));
  onCleanup(() => void db.close());
  configureConnection(db);
  const setting = db.pragma("cache_size", { simple: true }) as number;
  const sizes: number[] = [];
  const prepare = db.prepare.bind(db);
  db.prepare = ((sql: string) => {
    const stmt = prepare(sql);
    if (!/FROM memories/.test(sql)) return stmt;
    for (const method of ["all", "iterate", "get"] as const) {
      const run = stmt[method].bind(stmt) as (...args: unknown[]) => unknown;
      Object.assign(stmt, {
        [method]: (...args: unknown[]) => {
          sizes.push(db.pragma("cache_size", { simple: true }) as number);
          return run(...args);
        },
      });
    }
    return stmt;
  }) as typeof db.prepare;
  const dims = await memory.embedder.dimensions();
  const open = () => new SearchCache(db, { dims, embedder: memory.embedder.id, annThreshold: 0, dbPath: null });
  return { db, setting, sizes, open };
}

describe("page cache: bulk loads read with a small SQLite page cache and give it back", () => {
  it("a sliced keyword load reads every row with the small cache, then the connection has its own size again", async () => {
    const { db, setting, sizes, open } = await recordedStore();
    await open().prepare("keywords", "bob");
    expect(sizes.length).toBeGreaterThanOrEqual(3); // the rids, then slices of rows
    expect(new Set(sizes)).toEqual(new Set([-BULK_READ_CACHE_KIB]));
    expect(db.pragma("cache_size", { simple: true })).toBe(setting);
    expect(setting).toBe(-65536);
  });

  it("a keyword load in one piece (a search without prepare) reads with the small cache too", async () => {
    const { db, setting, sizes, open } = await recordedStore();
    const cache = open();
    expect(cache.keywordSearch("gardening tulip", { userId: "bob" }, 5, false).length).toBe(5);
    const loads = sizes.filter((size) => size === -BULK_READ_CACHE_KIB);
    expect(loads.length).toBeGreaterThanOrEqual(1);
    expect(db.pragma("cache_size", { simple: true })).toBe(setting);
  });

  it("sets the size back when the read throws, and runs the read as is while a statement iterates", () => {
    const db = new Database(":memory:");
    onCleanup(() => void db.close());
    db.pragma("cache_size = -4096");
    expect(() =>
      withSmallPageCache(db, () => {
        expect(db.pragma("cache_size", { simple: true })).toBe(-BULK_READ_CACHE_KIB);
        throw new Error("read failed");
      }),
    ).toThrow("read failed");
    expect(db.pragma("cache_size", { simple: true })).toBe(-4096);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES (1), (2)");
    const seen: number[] = [];
    for (const row of db.prepare("SELECT x FROM t").iterate() as Iterable<{ x: number }>)
      seen.push(withSmallPageCache(db, () => row.x));
    expect(seen).toEqual([1, 2]);
    releasePageCache(db);
    expect(db.pragma("cache_size", { simple: true })).toBe(-4096);
  });
});
