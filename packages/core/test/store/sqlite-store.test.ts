import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ErrorCode, isCortexMemError } from "../../src/errors.js";
import { createMemory } from "../../src/create-memory.js";
import { defineConfig } from "../../src/config/load-config.js";
import { onCleanup, openMemory, tempHome } from "../helpers.js";

/** Vector search is what some of these tests watch, so vectors take part (offline default: BM25 alone). */
const WITH_VECTORS = { vectorWeight: 0.3, keywordWeight: 0.7 };

const writer = fileURLToPath(new URL("./write-many.mjs", import.meta.url));

function runWriter(home: string, user: string, count: number): Promise<string[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, home, user, String(count)], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.on("exit", (code) =>
      code === 0 ? resolve(out.trim().split("\n")) : reject(new Error(`writer exited ${code}: ${err}`)),
    );
  });
}

describe("SqliteStore", () => {
  it("refuses vectors of another dimension with a CONFIG error naming both", async () => {
    const home = tempHome();
    const first = await openMemory({}, {}, home);
    await first.add("a memory", { userId: "u", infer: false });
    await first.close();
    const error = await createMemory(defineConfig({ home, embedding: { dimensions: 128 } })).catch((e: unknown) => e);
    expect(isCortexMemError(error, ErrorCode.CONFIG)).toBe(true);
    expect(
      (error as { details: { stored: { dimensions: number }; configured: { dimensions: number } } }).details,
    ).toMatchObject({
      stored: { dimensions: 384 },
      configured: { dimensions: 128 },
    });
  });

  it("two processes writing one file lose nothing and see each other's writes", async () => {
    const home = tempHome();
    const memory = await openMemory({}, {}, home);
    await memory.add("warm-up so the cache is loaded", { userId: "z", infer: false });
    await memory.search("warm", { userId: "z" });
    const [a, b] = await Promise.all([runWriter(home, "proc-a", 60), runWriter(home, "proc-b", 60)]);
    expect(a).toHaveLength(60);
    expect(b).toHaveLength(60);
    expect((await memory.stats({ userId: "proc-a" })).total).toBe(60);
    expect((await memory.stats({ userId: "proc-b" })).total).toBe(60);
    const hits = await memory.search("process proc-b item 42", { userId: "proc-b", limit: 1 });
    expect(hits[0]?.content).toBe("process proc-b item 42 says hello");
    for (const id of [...a, ...b]) expect((await memory.get(id)).id).toBe(id);
  });

  it("sees another connection's deletes and updates in vector search", async () => {
    const home = tempHome();
    const one = await openMemory({ memory: WITH_VECTORS }, {}, home);
    const two = await createMemory(defineConfig({ home, memory: WITH_VECTORS }));
    onCleanup(() => two.close());
    const { results } = await one.add("the blue bicycle is in the shed", { userId: "u", infer: false });
    expect((await two.search("blue bicycle", { userId: "u" }))[0]?.id).toBe(results[0]!.id);
    await one.update(results[0]!.id, { content: "the red scooter is in the garage" });
    expect((await two.search("red scooter garage", { userId: "u" }))[0]?.scoreParts.vector).toBeGreaterThan(0.5);
    await one.delete(results[0]!.id);
    expect(await two.search("red scooter garage", { userId: "u" })).toEqual([]);
  });
});

describe("reembed", () => {
  it("switches a store to another embedder and re-embeds every memory, resumably", async () => {
    const home = tempHome();
    const before = await openMemory({}, {}, home);
    for (const t of ["the red kite flies high", "a blue whale sings", "green tea at noon"])
      await before.add(t, { userId: "u", infer: false });
    await before.close();
    const after = await createMemory(defineConfig({ home, embedding: { dimensions: 128 }, memory: WITH_VECTORS }), {
      reembed: true,
    });
    onCleanup(() => after.close());
    const progress: number[] = [];
    expect(await after.reembed({ batchSize: 2, onProgress: (done) => progress.push(done) })).toBe(3);
    expect(progress).toEqual([2, 3]);
    expect(await after.reembed()).toBe(0);
    expect((await after.search("blue whale", { userId: "u" }))[0]?.scoreParts.vector).toBeGreaterThan(0.5);
  });
});
