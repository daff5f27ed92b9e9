import { describe, expect, it } from "vitest";
import type { ExportRecord, MemoryStore } from "../../../src/store/memory-store.js";
import { EMBEDDER, at, axis, historyOf, insert, memory } from "./fixtures.js";
import type { ContractContext } from "./store-contract.js";

async function exportAll(store: MemoryStore, scope = {}): Promise<ExportRecord[]> {
  const out: ExportRecord[] = [];
  for await (const r of store.exportAll(scope)) out.push(r);
  return out;
}

const closeTo = (actual: Float32Array | null, expected: Float32Array): void => {
  expect(actual).not.toBeNull();
  expect(actual?.length).toBe(expected.length);
  expected.forEach((x, i) => expect(actual?.[i]).toBeCloseTo(x, 5));
};

/** Export, import, orphan history and re-embedding. */
export function transferContract(ctx: ContractContext): void {
  describe("transfer", () => {
    it("exports oldest first with vectors and history, and imports into another store exactly, idempotently", async () => {
      const source = await ctx.open();
      const newer = memory({ content: "newer", createdAt: at(900) });
      const older = memory({ content: "older", createdAt: at(800), metadata: { k: [1, { deep: "ü" }] } });
      // Inserted in creation order: SQLite exports by insertion, Qdrant by creation time.
      await insert(source, [older, axis(0)], [newer, axis(1)]);
      const edited = { ...older, content: "older, edited", updatedAt: at(950) };
      await source.apply([{ op: "update", memory: edited }], [historyOf(edited, "UPDATE")]);
      const gone = memory({ content: "gone", createdAt: at(700) });
      await insert(source, [gone, axis(2)]);
      await source.apply([{ op: "delete", id: gone.id }], [historyOf(gone, "DELETE")]);

      const records = await exportAll(source);
      expect(records.map((r) => r.memory.id)).toEqual([older.id, newer.id]);
      expect(records[0]?.memory).toEqual(edited);
      closeTo(records[0]?.vector ?? null, axis(0));
      expect(records[0]?.history.map((h) => h.event)).toEqual(["ADD", "UPDATE"]);
      const orphans = await source.orphanHistory({});
      expect(orphans.map((h) => [h.memoryId, h.event])).toEqual([
        [gone.id, "ADD"],
        [gone.id, "DELETE"],
      ]);
      expect(await source.orphanHistory({ userId: "nobody" })).toEqual([]);

      const target = await ctx.open();
      expect(await target.importRecords(records, orphans)).toBe(2);
      expect(await target.importRecords(records, orphans)).toBe(0);
      expect(await target.count()).toBe(2);
      expect(await target.get(older.id)).toEqual(edited);
      expect(await target.history(older.id)).toEqual(records[0]?.history);
      expect(await target.history(gone.id)).toEqual(orphans);
      expect((await target.stats({})).historyEntries).toBe(5);
      expect((await target.vectorSearch(axis(1), { scope: {}, filters: {} }, 1))[0]?.id).toBe(newer.id);
      expect((await target.keywordSearch("edited", { scope: {}, filters: {} }, 5)).map((h) => h.id)).toEqual([
        older.id,
      ]);
      const again = await exportAll(target);
      expect(again.map((r) => r.memory)).toEqual(records.map((r) => r.memory));
      expect(again.map((r) => r.history)).toEqual(records.map((r) => r.history));
    });

    it("an import leaves existing memories untouched and adds only missing history rows", async () => {
      const store = await ctx.open();
      const m = memory({ content: "original" });
      await insert(store, [m, axis(0)]);
      const [record] = await exportAll(store);
      const changed: ExportRecord = {
        memory: { ...m, content: "imported copy" },
        vector: axis(3),
        history: [...(record?.history ?? []), historyOf(m, "UPDATE")],
      };
      expect(await store.importRecords([changed])).toBe(0);
      expect((await store.get(m.id))?.content).toBe("original");
      expect((await store.history(m.id)).length).toBe(2);
      expect((await store.vectorSearch(axis(0), { scope: {}, filters: {} }, 1))[0]?.id).toBe(m.id);
    });

    it("memories imported without a vector are stale until setVectors gives them one", async () => {
      const store = await ctx.open();
      const withVector = memory({ content: "has a vector" });
      const without = memory({ content: "needs embedding" });
      expect(
        await store.importRecords([
          { memory: withVector, vector: axis(0), history: [] },
          { memory: without, vector: null, history: [] },
        ]),
      ).toBe(2);
      expect((await store.staleVectors(EMBEDDER, 10)).map((m) => m.id)).toEqual([without.id]);
      expect((await store.staleVectors("another-embedder", 10)).map((m) => m.id).sort()).toEqual(
        [withVector.id, without.id].sort(),
      );
      expect(await store.staleVectors("another-embedder", 1)).toHaveLength(1);
      expect((await store.vectorSearch(axis(5), { scope: {}, filters: {} }, 10)).map((h) => h.id)).toEqual([
        withVector.id,
      ]);
      await store.setVectors(
        [
          { id: without.id, vector: axis(5) },
          { id: "00000000-0000-4000-8000-000000000000", vector: axis(4) },
        ],
        EMBEDDER,
      );
      expect(await store.staleVectors(EMBEDDER, 10)).toEqual([]);
      expect((await store.vectorSearch(axis(5), { scope: {}, filters: {} }, 1))[0]?.id).toBe(without.id);
      expect(await store.count()).toBe(2);
      const exported = await exportAll(store);
      closeTo(exported.find((r) => r.memory.id === without.id)?.vector ?? null, axis(5));
    });
  });
}
