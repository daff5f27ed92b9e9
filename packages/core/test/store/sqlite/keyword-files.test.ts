import Database from "better-sqlite3";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { KeywordFiles } from "../../../src/store/sqlite/keyword-files.js";
import { SearchCache } from "../../../src/store/sqlite/search-cache.js";
import { contentHash } from "../../../src/util/text.js";
import type { MemoryManager } from "../../../src/engine/memory-manager.js";
import { onCleanup, openMemory, tempHome } from "../../helpers.js";

const WORDS = ["garden", "tomato", "river", "boat", "violin", "lesson", "paris", "train", "bakery", "bread", "hiking"];
const QUERIES = ["garden tomato", "river boat trip", "violin lessons", "bread from the bakery", "hiking in paris"];

/** 300 memories of "ann" (past the size worth a file) and 20 of "bob" (under it), said over 300 days. */
async function filledHome(): Promise<{ home: string; dbPath: string; memory: MemoryManager }> {
  const home = tempHome();
  const memory = await openMemory({}, {}, home);
  const day = Date.UTC(2024, 0, 1);
  const lines = [JSON.stringify({ type: "header", format: "cortex-mem-export" })];
  for (let i = 0; i < 320; i++) {
    const words = [0, 3, 7].map((k) => WORDS[(i * (k + 1) + k) % WORDS.length]);
    const content = `note ${i}: ${words.join(" and ")} on day ${i % 17}`;
    const at = new Date(day + i * 86_400_000).toISOString();
    lines.push(
      JSON.stringify({
        type: "memory",
        vector: null,
        history: [],
        memory: {
          id: crypto.randomUUID(),
          content,
          memory_type: "factual",
          user_id: i < 300 ? "ann" : "bob",
          importance_score: 0.5,
          entities: [],
          topics: [],
          metadata: {},
          hash: contentHash(content),
          created_at: at,
          updated_at: at,
          observed_at: at,
          source: [],
        },
      }),
    );
  }
  await memory.import(lines);
  return { home, dbPath: join(home, "memories.db"), memory };
}

/** A cache over its own connection to the file, as another process would hold (`dbPath` null: no files). */
function cacheOf(dbPath: string, files = true): SearchCache {
  const db = new Database(dbPath);
  const cache = new SearchCache(db, { dims: 8, embedder: "none", annThreshold: 0, dbPath: files ? dbPath : null });
  onCleanup(() => {
    cache.close();
    db.close();
  });
  return cache;
}

/** Every query's ranking (ids and scores) for `user`, the way the store runs a keyword search. */
async function rankings(cache: SearchCache, user = "ann", liveAt = Date.now()) {
  await cache.prepare("keywords", user);
  return QUERIES.map((q) => cache.keywordSearch(q, { userId: user }, 10, false, undefined, true, liveAt));
}

/** The rows and log of the database, to show a load never writes to it. */
function dbState(dbPath: string): string {
  const db = new Database(dbPath, { readonly: true });
  try {
    const rows = db.prepare("SELECT * FROM memories ORDER BY rid").all();
    const log = db.prepare("SELECT * FROM change_log ORDER BY seq").all();
    return createHash("sha256")
      .update(JSON.stringify([rows, log]))
      .digest("hex");
  } finally {
    db.close();
  }
}

