import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import { createMemory } from "../../src/create-memory.js";
import { defineConfig } from "../../src/config/load-config.js";
import { memoryVersion } from "../../src/types/version.js";
import { onCleanup, openMemory, tempHome } from "../helpers.js";

const racer = fileURLToPath(new URL("../store/race-writer.mjs", import.meta.url));

/** Starts `argvs.length` processes, lets them all open the store, then releases them at once. */
async function race(argvs: string[][]): Promise<string[]> {
  const children = argvs.map((argv) => {
    const child = spawn(process.execPath, [racer, ...argv], { stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const ready = new Promise<void>((resolve) =>
      child.stdout.on("data", (d: Buffer) => ((out += d.toString()), out.includes("ready\n") && resolve())),
    );
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const done = new Promise<string>((resolve, reject) =>
      child.on("exit", (code) =>
        code === 0 ? resolve(out.replace("ready\n", "").trim()) : reject(new Error(`racer exited ${code}: ${err}`)),
      ),
    );
    return { child, ready, done };
  });
  await Promise.all(children.map((c) => c.ready));
  for (const c of children) c.child.stdin.end("go\n");
  return Promise.all(children.map((c) => c.done));
}

describe("conditional writes", () => {
  it("update with ifVersion: the current version wins, an old one is CONFLICT and changes nothing", async () => {
    const memory = await openMemory();
    const { results } = await memory.add("the meeting is on Monday", { userId: "u", infer: false });
    const id = results[0]!.id;
    const v1 = memoryVersion(await memory.get(id));
    const moved = await memory.update(id, { content: "the meeting is on Tuesday" }, { ifVersion: v1 });
    expect(memoryVersion(moved)).not.toBe(v1);
    await expect(memory.update(id, { content: "the meeting is on Friday" }, { ifVersion: v1 })).rejects.toMatchObject({
      code: ErrorCode.CONFLICT,
    });
    await expect(memory.delete(id, { ifVersion: [v1] })).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    expect((await memory.get(id)).content).toBe("the meeting is on Tuesday");
    expect((await memory.history(id)).map((h) => h.event)).toEqual(["ADD", "UPDATE"]);
    await expect(memory.update(id, { importance: 0.2 }, { ifVersion: [] })).rejects.toMatchObject({
      code: ErrorCode.VALIDATION,
    });
    await memory.delete(id, { ifVersion: memoryVersion(moved) });
    await expect(memory.get(id)).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
  });

  it("every write gives a new version, even two in the same millisecond that change no content", async () => {
    const memory = await openMemory({}, { now: () => new Date("2025-01-01T00:00:00Z") });
    const { results } = await memory.add("a fixed clock", { userId: "u", infer: false });
    const id = results[0]!.id;
    const seen = new Set([memoryVersion(await memory.get(id))]);
    for (const importance of [0.1, 0.2, 0.3]) seen.add(memoryVersion(await memory.update(id, { importance })));
    expect(seen.size).toBe(4);
  });

  it("across processes: of 6 conditional updates with one version exactly one wins, the others are CONFLICT", async () => {
    const home = tempHome();
    const memory = await openMemory({}, {}, home);
    const { results } = await memory.add("the door code is 1234", { userId: "u", infer: false });
    const id = results[0]!.id;
    const version = memoryVersion(await memory.get(id));
    const outcomes = await race(
      Array.from({ length: 6 }, (_, i) => ["update", home, id, version, `the door code is 99${i}`]),
    );
    expect(outcomes.filter((o) => o === "won")).toHaveLength(1);
    expect(outcomes.filter((o) => o === "CONFLICT")).toHaveLength(5);
    const winner = outcomes.indexOf("won");
    expect((await memory.get(id)).content).toBe(`the door code is 99${winner}`);
    expect((await memory.history(id)).map((h) => h.event)).toEqual(["ADD", "UPDATE"]);
  });

  it("across processes: 6 adds of the same content in one scope store it once; the others answer NONE with its id", async () => {
    const home = tempHome();
    const memory = await openMemory({}, {}, home);
    const outcomes = await race(Array.from({ length: 6 }, () => ["add", home, "racer", "I parked on level 3"]));
    const added = outcomes.filter((o) => o.startsWith("ADD "));
    expect(added).toHaveLength(1);
    const id = added[0]!.slice(4);
    expect(outcomes.filter((o) => o === `NONE ${id}`)).toHaveLength(5);
    expect((await memory.stats({ userId: "racer" })).total).toBe(1);
    expect((await memory.stats({ userId: "racer" })).historyEntries).toBe(1);
  });

  it("a process opened before reembed changed the dimension cannot write (CONFIG) and writes nothing", async () => {
    const home = tempHome();
    const old = await openMemory({}, {}, home);
    await old.add("said before the switch", { userId: "u", infer: false });
    // Vectors take part in search here (offline default: BM25 alone), so the re-embedded vector is seen.
    const switched = await createMemory(
      defineConfig({ home, embedding: { dimensions: 128 }, memory: { vectorWeight: 0.3, keywordWeight: 0.7 } }),
      { reembed: true },
    );
    onCleanup(() => switched.close());
    expect(await switched.reembed()).toBe(1);
    await expect(old.add("said after the switch", { userId: "u", infer: false })).rejects.toMatchObject({
      code: ErrorCode.CONFIG,
    });
    const [only] = (await switched.list({ userId: "u" })).memories;
    await expect(old.update(only!.id, { content: "rewritten by the old process" })).rejects.toMatchObject({
      code: ErrorCode.CONFIG,
    });
    expect((await switched.list({ userId: "u" })).memories.map((m) => m.content)).toEqual(["said before the switch"]);
    expect((await switched.search("said before the switch", { userId: "u" }))[0]?.scoreParts.vector).toBeGreaterThan(
      0.9,
    );
  });
});
