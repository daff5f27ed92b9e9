import { describe, expect, it } from "vitest";
import type { CortexMemError, MemoryManager } from "../../src/index.js";
import { openMemory } from "../helpers.js";

const T0 = new Date("2026-01-01T00:00:00.000Z");
const HOUR = 3_600_000;

/** A manager whose clock the test moves. */
async function clocked(
  config: Record<string, unknown> = {},
): Promise<{ memory: MemoryManager; at: (h: number) => void }> {
  let now = T0;
  const memory = await openMemory(config, { now: () => now });
  return { memory, at: (h) => (now = new Date(T0.getTime() + h * HOUR)) };
}

async function failure(p: Promise<unknown>): Promise<CortexMemError> {
  try {
    await p;
  } catch (error) {
    return error as CortexMemError;
  }
  throw new Error("expected a failure");
}

const paths = (e: CortexMemError): string[] => ((e.details ?? []) as { path: string }[]).map((d) => d.path);

describe("expiry of memories", () => {
  it("a ttl sets expiresAt; once passed the memory leaves search, list and get, but stays until cleaned", async () => {
    const { memory, at } = await clocked();
    const [added] = (await memory.add("I am in Paris this week", { userId: "u", infer: false, ttl: "12h" })).results;
    await memory.add("I live in Lyon", { userId: "u", infer: false });
    const id = added!.id;
    expect((await memory.get(id)).expiresAt?.toISOString()).toBe("2026-01-01T12:00:00.000Z");
    expect((await memory.search("Paris", { userId: "u" }))[0]?.id).toBe(id);

    at(12); // the instant itself counts as expired
    expect(await memory.search("Paris", { userId: "u" })).toEqual([]);
    expect((await memory.list({ userId: "u" })).memories.map((m) => m.content)).toEqual(["I live in Lyon"]);
    const gone = await failure(memory.get(id));
    expect(gone.code).toBe("NOT_FOUND");
    expect(gone.details).toEqual({ id, expires_at: "2026-01-01T12:00:00.000Z" });

    const asked = { userId: "u", filters: { includeExpired: true } };
    expect((await memory.search("Paris", asked))[0]?.id).toBe(id);
    expect((await memory.list(asked)).memories).toHaveLength(2);
    expect((await memory.get(id, { includeExpired: true })).content).toBe("I am in Paris this week");
    expect(await memory.count()).toBe(2);
  });

  it("vector search hides expired memories too (the SQLite search cache filters them)", async () => {
    const { memory, at } = await clocked({ memory: { vectorWeight: 1, keywordWeight: 0 } });
    await memory.add("I am in Paris this week", { userId: "u", infer: false, ttl: 3600 });
    expect(await memory.search("Paris this week", { userId: "u" })).toHaveLength(1);
    at(1);
    expect(await memory.search("Paris this week", { userId: "u" })).toEqual([]);
    expect(await memory.search("Paris this week", { userId: "u", filters: { includeExpired: true } })).toHaveLength(1);
  });

  it("refuses both ttl and expiresAt, a bad ttl, a bad or past date: VALIDATION naming the field, nothing written", async () => {
    const { memory } = await clocked();
    const add = (o: Record<string, unknown>) => memory.add("I am in Paris", { userId: "u", infer: false, ...o });
    expect(paths(await failure(add({ ttl: "1d", expiresAt: "2026-02-01T00:00:00Z" })))).toEqual(["expires_at", "ttl"]);
    for (const ttl of ["7 days", 0, -1, 1.5, "1d12h"]) {
      const e = await failure(add({ ttl }));
      expect([e.code, paths(e)]).toEqual(["VALIDATION", ["ttl"]]);
    }
    for (const expiresAt of [
      "tomorrow",
      "2026-02-30",
      "2026-05-01T10:00:00",
      1_800_000_000_000,
      "2025-12-31T23:59:59Z",
    ]) {
      const e = await failure(add({ expiresAt }));
      expect(e.code).toBe("VALIDATION");
      expect(paths(e)).toEqual([expect.stringMatching(/^expires_?at$/i)]);
    }
    expect(await memory.count()).toBe(0);
    expect((await failure(memory.addAsync("x", { userId: "u", ttl: "soon" }))).code).toBe("VALIDATION");
    expect((await memory.listJobs()).jobs).toHaveLength(0);
  });

  it("update sets, replaces or removes an expiry, and reaches an expired memory (revives it)", async () => {
    const { memory, at } = await clocked();
    const [added] = (await memory.add("On call this weekend", { userId: "u", infer: false })).results;
    const id = added!.id;
    expect((await memory.update(id, { ttl: "2h" })).expiresAt?.toISOString()).toBe("2026-01-01T02:00:00.000Z");
    const history = await memory.history(id);
    expect(history.at(-1)?.reason).toBe("expires_at (none) → 2026-01-01T02:00:00.000Z");
    at(3);
    expect((await failure(memory.get(id))).code).toBe("NOT_FOUND");
    const revived = await memory.update(id, { expiresAt: "2026-01-02T00:00:00Z" });
    expect(revived.expiresAt?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
    expect((await memory.get(id)).id).toBe(id);
    expect((await memory.update(id, { expiresAt: null })).expiresAt).toBeUndefined();
    expect((await memory.get(id)).expiresAt).toBeUndefined();
    const bad = await failure(memory.update(id, { ttl: "1h", expiresAt: "2026-02-01" }));
    expect(bad.code).toBe("VALIDATION");
    expect((await memory.get(id)).expiresAt).toBeUndefined();
  });

  it("memory.ttl gives new memories a default per type; an explicit null or a ttl wins", async () => {
    const { memory } = await clocked({ memory: { ttl: { default: "30d", episodic: "2d", personal: "never" } } });
    const type = async (memoryType: string, extra: Record<string, unknown> = {}) => {
      const [r] = (
        await memory.add(`${memoryType} fact ${Object.keys(extra).join()}`, {
          userId: "u",
          infer: false,
          memoryType: memoryType as "factual",
          ...extra,
        })
      ).results;
      return (await memory.get(r!.id)).expiresAt?.toISOString() ?? null;
    };
    expect(await type("factual")).toBe("2026-01-31T00:00:00.000Z");
    expect(await type("episodic")).toBe("2026-01-03T00:00:00.000Z");
    expect(await type("personal")).toBeNull();
    expect(await type("factual", { expiresAt: null })).toBeNull();
    expect(await type("episodic", { ttl: "1h" })).toBe("2026-01-01T01:00:00.000Z");
  });

  it("content said again after its memory expired is stored anew, not skipped as a duplicate", async () => {
    const { memory, at } = await clocked();
    await memory.add("I am in Paris", { userId: "u", infer: false, ttl: "1h" });
    expect((await memory.add("I am in Paris", { userId: "u", infer: false })).results[0]?.event).toBe("NONE");
    at(2);
    const again = (await memory.add("I am in Paris", { userId: "u", infer: false })).results[0];
    expect(again?.event).toBe("ADD");
    expect((await memory.search("Paris", { userId: "u" })).map((h) => h.id)).toEqual([again?.id]);
  });

  it("an async add carries the date its ttl gives at acceptance, not at run time", async () => {
    const { memory } = await clocked();
    const job = await memory.addAsync("I am in Paris", { userId: "u", infer: false, ttl: "1h" });
    expect(job.payload.options).toMatchObject({ expiresAt: "2026-01-01T01:00:00.000Z" });
    expect(job.payload.options).not.toHaveProperty("ttl");
  });
});

describe("expire()", () => {
  it("counts with dryRun, then deletes the expired memories of the scope with an EXPIRE history row each", async () => {
    const { memory, at } = await clocked();
    const ids: string[] = [];
    for (const [userId, content, ttl] of [
      ["u", "in Paris this week", "1h"],
      ["u", "flight on Friday", "2h"],
      ["u", "lives in Lyon", undefined],
      ["v", "in Rome today", "1h"],
    ] as const) {
      const [r] = (await memory.add(content, { userId, infer: false, ...(ttl ? { ttl } : {}) })).results;
      ids.push(r!.id);
    }
    at(1.5);
    expect(await memory.expire({ userId: "u", dryRun: true })).toEqual({ expired: 1, dryRun: true, ids: [ids[0]] });
    expect(await memory.count()).toBe(4);
    expect(await memory.expire({ userId: "u" })).toEqual({ expired: 1, dryRun: false, ids: [ids[0]] });
    expect(await memory.count()).toBe(3);
    const rows = await memory.history(ids[0]!);
    expect(rows.map((r) => r.event)).toEqual(["ADD", "EXPIRE"]);
    expect(rows[1]).toMatchObject({
      oldContent: "in Paris this week",
      newContent: null,
      userId: "u",
      reason: "expired at 2026-01-01T01:00:00.000Z",
    });
    at(3);
    expect((await memory.expire()).expired).toBe(2); // every scope
    expect(
      (await memory.list({ userId: "u", filters: { includeExpired: true } })).memories.map((m) => m.content),
    ).toEqual(["lives in Lyon"]);
    expect(await memory.expire()).toEqual({ expired: 0, dryRun: false, ids: [] });
  });

  it("refuses unknown options with VALIDATION", async () => {
    const { memory } = await clocked();
    expect((await failure(memory.expire({ dry_run: true } as never))).code).toBe("VALIDATION");
  });
});
