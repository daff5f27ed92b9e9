import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome, total } from "../helpers.js";

interface Header {
  embedder: string;
  dimensions: number;
}
interface Summary {
  imported: number;
  skipped: number;
  invalid: number;
  issues: { line: number; path: string }[];
}

const at = "2026-03-01T10:00:00.000Z";
const memoryLine = (memory: Record<string, unknown>, extra: Record<string, unknown> = {}): string =>
  JSON.stringify({ type: "memory", memory, ...extra });
const minimal = (content: string): Record<string, unknown> => ({
  id: randomUUID(),
  content,
  user_id: "alice",
  created_at: at,
});
const vector = (floats: number): string => Buffer.from(new Float32Array(floats).fill(0.1).buffer).toString("base64");

describe("cortex-mem import validates every record (spawned CLI)", () => {
  let home: string;
  const cleanups: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    const h = await tempHome();
    home = h.home;
    cleanups.push(h.cleanup);
  });
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });

  /** The header this home's export writes (its embedder id and dimension). */
  const header = async (): Promise<Header & { line: string }> => {
    const line = (await cli(["export"], { home })).stdout.split("\n")[0] as string;
    return { ...(JSON.parse(line) as Header), line };
  };

  it("fills the defaults the format allows: records without hash, importance, updated_at or memory_type are all stored", async () => {
    const { line } = await header();
    const records = Array.from({ length: 40 }, (_, i) => minimal(`Alice owns ${i + 2} bicycles`));
    const file = join(home, "minimal.jsonl");
    await writeFile(file, [line, ...records.map((m) => memoryLine(m))].join("\n"));
    const summary = await cliJson<Summary>(["import", file], { home });
    expect(summary).toMatchObject({ imported: 40, skipped: 0, invalid: 0 });
    const got = await cliJson<{ memory: Record<string, unknown> }>(["get", records[0]!.id as string], { home });
    const memory = (got.memory ?? got) as Record<string, unknown>;
    expect(memory).toMatchObject({ content: "Alice owns 2 bicycles", updated_at: at, observed_at: at });
    expect(memory.hash).toMatch(/^[0-9a-f]{32}$/);
    expect(typeof memory.importance_score).toBe("number");
    const search = await cliJson<{ results: { id: string }[] }>(["search", "bicycles", "-u", "alice"], { home });
    expect(search.results.length).toBeGreaterThan(0);
    // Re-running: every record is a true duplicate, counted as skipped and nothing else
    expect(await cliJson<Summary>(["import", file], { home })).toMatchObject({ imported: 0, skipped: 40, invalid: 0 });
  });

  it("aborts on invalid records before writing anything, naming each line and field (exit 3)", async () => {
    const h = await header();
    const good = minimal("Alice likes tea");
    const lines = [
      h.line,
      memoryLine(good),
      memoryLine({ ...minimal("bad id"), id: "zzz" }),
      memoryLine({ ...minimal("traversal"), id: "../../etc/passwd" }),
      memoryLine({ ...minimal("too important"), importance_score: 99 }),
      memoryLine(minimal("short vector"), { vector: vector(h.dimensions - 1) }),
      memoryLine(minimal("odd bytes"), { vector: Buffer.from([1, 2, 3, 4, 5, 6, 7]).toString("base64") }),
      memoryLine({ ...minimal("unknown field"), bogus: 1 }),
      memoryLine({ id: randomUUID(), content: "no date", user_id: "alice" }),
      "{not json",
    ];
    const file = join(home, "bad.jsonl");
    await writeFile(file, lines.join("\n"));
    const result = await cli(["import", file, "--json"], { home });
    expect(result.code).toBe(3);
    const error = JSON.parse(result.stderr.trim().split("\n").at(-1) as string).error as {
      code: string;
      details: { line: number; field: string }[];
    };
    expect(error.code).toBe("VALIDATION");
    expect(error.details.map((d) => [d.line, d.field])).toEqual([
      [3, "memory.id"],
      [4, "memory.id"],
      [5, "memory.importance_score"],
      [6, "vector"],
      [7, "vector"],
      [8, "memory.bogus"],
      [9, "memory.created_at"],
      [10, ""],
    ]);
    expect(await total(home)).toBe(0);
  });

  it("--skip-invalid stores the valid records, counts the invalid apart from duplicates, and still exits 3", async () => {
    const h = await header();
    const good = [minimal("Alice likes tea"), minimal("Alice lives in Lyon")];
    const file = join(home, "mixed.jsonl");
    await writeFile(
      file,
      [
        h.line,
        memoryLine(good[0]!),
        memoryLine({ ...minimal("x"), importance_score: 99 }),
        memoryLine(good[1]!),
        memoryLine(good[0]!),
      ].join("\n"),
    );
    const result = await cli(["import", file, "--skip-invalid", "--json"], { home });
    expect(result.code).toBe(3);
    expect(JSON.parse(result.stdout)).toMatchObject({
      imported: 2,
      skipped: 1,
      invalid: 1,
      issues: [{ line: 3, path: "memory.importance_score" }],
    });
    expect(await total(home)).toBe(2);
    const human = await cli(["import", file, "--skip-invalid"], { home });
    expect(human.code).toBe(3);
    expect(human.stderr).toContain("Imported 0 memories (3 already present, 1 invalid and not imported)");
    expect(human.stderr).toMatch(/line 3: memory\.importance_score/);
  });
});
