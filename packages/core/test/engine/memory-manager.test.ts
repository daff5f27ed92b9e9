import { describe, expect, it } from "vitest";
import { ErrorCode, isCortexMemError } from "../../src/errors.js";
import { openMemory } from "../helpers.js";

async function codeOf(p: Promise<unknown>): Promise<string | undefined> {
  try {
    await p;
  } catch (error) {
    return isCortexMemError(error) ? error.code : `not ours: ${String(error)}`;
  }
  return undefined;
}

describe("MemoryManager CRUD", () => {
  it("adds content as given and reads it back with every field", async () => {
    const memory = await openMemory();
    const { results } = await memory.add("I am allergic to peanuts", {
      userId: "alice",
      infer: false,
      metadata: { origin: "chat", n: 1 },
    });
    expect(results).toHaveLength(1);
    expect(results[0]?.event).toBe("ADD");
    const m = await memory.get(results[0]!.id);
    expect(m).toMatchObject({
      content: "I am allergic to peanuts",
      userId: "alice",
      memoryType: "personal",
      metadata: { origin: "chat", n: 1 },
    });
    expect(m.importance).toBeGreaterThan(0.5);
    expect(m.observedAt).toBeInstanceOf(Date);
    expect(await memory.history(m.id)).toMatchObject([
      { event: "ADD", oldContent: null, newContent: "I am allergic to peanuts" },
    ]);
  });

  it("does not store an exact duplicate twice in one scope, but does in another", async () => {
    const memory = await openMemory();
    const first = await memory.add("Likes green tea", { userId: "u1", infer: false });
    const again = await memory.add("  likes GREEN tea. ", { userId: "u1", infer: false });
    expect(again.results[0]).toMatchObject({ event: "NONE", id: first.results[0]!.id });
    const other = await memory.add("Likes green tea", { userId: "u2", infer: false });
    expect(other.results[0]?.event).toBe("ADD");
    expect((await memory.stats()).total).toBe(2);
  });

  it("stores each message of a conversation with infer off, keeping role, speaker and timestamp", async () => {
    const memory = await openMemory();
    const { results } = await memory.add(
      [
        { role: "user", content: "I moved to Porto", timestamp: "2024-03-01T10:00:00Z", name: "Ana" },
        { role: "assistant", content: "Nice, Porto is lovely", timestamp: "2024-03-01T10:00:05Z" },
      ],
      { userId: "ana", infer: false },
    );
    expect(results.map((r) => r.event)).toEqual(["ADD", "ADD"]);
    const first = await memory.get(results[0]!.id);
    expect(first).toMatchObject({ role: "user", actorId: "Ana", source: ["0"] });
    expect(first.observedAt.toISOString()).toBe("2024-03-01T10:00:00.000Z");
  });

  it("updates content, re-embeds, and records history; attribute-only updates keep content", async () => {
    const memory = await openMemory();
    const { results } = await memory.add("Works at Acme", { userId: "bob", infer: false });
    const id = results[0]!.id;
    await memory.update(id, { content: "Works at Globex as a designer" });
    const hits = await memory.search("designer at Globex", { userId: "bob" });
    expect(hits[0]?.id).toBe(id);
    await memory.update(id, { importance: 0.9, topics: ["work"] });
    const m = await memory.get(id);
    expect(m).toMatchObject({ content: "Works at Globex as a designer", importance: 0.9, topics: ["work"] });
    expect((await memory.history(id)).map((h) => h.event)).toEqual(["ADD", "UPDATE", "UPDATE"]);
  });

  it("says what an attribute-only update changed in the history row's reason", async () => {
    const memory = await openMemory();
    const { results } = await memory.add("Works at Acme", { userId: "bob", infer: false });
    const id = results[0]!.id;
    const before = await memory.get(id);
    await memory.update(id, { importance: 0.8, memoryType: "personal", topics: ["work"], metadata: { team: "x" } });
    await memory.update(id, { content: "Works at Globex" });
    await memory.update(id, { importance: 0.8 });
    const rows = await memory.history(id);
    expect(rows.map((h) => [h.event, h.oldContent, h.newContent, h.reason])).toEqual([
      ["ADD", null, "Works at Acme", undefined],
      [
        "UPDATE",
        "Works at Acme",
        "Works at Acme",
        `memory_type ${before.memoryType} → personal; importance_score ${before.importance} → 0.8; ` +
          'topics [] → [work]; metadata {} → {"team":"x"}',
      ],
      ["UPDATE", "Works at Acme", "Works at Globex", undefined],
      ["UPDATE", "Works at Globex", "Works at Globex", "nothing changed"],
    ]);
  });

  it("deletes for real but keeps the history row", async () => {
    const memory = await openMemory();
    const { results } = await memory.add("Temporary note", { userId: "c", infer: false });
    const id = results[0]!.id;
    await memory.delete(id);
    expect(await codeOf(memory.get(id))).toBe(ErrorCode.NOT_FOUND);
    expect((await memory.history(id)).map((h) => h.event)).toEqual(["ADD", "DELETE"]);
    expect((await memory.search("temporary note", { userId: "c" })).length).toBe(0);
  });

  it("deleteAll removes one scope only", async () => {
    const memory = await openMemory();
    for (const t of ["one", "two", "three"]) await memory.add(`note ${t}`, { userId: "x", infer: false });
    await memory.add("note kept", { userId: "y", infer: false });
    expect(await memory.deleteAll({ userId: "x" })).toEqual({ deleted: 3 });
    expect((await memory.stats()).total).toBe(1);
    expect(await codeOf(memory.deleteAll({}))).toBe(ErrorCode.VALIDATION);
  });

  it("stats count by type, user and agent; reset empties everything", async () => {
    const memory = await openMemory();
    await memory.add("I love hiking", { userId: "a", agentId: "bot", infer: false });
    await memory.add("The server runs on port 8080", { userId: "b", infer: false });
    const s = await memory.stats();
    expect(s).toMatchObject({ total: 2, byUser: { a: 1, b: 1 }, byAgent: { bot: 1 } });
    expect(Object.values(s.byType).reduce((x, y) => x + y, 0)).toBe(2);
    expect((await memory.stats({ userId: "a" })).total).toBe(1);
    await memory.reset();
    expect((await memory.stats()).total).toBe(0);
  });
});

