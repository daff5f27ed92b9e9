import { describe, expect, it } from "vitest";
import type { Memory, StoreFilters, StoreQuery } from "../../../src/index.js";
import { axis, historyOf, idsOf, insert, insertAll, memory } from "./fixtures.js";
import type { ContractContext } from "./store-contract.js";

const NOW = new Date(Date.UTC(2025, 5, 1));
const q = (filters: StoreFilters): StoreQuery => ({ scope: { userId: "alice" }, filters });

/** Expiry: `expiresAt` stored as given, `liveAt` / `expiredAt` filters in every read, dedup skipping expired twins. */
export function expiryContract(ctx: ContractContext): void {
  describe("expiry", () => {
    it("stores expiresAt; liveAt hides expired memories from list, ids and both retrievers; expiredAt selects them", async () => {
      const store = await ctx.open();
      const expired = memory({ content: "alice is in paris", expiresAt: new Date(NOW.getTime() - 1) });
      const atNow = memory({ content: "alice is in paris today", expiresAt: NOW });
      const later = memory({ content: "alice is in paris this year", expiresAt: new Date(NOW.getTime() + 60_000) });
      const never = memory({ content: "alice loves paris" });
      await insertAll(store, [expired, atNow, later, never]);
      expect((await store.get(later.id))?.expiresAt?.getTime()).toBe(later.expiresAt?.getTime());
      expect((await store.get(never.id))?.expiresAt).toBeUndefined();
      const reads = async (filters: StoreFilters): Promise<string[][]> => [
        idsOf((await store.list(q(filters), { limit: 50 })).memories),
        (await store.ids(q(filters))).sort(),
        idsOf(await store.vectorSearch(axis(0, 1, 1), q(filters), 50)),
        idsOf(await store.keywordSearch("paris", q(filters), 50)),
      ];
      for (const got of await reads({ liveAt: NOW })) expect(got).toEqual(idsOf([later, never]));
      for (const got of await reads({})) expect(got).toEqual(idsOf([expired, atNow, later, never]));
      expect((await store.ids(q({ expiredAt: NOW }))).sort()).toEqual(idsOf([expired, atNow]));
      expect(await store.ids(q({ expiredAt: NOW, liveAt: NOW }))).toEqual([]);
    });

    it("an insert unlessDuplicate is not skipped for a twin that expired before the insert's createdAt", async () => {
      const store = await ctx.open();
      const old = memory({
        content: "alice is in rome",
        createdAt: new Date(NOW.getTime() - 3_600_000),
        expiresAt: NOW,
      });
      await insert(store, [old, axis(2)]);
      const again: Memory = memory({ content: "alice is in rome", createdAt: new Date(NOW.getTime() + 1000) });
      const early: Memory = memory({ content: "alice is in rome", createdAt: new Date(NOW.getTime() - 1000) });
      const result = await store.apply(
        [
          { op: "insert", memory: early, vector: axis(2), unlessDuplicate: true },
          { op: "insert", memory: again, vector: axis(2), unlessDuplicate: true },
        ],
        [historyOf(early, "ADD"), historyOf(again, "ADD")],
      );
      // `early` was written while the old one still lived: a duplicate; `again` came after it expired.
      expect(result.duplicates).toEqual([{ id: early.id, existingId: old.id }]);
      expect(await store.get(again.id)).not.toBeNull();
    });
  });
}
