import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import { memoryVersion } from "../../../src/types/version.js";
import type { Memory } from "../../../src/types/memory.js";
import { DIMS, EMBEDDER, axis, historyOf, insert, memory } from "./fixtures.js";
import type { ContractContext } from "./store-contract.js";

const later = (m: Memory, content: string): Memory => ({
  ...m,
  content,
  updatedAt: new Date(m.updatedAt.getTime() + 1000),
});

/** Conditional writes, duplicate-skipping inserts and the embedder check at write time. */
export function conditionsContract(ctx: ContractContext): void {
  describe("write conditions", () => {
    it("an update or delete with the current version is applied; with an old one it is CONFLICT and writes nothing of its batch", async () => {
      const store = await ctx.open();
      const m = memory({ content: "the kettle is in the kitchen" });
      await insert(store, [m, axis(0)]);
      const v1 = memoryVersion(m);
      const moved = later(m, "the kettle is in the garden");
      expect(
        await store.apply([{ op: "update", memory: moved, ifVersion: [v1] }], [historyOf(moved, "UPDATE")]),
      ).toEqual({ duplicates: [] });
      const bystander = memory();
      const stale = store.apply(
        [
          { op: "insert", memory: bystander, vector: axis(1) },
          { op: "update", memory: later(moved, "the kettle is lost"), ifVersion: [v1] },
        ],
        [historyOf(bystander, "ADD")],
      );
      await expect(stale).rejects.toMatchObject({
        code: ErrorCode.CONFLICT,
        details: { id: m.id, current_version: memoryVersion(moved) },
      });
      await expect(
        store.apply([{ op: "delete", id: m.id, ifVersion: [v1] }], [historyOf(moved, "DELETE")]),
      ).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
      expect(await store.get(m.id)).toEqual(moved);
      expect(await store.get(bystander.id)).toBeNull();
      expect((await store.history(m.id)).map((h) => h.event)).toEqual(["ADD", "UPDATE"]);
      await store.apply(
        [{ op: "delete", id: m.id, ifVersion: ["not-this-one", memoryVersion(moved)] }],
        [historyOf(moved, "DELETE")],
      );
      expect(await store.get(m.id)).toBeNull();
    });

    it("a conditional write of a missing memory is NOT_FOUND", async () => {
      const store = await ctx.open();
      const ghost = memory();
      await expect(
        store.apply([{ op: "update", memory: ghost, ifVersion: [memoryVersion(ghost)] }], []),
      ).rejects.toMatchObject({ code: ErrorCode.NOT_FOUND });
    });

    it("an insert unlessDuplicate is skipped with its history when a live memory of exactly its scope has its hash", async () => {
      const store = await ctx.open();
      const original = memory({ content: "Ana likes tea", agentId: "bot" });
      await insert(store, [original, axis(0)]);
      const twin = memory({ content: "Ana likes tea", agentId: "bot" });
      const otherScope = memory({ content: "Ana likes tea" });
      const fresh = memory({ content: "Ana likes coffee", agentId: "bot" });
      const result = await store.apply(
        [twin, otherScope, fresh].map((m, i) => ({
          op: "insert" as const,
          memory: m,
          vector: axis(i + 1),
          unlessDuplicate: true,
        })),
        [twin, otherScope, fresh].map((m) => historyOf(m, "ADD")),
      );
      expect(result).toEqual({ duplicates: [{ id: twin.id, existingId: original.id }] });
      expect(await store.get(twin.id)).toBeNull();
      expect(await store.history(twin.id)).toEqual([]);
      expect(await store.get(otherScope.id)).toEqual(otherScope);
      expect(await store.get(fresh.id)).toEqual(fresh);
      expect(await store.count()).toBe(3);
    });

    it("a supersede by a skipped duplicate is skipped too", async () => {
      const store = await ctx.open();
      const live = memory({ content: "Bo lives in Oslo" });
      const old = memory({ content: "Bo lives in Rome" });
      await insert(store, [live, axis(0)], [old, axis(1)]);
      const twin = memory({ content: "Bo lives in Oslo" });
      const superseded = {
        ...old,
        supersededBy: twin.id,
        validUntil: twin.observedAt,
        updatedAt: new Date(old.updatedAt.getTime() + 1),
      };
      const result = await store.apply(
        [
          { op: "insert", memory: twin, vector: axis(2), unlessDuplicate: true },
          { op: "update", memory: superseded, ifVersion: [memoryVersion(old)] },
        ],
        [historyOf(twin, "ADD"), historyOf(old, "SUPERSEDE")],
      );
      expect(result.duplicates).toEqual([{ id: twin.id, existingId: live.id }]);
      expect(await store.get(old.id)).toEqual(old);
      expect((await store.history(old.id)).map((h) => h.event)).toEqual(["ADD"]);
    });

    it("a handle whose embedder the store no longer has cannot write vectors (CONFIG) and writes nothing", async () => {
      const { first, second } = ctx.pair();
      await first.init({ dimensions: DIMS, embedder: EMBEDDER });
      const kept = memory();
      await insert(first, [kept, axis(0)]);
      const other = second();
      // Same dimension: a Qdrant collection cannot change it in place (SQLite's own test changes it).
      await other.init({ dimensions: DIMS, embedder: "another-embedder", reembed: true });
      const late = memory();
      await expect(insert(first, [late, axis(1)])).rejects.toMatchObject({ code: ErrorCode.CONFIG });
      await expect(first.setVectors([{ id: kept.id, vector: axis(2) }], EMBEDDER)).rejects.toMatchObject({
        code: ErrorCode.CONFIG,
      });
      await expect(first.importRecords([{ memory: late, vector: axis(1), history: [] }])).rejects.toMatchObject({
        code: ErrorCode.CONFIG,
      });
      expect(await other.get(late.id)).toBeNull();
      expect(await other.count()).toBe(1);
      await other.setVectors([{ id: kept.id, vector: axis(3) }], "another-embedder");
      // Writes without a vector are not an embedder's business.
      await first.apply([{ op: "update", memory: later(kept, "renamed") }], []);
      expect((await other.get(kept.id))?.content).toBe("renamed");
    });
  });
}
