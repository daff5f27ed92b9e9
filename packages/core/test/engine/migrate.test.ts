import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { migrateStore } from "../../src/engine/migrate.js";
import type { ExportRecord, MemoryStore } from "../../src/store/memory-store.js";
import type { HistoryEntry } from "../../src/types/memory.js";
import type { MemoryManager } from "../../src/engine/memory-manager.js";
import type { MigrateProgress } from "../../src/engine/migrate.js";
import { onCleanup, openMemory, tempHome } from "../helpers.js";

async function collect(lines: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const line of lines) out.push(line);
  return out;
}

/** A populated source: several scopes, an update, a supersede-free delete (orphan history). */
async function populatedSource(): Promise<{ source: MemoryManager; updatedId: string; deletedId: string }> {
  const source = await openMemory();
  for (let i = 0; i < 7; i++)
    await source.add(`fact number ${i} about hiking trails`, {
      userId: i % 2 ? "alice" : "bob",
      infer: false,
      metadata: { i },
    });
  await source.add("Café au lait ☕ for the agent", { agentId: "helper", infer: false });
  const updated = (await source.add("I like jazz", { userId: "alice", infer: false })).results[0]!;
  await source.update(updated.id, { content: "I like jazz and blues" });
  const deleted = (await source.add("to be deleted", { userId: "bob", infer: false })).results[0]!;
  await source.delete(deleted.id);
  return { source, updatedId: updated.id, deletedId: deleted.id };
}

/** A second real SQLite file initialised like the source's store. */
async function targetFor(source: MemoryManager, path = join(tempHome(), "target.db")): Promise<SqliteStore> {
  const target = new SqliteStore({ path });
  await target.init({ dimensions: await source.embedder.dimensions(), embedder: source.embedder.id });
  onCleanup(() => target.close());
  return target;
}

describe("migrateStore", () => {
  it("copies every memory with its vector and history, and deleted memories' history, between two files", async () => {
    const { source, updatedId, deletedId } = await populatedSource();
    const target = await targetFor(source);
    const progress: MigrateProgress[] = [];
    const summary = await migrateStore(source.store, target, { batchSize: 3, onProgress: (p) => progress.push(p) });
    expect(summary).toMatchObject({ total: 9, done: 9, copied: 9, skipped: 0, orphanHistory: 2, withoutVector: 0 });
    expect(summary.historyRows).toBe(10);
    expect(progress.map((p) => p.done)).toEqual([3, 6, 9]);
    expect(progress.every((p) => p.total === 9)).toBe(true);

    const copy = await openMemory({}, { store: target });
    expect((await copy.list({ limit: 100 })).memories).toEqual((await source.list({ limit: 100 })).memories);
    expect(await copy.history(updatedId)).toEqual(await source.history(updatedId));
    expect(await copy.history(deletedId)).toEqual(await source.history(deletedId));
    expect(await copy.stats()).toEqual(await source.stats());
    expect((await copy.search("jazz blues", { userId: "alice" }))[0]?.id).toBe(updatedId);
    const lines = (m: MemoryManager): Promise<string[]> => collect(m.export()).then((l) => l.slice(1));
    expect(await lines(copy)).toEqual(await lines(source));
  });

  it("is idempotent: running it again copies nothing and duplicates no history", async () => {
    const { source } = await populatedSource();
    const target = await targetFor(source);
    await migrateStore(source.store, target);
    const before = await target.stats({});
    const again = await migrateStore(source.store, target);
    expect(again).toMatchObject({ total: 9, copied: 0, skipped: 9 });
    expect(await target.stats({})).toEqual(before);
  });

  it("finishes an interrupted migration: memories already in the target are kept, the rest copied", async () => {
    const { source } = await populatedSource();
    const target = await targetFor(source);
    const first: ExportRecord[] = [];
    for await (const r of source.store.exportAll({ userId: "bob" })) first.push(r);
    await target.importRecords(first);
    const summary = await migrateStore(source.store, target);
    expect(summary).toMatchObject({ copied: 9 - first.length, skipped: first.length });
    expect(await target.count()).toBe(9);
  });

  it("a target that loses memories is a STORE error", async () => {
    const { source } = await populatedSource();
    class LossyStore extends SqliteStore {
      override async importRecords(records: ExportRecord[], orphans?: HistoryEntry[]): Promise<number> {
        return super.importRecords(records.slice(1), orphans);
      }
    }
    const lossy = new LossyStore({ path: join(tempHome(), "lossy.db") });
    await lossy.init({ dimensions: await source.embedder.dimensions(), embedder: source.embedder.id });
    onCleanup(() => lossy.close());
    await expect(migrateStore(source.store, lossy, { batchSize: 4 })).rejects.toMatchObject({
      code: ErrorCode.STORE,
      details: { expected: 9 },
    });
  });

  it("a source written to during the migration is a CONFLICT, and a second run completes it", async () => {
    const { source } = await populatedSource();
    const target = await targetFor(source);
    const real = source.store;
    // The real source, with a real write landing right after the first record is read.
    const busy = {
      kind: real.kind,
      count: () => real.count(),
      stats: (scope: object) => real.stats(scope),
      orphanHistory: (scope: object) => real.orphanHistory(scope),
      async *exportAll(scope: object) {
        let first = true;
        for await (const record of real.exportAll(scope)) {
          yield record;
          if (first) await source.add("written while migrating", { userId: "carol", infer: false });
          first = false;
        }
      },
    } as unknown as MemoryStore;
    await expect(migrateStore(busy, target)).rejects.toMatchObject({ code: ErrorCode.CONFLICT });
    await expect(migrateStore(source.store, target)).resolves.toMatchObject({ total: 10 });
    expect(await target.count()).toBe(10);
  });
});
