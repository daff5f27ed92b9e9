import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import type { Memory } from "../../../src/types/memory.js";
import { DIMS, EMBEDDER, axis, historyOf, insert, memory } from "./fixtures.js";
import type { ContractContext } from "./store-contract.js";

const rejectsWith = async (promise: Promise<unknown>, code: string): Promise<void> => {
  await expect(promise).rejects.toMatchObject({ code });
};

/** Writes, reads, history and init: the record-keeping half of the contract. */
export function crudContract(ctx: ContractContext): void {
  describe("records", () => {
    it("a new store is empty", async () => {
      const store = await ctx.open();
      expect(await store.count()).toBe(0);
      expect(await store.stats({})).toEqual({
        total: 0,
        superseded: 0,
        byType: {},
        byUser: {},
        byAgent: {},
        historyEntries: 0,
      });
      expect(await store.list({ scope: {}, filters: {} }, { limit: 10 })).toEqual({ memories: [], nextCursor: null });
    });

    it("stores every field and returns it exactly", async () => {
      const store = await ctx.open();
      const full = memory({
        content: "Ana prefers oat milk",
        memoryType: "personal",
        userId: "u-1",
        agentId: "agent-1",
        runId: "run-1",
        actorId: "ana",
        role: "user",
        importance: 0.83,
        entities: ["Ana", "Oat Milk"],
        topics: ["food", "Drinks"],
        metadata: { source: "chat", n: 3, f: 1.5, ok: true, none: null, nested: { list: [1, "two", { three: 3 }] } },
        validUntil: new Date(Date.UTC(2030, 5, 1)),
        source: ["m1", "m2"],
        context: "earlier: we talked about breakfast",
      });
      const bare = memory({ userId: undefined, agentId: "solo-agent" });
      await insert(store, [full, axis(0)], [bare, axis(1)]);
      expect(await store.get(full.id)).toEqual(full);
      expect(await store.get(bare.id)).toEqual(bare);
      expect(await store.get("00000000-0000-4000-8000-000000000000")).toBeNull();
      expect(
        (await store.getMany([bare.id, "00000000-0000-4000-8000-000000000000", full.id])).map((m) => m.id),
      ).toEqual([bare.id, full.id]);
      expect(await store.getMany([])).toEqual([]);
      expect(await store.count()).toBe(2);
    });

    it("updates content, vector and fields; an update without a vector keeps the old vector", async () => {
      const store = await ctx.open();
      const m = memory({ content: "the bicycle is blue", topics: ["bike"], actorId: "bob" });
      await insert(store, [m, axis(0)]);
      const renamed: Memory = {
        ...m,
        content: "the bicycle is blue and fast",
        topics: [],
        metadata: { checked: true },
        updatedAt: new Date(m.updatedAt.getTime() + 1000),
      };
      delete renamed.actorId;
      await store.apply([{ op: "update", memory: renamed }], [historyOf(renamed, "UPDATE")]);
      expect(await store.get(m.id)).toEqual(renamed);
      const hits = await store.vectorSearch(axis(0), { scope: { userId: "alice" }, filters: {} }, 5);
      expect(hits[0]?.id).toBe(m.id);
      expect(hits[0]?.score).toBeCloseTo(1, 4);
      expect((await store.keywordSearch("fast", { scope: {}, filters: {} }, 5)).map((h) => h.id)).toEqual([m.id]);
      await store.apply(
        [{ op: "update", memory: { ...renamed, content: "a red scooter" }, vector: axis(3) }],
        [historyOf(renamed, "UPDATE")],
      );
      expect((await store.vectorSearch(axis(3), { scope: {}, filters: {} }, 1))[0]).toMatchObject({ id: m.id });
      expect((await store.vectorSearch(axis(3), { scope: {}, filters: {} }, 1))[0]?.score).toBeCloseTo(1, 4);
      expect(await store.keywordSearch("bicycle", { scope: {}, filters: {} }, 5)).toEqual([]);
    });

    it("deletes for real but keeps the history rows", async () => {
      const store = await ctx.open();
      const m = memory();
      await insert(store, [m, axis(0)]);
      await store.apply([{ op: "delete", id: m.id }], [historyOf(m, "DELETE")]);
      expect(await store.get(m.id)).toBeNull();
      expect(await store.count()).toBe(0);
      expect(await store.vectorSearch(axis(0), { scope: {}, filters: {} }, 5)).toEqual([]);
      expect((await store.history(m.id)).map((h) => h.event)).toEqual(["ADD", "DELETE"]);
    });

    it("an update or delete of a missing memory is NOT_FOUND and writes nothing of its batch", async () => {
      const store = await ctx.open();
      const ghost = memory();
      const fresh = memory();
      await rejectsWith(
        store.apply(
          [
            { op: "insert", memory: fresh, vector: axis(0) },
            { op: "update", memory: ghost },
          ],
          [historyOf(fresh, "ADD")],
        ),
        ErrorCode.NOT_FOUND,
      );
      await rejectsWith(
        store.apply(
          [
            { op: "insert", memory: fresh, vector: axis(0) },
            { op: "delete", id: ghost.id },
          ],
          [historyOf(fresh, "ADD")],
        ),
        ErrorCode.NOT_FOUND,
      );
      expect(await store.count()).toBe(0);
      expect((await store.stats({})).historyEntries).toBe(0);
    });

    it("refuses a vector of another dimension with EMBEDDING and writes nothing", async () => {
      const store = await ctx.open();
      const m = memory();
      await rejectsWith(
        store.apply([{ op: "insert", memory: m, vector: new Float32Array(DIMS + 1).fill(0.1) }], [historyOf(m, "ADD")]),
        ErrorCode.EMBEDDING,
      );
      expect(await store.count()).toBe(0);
      expect((await store.stats({})).historyEntries).toBe(0);
    });

    it("keeps history oldest first in the order written, even within one millisecond", async () => {
      const store = await ctx.open();
      const m = memory();
      await insert(store, [m, axis(0)]);
      const same = m.updatedAt;
      const rows = ["one", "two", "three"].map((c) =>
        historyOf({ ...m, content: c }, "UPDATE", { at: same, actorId: "ana" }),
      );
      for (const row of rows)
        await store.apply([{ op: "update", memory: { ...m, content: row.newContent as string } }], [row]);
      const history = await store.history(m.id);
      expect(history.map((h) => h.newContent)).toEqual([m.content, "one", "two", "three"]);
      expect(history[1]).toEqual(rows[0]);
      expect(await store.history("00000000-0000-4000-8000-000000000000")).toEqual([]);
    });

    it("keeps unicode exactly: content, scope ids, metadata keys and values", async () => {
      const store = await ctx.open();
      const m = memory({
        content: "Zoë 去了 北京 🚲 — مرحبا, Ελλάδα, naïve café",
        userId: "用户-ü",
        agentId: "агент",
        entities: ["北京"],
        topics: ["旅行"],
        metadata: { ключ: "значение", "emoji 🎉": "✓", "a.b": "dotted", 日本: ["東京", "大阪"] },
      });
      await insert(store, [m, axis(2)]);
      expect(await store.get(m.id)).toEqual(m);
      const scope = { userId: "用户-ü", agentId: "агент" };
      expect((await store.list({ scope, filters: {} }, { limit: 5 })).memories.map((x) => x.id)).toEqual([m.id]);
      expect((await store.keywordSearch("北京", { scope, filters: {} }, 5)).map((h) => h.id)).toEqual([m.id]);
      expect((await store.keywordSearch("cafe", { scope, filters: {} }, 5)).map((h) => h.id)).toEqual([m.id]);
      expect(
        (
          await store.list(
            { scope, filters: { metadata: { ключ: "значение", "a.b": "dotted" }, topics: ["旅行"] } },
            { limit: 5 },
          )
        ).memories,
      ).toHaveLength(1);
    });

    it("keeps large metadata exactly", async () => {
      const store = await ctx.open();
      const metadata: Record<string, unknown> = { blob: "x".repeat(200_000) };
      for (let i = 0; i < 500; i++) metadata[`key_${i}`] = { index: i, label: `value ${i}`, tags: [i, i + 1] };
      const m = memory({ metadata });
      await insert(store, [m, axis(0)]);
      expect(await store.get(m.id)).toEqual(m);
    });

    it("loses nothing under concurrent writes", async () => {
      const store = await ctx.open();
      const items = Array.from({ length: 40 }, (_, i) =>
        memory({ content: `concurrent item ${i}`, userId: `user-${i % 4}` }),
      );
      await Promise.all(items.map((m, i) => insert(store, [m, axis(i)])));
      expect(await store.count()).toBe(40);
      expect((await store.getMany(items.map((m) => m.id))).length).toBe(40);
      const stats = await store.stats({});
      expect(stats.historyEntries).toBe(40);
      expect(stats.byUser).toEqual({ "user-0": 10, "user-1": 10, "user-2": 10, "user-3": 10 });
    });

    it("reset removes every memory and history row; the store stays usable", async () => {
      const store = await ctx.open();
      const m = memory();
      await insert(store, [m, axis(0)], [memory(), axis(1)]);
      await store.reset();
      expect(await store.count()).toBe(0);
      expect(await store.history(m.id)).toEqual([]);
      expect((await store.stats({})).historyEntries).toBe(0);
      await insert(store, [memory(), axis(2)]);
      expect(await store.count()).toBe(1);
    });
  });

  describe("init", () => {
    it("refuses vectors of another dimension or embedder with CONFIG naming both, unless reembed switches embedders", async () => {
      const { first, second } = ctx.pair();
      await first.init({ dimensions: DIMS, embedder: EMBEDDER });
      const m = memory();
      await insert(first, [m, axis(0)]);
      await first.close();
      const error = await second()
        .init({ dimensions: DIMS * 2, embedder: "bigger" })
        .catch((e: unknown) => e);
      expect(error).toMatchObject({
        code: ErrorCode.CONFIG,
        details: { stored: { dimensions: DIMS, embedder: EMBEDDER }, configured: { dimensions: DIMS * 2 } },
      });
      expect((error as Error).message).toContain(String(DIMS * 2));
      await rejectsWith(second().init({ dimensions: DIMS, embedder: "other-model" }), ErrorCode.CONFIG);
      const switched = second();
      await switched.init({ dimensions: DIMS, embedder: "other-model", reembed: true });
      expect((await switched.staleVectors("other-model", 10)).map((x) => x.id)).toEqual([m.id]);
      await switched.setVectors([{ id: m.id, vector: axis(1) }], "other-model");
      expect(await switched.staleVectors("other-model", 10)).toEqual([]);
      expect(await switched.get(m.id)).toEqual(m);
      expect((await switched.history(m.id)).length).toBe(1);
    });

    it("opening the same data again sees what was written", async () => {
      const { first, second } = ctx.pair();
      await first.init({ dimensions: DIMS, embedder: EMBEDDER });
      const m = memory();
      await insert(first, [m, axis(0)]);
      const again = second();
      await again.init({ dimensions: DIMS, embedder: EMBEDDER });
      expect(await again.get(m.id)).toEqual(m);
      expect((await again.vectorSearch(axis(0), { scope: {}, filters: {} }, 1))[0]?.id).toBe(m.id);
    });
  });
}
