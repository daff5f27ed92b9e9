import { describe, expect, it } from "vitest";
import { analyzeOptimization, startOptimization, undoOptimization } from "../../src/optimizer/optimizer-api.js";
import { createJobWorker } from "../../src/jobs/job-worker.js";
import { createStore } from "../../src/create-memory.js";
import { defineConfig } from "../../src/config/load-config.js";
import type { MemoryManager } from "../../src/engine/memory-manager.js";
import type { OptimizeJobResult } from "../../src/optimizer/optimize-job.js";
import { openMemory, tempHome } from "../helpers.js";
import { seedMemories } from "./seed.js";

const settings = defineConfig({ home: "/tmp/unused" }).optimizer;

async function runJobs(memory: MemoryManager): Promise<void> {
  const worker = createJobWorker(memory, { pollMs: 10, backoffMs: 1 });
  await worker.drain();
  await worker.stop();
}

async function seedMessyStore(memory: MemoryManager) {
  const supersededTarget = "00000000-0000-4000-8000-00000000aaaa";
  return seedMemories(memory, "alice", [
    { content: "Alice is allergic to peanuts and carries an epipen." },
    { content: "Alice is allergic to peanuts and carries an epipen!", importance: 0.9 },
    { content: "Alice moved to Berlin in 2021 for her job at Zalando.", ageDays: 400 },
    { content: "ok", importance: 0.1, entities: [], topics: [], ageDays: 60 },
    { content: "Old phone number of Alice was 555-0100.", validUntil: new Date(Date.now() - 1000) },
    { content: "Alice worked at Siemens before she moved.", supersededBy: supersededTarget, ageDays: 90 },
    { content: "I love hiking in the Alps with my sister every summer.", memoryType: "conversational" },
    { content: "Bob has a cat named Miso.", userId: "bob" },
  ]);
}

describe("optimizer on real SQLite, rules only", () => {
  it("analyze finds each issue kind with severity and plans one action per memory, writing nothing", async () => {
    const memory = await openMemory();
    const seeded = await seedMessyStore(memory);
    const plan = await analyzeOptimization(memory, settings, { strategy: "full", scope: { userId: "alice" } });
    expect(plan.scanned).toBe(7);
    expect(plan.llmCalls).toBe(0);
    const kinds = plan.issues.map((i) => i.kind).sort();
    expect(kinds).toEqual([
      "Duplicate",
      "LowQuality",
      "Outdated",
      "PoorClassification",
      "SpaceInefficient",
      "SpaceInefficient",
    ]);
    const merge = plan.actions.find((a) => a.type === "Merge");
    expect(merge).toMatchObject({
      survivor: seeded[1]!.id,
      memories: expect.arrayContaining([seeded[0]!.id, seeded[1]!.id]),
    });
    expect(plan.actions.find((a) => a.type === "Reclassify")).toMatchObject({
      memoryId: seeded[6]!.id,
      memoryType: "personal",
    });
    expect(
      plan.actions
        .filter((a) => a.type === "Delete")
        .map((a) => "memoryId" in a && a.memoryId)
        .sort(),
    ).toEqual([seeded[4]!.id, seeded[5]!.id].sort());
    expect(plan.actions.every((a) => a.reason.length > 0)).toBe(true);
    expect((await memory.stats({ userId: "alice" })).historyEntries).toBe(0);
    // The dedup strategy considers duplicates only; bob is never in alice's plan.
    const dedup = await analyzeOptimization(memory, settings, {
      strategy: "deduplication",
      scope: { userId: "alice" },
    });
    expect(dedup.actions.map((a) => a.type)).toEqual(["Merge"]);
    expect(JSON.stringify(plan)).not.toContain(seeded[7]!.id);
  });

  it("runs as a job (history with the job id, merged memories superseded by the survivor), then undo restores all", async () => {
    const memory = await openMemory();
    const seeded = await seedMessyStore(memory);
    const before = await Promise.all(seeded.map((m) => memory.store.get(m.id)));
    const job = await startOptimization(memory, { strategy: "full", scope: { userId: "alice" } });
    await runJobs(memory);
    const done = await memory.job(job.id);
    expect(done.status).toBe("completed");
    const result = done.result as OptimizeJobResult;
    expect(result).toMatchObject({
      issuesFound: 6,
      actionsPerformed: 6,
      memoryCountBefore: 7,
      memoryCountAfter: 5,
      byAction: { Merge: 1, Delete: 2, Reclassify: 1, Archive: 2 },
    });
    expect(done.log.some((l) => /Merge .*near-duplicates/.test(l.message))).toBe(true);
    expect((await memory.store.get(seeded[0]!.id))?.supersededBy).toBe(seeded[1]!.id);
    expect(await memory.store.get(seeded[4]!.id)).toBeNull();
    expect((await memory.store.get(seeded[6]!.id))?.memoryType).toBe("personal");
    const rows = await memory.history(seeded[0]!.id);
    expect(rows.at(-1)).toMatchObject({ event: "SUPERSEDE", jobId: job.id });

    const undo = await undoOptimization(memory, job.id, { scope: { userId: "alice" } });
    await runJobs(memory);
    expect((await memory.job(undo.id)).status).toBe("completed");
    for (const [i, m] of seeded.entries()) {
      const now = await memory.store.get(m.id);
      expect({
        i,
        content: now?.content,
        type: now?.memoryType,
        superseded: now?.supersededBy,
        validUntil: now?.validUntil?.getTime(),
      }).toEqual({
        i,
        content: before[i]?.content,
        type: before[i]?.memoryType,
        superseded: before[i]?.supersededBy,
        validUntil: before[i]?.validUntil?.getTime(),
      });
    }
    expect((await memory.history(seeded[4]!.id)).at(-1)).toMatchObject({ event: "ADD", jobId: undo.id });
  });

  it("cancel stops between actions: what was applied is whole, the rest untouched", async () => {
    // A store whose writes take 15 ms, so the cancel lands mid-run.
    const home = tempHome();
    const inner = createStore(defineConfig({ home }));
    const slow = new Proxy(inner, {
      get(target, prop) {
        const value: unknown = Reflect.get(target, prop);
        if (prop === "apply")
          return async (...args: Parameters<typeof inner.apply>) => (
            await new Promise((r) => setTimeout(r, 15)),
            target.apply(...args)
          );
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    const memory = await openMemory({}, { store: slow }, home);
    await seedMemories(
      memory,
      "carol",
      Array.from({ length: 40 }, (_, i) => ({ content: `Carol note ${i} about something long ago.`, ageDays: 500 })),
    );
    const job = await startOptimization(memory, { strategy: "relevance", scope: { userId: "carol" } });
    const worker = createJobWorker(memory, { pollMs: 10 });
    worker.start();
    for (let t = 0; t < 500 && ((await memory.job(job.id)).progress ?? 0) === 0; t += 1)
      await new Promise((r) => setTimeout(r, 5));
    await memory.cancelJob(job.id);
    for (let t = 0; t < 1000 && ["running", "queued"].includes((await memory.job(job.id)).status); t += 1)
      await new Promise((r) => setTimeout(r, 5));
    await worker.stop();
    const done = await memory.job(job.id);
    expect(done.status).toBe("cancelled");
    const archived = (await memory.list({ userId: "carol", limit: 100 })).memories.filter((m) => m.validUntil).length;
    const rows = (await memory.store.stats({ userId: "carol" })).historyEntries;
    expect(rows).toBe(archived); // one history row per applied action, none half-applied
    expect(archived).toBeLessThan(40);
  });
});