describe("MemoryManager bad input", () => {
  it.each([
    [
      "empty content",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.add("   ", { userId: "u", infer: false }),
      ErrorCode.VALIDATION,
    ],
    [
      "no scope",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.add("hello there", { infer: false }),
      ErrorCode.VALIDATION,
    ],
    [
      "unknown memory type",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.add("x y z", { userId: "u", memoryType: "dreamy" as never }),
      ErrorCode.VALIDATION,
    ],
    [
      "negative limit",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.search("x", { userId: "u", limit: -1 }),
      ErrorCode.VALIDATION,
    ],
    ["non-UUID id", (m: Awaited<ReturnType<typeof openMemory>>) => m.get("../etc/passwd"), ErrorCode.VALIDATION],
    [
      "unknown id",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.delete("6f1c1c56-3c39-4a4e-9d0e-111111111111"),
      ErrorCode.NOT_FOUND,
    ],
    [
      "bad timestamp",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.add("x y z", { userId: "u", timestamp: "yesterday-ish" }),
      ErrorCode.VALIDATION,
    ],
    [
      "empty update",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.update("6f1c1c56-3c39-4a4e-9d0e-111111111111", {}),
      ErrorCode.VALIDATION,
    ],
    [
      "bad cursor",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.list({ cursor: "not-a-cursor" }),
      ErrorCode.VALIDATION,
    ],
    [
      "too long content",
      (m: Awaited<ReturnType<typeof openMemory>>) => m.add("x".repeat(40_000), { userId: "u", infer: false }),
      ErrorCode.VALIDATION,
    ],
  ])("%s is rejected with a code and nothing is written", async (_name, call, code) => {
    const memory = await openMemory();
    await memory.add("existing memory", { userId: "u", infer: false });
    const before = await memory.stats();
    expect(await codeOf(call(memory))).toBe(code);
    expect(await memory.stats()).toEqual(before);
  });
});
