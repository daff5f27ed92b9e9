import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { insightsToWire, wireInsightsSchema } from "../../src/insights/insights-wire.js";
import { memoryInsights, scanInsights } from "../../src/insights/memory-insights.js";
import { resolveInsightsOptions } from "../../src/insights/insights-options.js";
import type { MemoryInsights } from "../../src/insights/insights-types.js";
import type { MemoryManager } from "../../src/engine/memory-manager.js";
import { openMemory } from "../helpers.js";

const DAY = 86_400_000;

async function seed(): Promise<MemoryManager> {
  const memory = await openMemory();
  await memory.add("Alice is allergic to peanuts", {
    userId: "alice",
    agentId: "chat",
    infer: false,
    importance: 0.95,
  });
  await memory.add("Alice lives in Lisbon", { userId: "alice", agentId: "chat", infer: false, importance: 0.35 });
  await memory.add("Bob plays the cello", { userId: "bob", agentId: "music", infer: false, importance: 0.05 });
  await memory.add("The deploy runs every Friday", { agentId: "ops", infer: false, importance: 1 });
  return memory;
}

const comparable = (i: MemoryInsights) => ({
  ...i,
  users: i.users.map(({ id, memories }) => ({ id, memories })),
  agents: i.agents.map(({ id, memories }) => ({ id, memories })),
  recent: i.recent.map((h) => h.id).sort(),
  storeSizeBytes: null,
});

describe("memoryInsights", () => {
  it("counts by type and owner, with last activity, the importance histogram and recent history", async () => {
    const memory = await seed();
    const deleted = (await memory.list({ userId: "bob" })).memories[0]?.id as string;
    await memory.delete(deleted);
    const i = await memoryInsights(memory.store, {}, { recent: 3 });
    expect(memory.store).toBeInstanceOf(SqliteStore);
    expect(i.total).toBe(3);
    expect(i.users.map((u) => [u.id, u.memories])).toEqual([
      ["alice", 2],
      ["bob", 0],
    ]);
    expect(i.usersTotal).toBe(2);
    expect(i.users.every((u) => u.lastActivity instanceof Date)).toBe(true);
    expect(i.agents.map((a) => [a.id, a.memories])).toEqual([
      ["chat", 2],
      ["ops", 1],
      ["music", 0],
    ]);
    expect(i.importance.map((b) => b.count)).toEqual([0, 0, 0, 1, 0, 0, 0, 0, 0, 2]);
    expect(i.recent.map((h) => h.event)).toEqual(["DELETE", "ADD", "ADD"]);
    expect(i.recent[0]?.memoryId).toBe(deleted);
    expect(i.historyEntries).toBe(5);
    expect(i.storeSizeBytes).toBeGreaterThan(0);
    expect(() => wireInsightsSchema.parse(insightsToWire(i))).not.toThrow();
  });

  it("narrows everything to a scope", async () => {
    const memory = await seed();
    const i = await memoryInsights(memory.store, { userId: "alice" });
    expect([i.total, i.usersTotal, i.agentsTotal, i.historyEntries]).toEqual([2, 1, 1, 2]);
    expect(i.recent.every((h) => h.userId === "alice")).toBe(true);
    expect(i.byType).toEqual(expect.not.objectContaining({ procedural: expect.anything() }));
  });

  it("puts each memory on its creation day of the window, older ones before it", async () => {
    const memory = await seed();
    const now = new Date(Date.now() + 2 * DAY);
    const window = await memoryInsights(memory.store, {}, { days: 3, now });
    expect(window.growth.map((g) => g.created)).toEqual([4, 0, 0]);
    expect(window.growth[0]?.day).toBe(new Date(Date.now()).toISOString().slice(0, 10));
    expect(window.createdBefore).toBe(0);
    const later = await memoryInsights(memory.store, {}, { days: 30, now: new Date(Date.now() + 40 * DAY) });
    expect(later.growth.every((g) => g.created === 0)).toBe(true);
    expect(later.createdBefore).toBe(4);
  });

  it("gives the same aggregates by one pass over the memories (stores without SQL)", async () => {
    const memory = await seed();
    const raw = { days: 5, recent: 10, now: new Date() };
    const bySql = await memoryInsights(memory.store, {}, raw);
    const byScan = await scanInsights(memory.store, {}, resolveInsightsOptions(raw));
    expect(comparable(byScan)).toEqual(comparable(bySql));
  });

  it("rejects out-of-range options with VALIDATION", () => {
    for (const bad of [{ days: 0 }, { days: 400 }, { recent: -1 }, { owners: 1.5 }, { extra: 1 }]) {
      expect(() => resolveInsightsOptions(bad as never)).toThrow(
        expect.objectContaining({ code: ErrorCode.VALIDATION }),
      );
    }
  });
});
