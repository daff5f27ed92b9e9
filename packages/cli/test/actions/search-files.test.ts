import { contentHash } from "@cortex-mem/core/store";
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome } from "../helpers.js";

interface Hit {
  id: string;
  content: string;
  score: number;
}

const WORDS = ["garden", "tomato", "river", "boat", "violin", "lesson", "paris", "train", "bakery", "bread"];

/** 250 memories of alice in export format (a keyword partition large enough to be saved). */
function exportLines(): string {
  const now = new Date().toISOString();
  const lines = [JSON.stringify({ type: "header", format: "cortex-mem-export" })];
  for (let i = 0; i < 250; i++) {
    const content = `note ${i}: ${WORDS[i % 10]} and ${WORDS[(i * 3 + 1) % 10]} and ${WORDS[(i * 7 + 2) % 10]}`;
    const memory = {
      id: crypto.randomUUID(),
      content,
      memory_type: "factual",
      user_id: "alice",
      importance_score: 0.5,
    };
    const dates = { created_at: now, updated_at: now, observed_at: now };
    const rest = { entities: [], topics: [], metadata: {}, hash: contentHash(content), source: [] };
    lines.push(JSON.stringify({ type: "memory", vector: null, history: [], memory: { ...memory, ...dates, ...rest } }));
  }
  return `${lines.join("\n")}\n`;
}

describe("cortex-mem search with the keyword partition saved beside the database", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  const dir = () => join(home, "memories.db-ann");
  const file = () => join(dir(), readdirSync(dir()).find((n) => n.endsWith(".keywords")) as string);
  const search = async (query = "garden tomato") =>
    (await cliJson<{ results: Hit[] }>(["search", query, "-u", "alice", "-l", "20"], { home })).results;
  const dbDigest = () =>
    createHash("sha256")
      .update(readFileSync(join(home, "memories.db")))
      .digest("hex");

  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    writeFileSync(join(home, "seed.jsonl"), exportLines());
    expect((await cli(["import", join(home, "seed.jsonl")], { home })).code).toBe(0);
  });
  afterEach(() => cleanup());

  it("the first search saves the partition; the next process loads it (no rewrite) and finds the same", async () => {
    const first = await search();
    expect(first.length).toBe(20);
    const saved = statSync(file());
    expect(await search()).toEqual(first);
    // A process that built the partition saves it (a new file, renamed into place); one that loaded it does not.
    expect(statSync(file()).ino).toBe(saved.ino);
  });

  it("sees what other processes added, changed and deleted after the save", async () => {
    const before = await search();
    const [top, second] = before as [Hit, Hit];
    const added = await cliJson<{ results: { id: string }[] }>(
      ["add", "garden tomato garden tomato", "-u", "alice", "--no-infer"],
      { home },
    );
    expect((await cli(["update", top.id, "nothing about it any more"], { home })).code).toBe(0);
    expect((await cli(["delete", second.id, "--yes"], { home })).code).toBe(0);
    const after = await search();
    expect(after[0]?.id).toBe(added.results[0]?.id);
    expect(after.map((h) => h.id)).not.toContain(top.id);
    expect(after.map((h) => h.id)).not.toContain(second.id);
    rmSync(dir(), { recursive: true });
    expect(await search()).toEqual(after); // what a build from the rows finds
  });

  it("refuses a damaged file: same results, the file written again, the database untouched", async () => {
    const first = await search();
    const good = readFileSync(file());
    writeFileSync(file(), good.subarray(0, good.length - 100));
    const digest = dbDigest();
    expect(await search()).toEqual(first);
    expect(dbDigest()).toBe(digest);
    expect(readFileSync(file()).equals(good)).toBe(true);
  });
});