describe("keyword partitions saved beside the database", () => {
  it("a second process loads the saved partition and ranks exactly as a fresh build does", async () => {
    const { dbPath } = await filledHome();
    const first = cacheOf(dbPath);
    const built = await rankings(first);
    first.close(); // saves what is due
    expect(first.keywordFileStats).toMatchObject({ built: 1, saved: 1, restored: 0 });
    expect(existsSync(new KeywordFiles(dbPath).pathOf("ann"))).toBe(true);
    // bob's 20 memories are cheaper to read than a file: none is written
    await rankings(first, "bob");
    first.close();
    expect(existsSync(new KeywordFiles(dbPath).pathOf("bob"))).toBe(false);

    const second = cacheOf(dbPath);
    expect(await rankings(second)).toEqual(built);
    expect(second.keywordFileStats).toMatchObject({ restored: 1, built: 0 });
    expect(await rankings(cacheOf(dbPath, false))).toEqual(built);
    expect(built.flat().length).toBeGreaterThan(20);
  });

  it("replays what other processes changed after the save: add, update, delete and expiry", async () => {
    const { dbPath, memory } = await filledHome();
    const first = cacheOf(dbPath);
    const before = await rankings(first);
    first.close();
    const top = before[0]?.[0]?.id as string;
    const second = before[1]?.[0]?.id as string;
    const third = before[2]?.[0]?.id as string;
    const added = (await memory.add("a garden tomato river boat violin lesson", { userId: "ann", infer: false }))
      .results[0]?.id as string;
    await memory.update(top, { content: "nothing about it any more" });
    await memory.delete(second);
    await memory.update(third, { expiresAt: new Date(Date.now() + 300) });
    await new Promise((resolve) => setTimeout(resolve, 400));

    const restored = cacheOf(dbPath);
    const after = await rankings(restored);
    expect(restored.keywordFileStats).toMatchObject({ restored: 1, built: 0 });
    expect(after).toEqual(await rankings(cacheOf(dbPath, false)));
    const ids = after.flat().map((h) => h.id);
    expect(ids).toContain(added);
    expect(ids).not.toContain(top);
    expect(ids).not.toContain(second);
    expect(ids).not.toContain(third);
  });

  it.each([
    [
      "one flipped byte",
      "corrupt",
      (b: Buffer) => Buffer.concat([b.subarray(0, 200), Buffer.from([b[200]! ^ 1]), b.subarray(201)]),
    ],
    ["truncated", "corrupt", (b: Buffer) => b.subarray(0, Math.floor(b.length / 2))],
    [
      "other-version",
      "version",
      (b: Buffer) => Buffer.concat([b.subarray(0, 4), Buffer.from([99, 0, 0, 0]), b.subarray(8)]),
    ],
    ["foreign (not ours)", "corrupt", () => Buffer.from("not a keyword file")],
  ] as const)(
    "refuses a %s file (%s), rebuilds with the same results and writes it again; the database is untouched",
    async (_, reason, spoil) => {
      const { dbPath } = await filledHome();
      const first = cacheOf(dbPath);
      const built = await rankings(first);
      first.close();
      const path = new KeywordFiles(dbPath).pathOf("ann");
      const good = readFileSync(path);
      writeFileSync(path, spoil(good));
      const state = dbState(dbPath);

      const next = cacheOf(dbPath);
      expect(await rankings(next)).toEqual(built);
      expect(next.keywordFileStats).toMatchObject({ restored: 0, built: 1, refused: { [reason]: 1 } });
      next.close();
      expect(dbState(dbPath)).toBe(state);
      expect(readFileSync(path).equals(good)).toBe(true); // rebuilt and saved again, at the same position
    },
  );

  it("refuses the file of another database, and one reset past", async () => {
    const a = await filledHome();
    const b = await filledHome();
    const first = cacheOf(a.dbPath);
    await rankings(first);
    first.close();
    const pathA = new KeywordFiles(a.dbPath).pathOf("ann");
    const pathB = new KeywordFiles(b.dbPath).pathOf("ann");
    // Same user, same number of rows, same log position: only the rows' ids tell them apart.
    mkdirSync(`${b.dbPath}-ann`);
    writeFileSync(pathB, readFileSync(pathA));
    const other = cacheOf(b.dbPath);
    expect(await rankings(other)).toEqual(await rankings(cacheOf(b.dbPath, false)));
    expect(other.keywordFileStats).toMatchObject({ restored: 0, refused: { mismatch: 1 } });

    await a.memory.reset();
    await a.memory.add("garden tomato after the reset", { userId: "ann", infer: false });
    const afterReset = cacheOf(a.dbPath);
    const hits = await rankings(afterReset);
    expect(hits.flat()).toHaveLength(1);
    expect(afterReset.keywordFileStats).toMatchObject({ restored: 0, refused: { stale: 1 } });
  });

  it("deleting the files is harmless: the partition is built again and saved", async () => {
    const { dbPath } = await filledHome();
    const first = cacheOf(dbPath);
    const built = await rankings(first);
    first.close();
    rmSync(`${dbPath}-ann`, { recursive: true, force: true });
    const next = cacheOf(dbPath);
    expect(await rankings(next)).toEqual(built);
    next.close();
    expect(next.keywordFileStats).toMatchObject({ restored: 0, built: 1, saved: 1, refused: {} });
    expect(readdirSync(`${dbPath}-ann`).filter((n) => n.endsWith(".keywords"))).toHaveLength(1);
  });
});
