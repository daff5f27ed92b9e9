import { describe, expect, it } from "vitest";
import { analyzeOptimization, startOptimization, undoOptimization } from "../../src/optimizer/optimizer-api.js";
import { createJobWorker } from "../../src/jobs/job-worker.js";
import { defineConfig } from "../../src/config/load-config.js";
import type { MemoryManager } from "../../src/engine/memory-manager.js";
import type { OptimizeJobResult } from "../../src/optimizer/optimize-job.js";
import { openMemory } from "../helpers.js";
import { seedMemories } from "./seed.js";

const settings = defineConfig({ home: "/tmp/unused" }).optimizer;

async function runJobs(memory: MemoryManager): Promise<void> {
  const worker = createJobWorker(memory, { pollMs: 10, backoffMs: 1 });
  await worker.drain();
  await worker.stop();
}

describe("the optimizer's space strategy and expired memories", () => {
  it("plans Expire for each expired memory (superseded too) and removes it with an EXPIRE row; undo restores it", async () => {
    const memory = await openMemory();
    const past = new Date(Date.now() - 60_000);
    const seeded = await seedMemories(memory, "alice", [
      { content: "Alice is in Paris this week for a conference.", expiresAt: past },
      { content: "Alice is on call until Friday evening.", expiresAt: new Date(Date.now() + 86_400_000) },
      { content: "Alice is allergic to peanuts and carries an epipen." },
      {
        content: "Alice was in Rome last week.",
        expiresAt: past,
        supersededBy: "00000000-0000-4000-8000-00000000aaaa",
      },
    ]);
    const plan = await analyzeOptimization(memory, settings, { strategy: "space", scope: { userId: "alice" } });
    expect(plan.actions).toEqual([
      { type: "Expire", memoryId: seeded[0]!.id, reason: `expired at ${past.toISOString()}` },
      { type: "Expire", memoryId: seeded[3]!.id, reason: `expired at ${past.toISOString()}` },
    ]);
    expect(plan.issues.map((i) => [i.kind, i.recommendation])).toEqual([
      ["SpaceInefficient", "expire"],
      ["SpaceInefficient", "expire"],
    ]);
    expect(await memory.count()).toBe(4); // analyze writes nothing

    const job = await startOptimization(memory, { strategy: "space", scope: { userId: "alice" } });
    await runJobs(memory);
    const done = await memory.job(job.id);
    expect(done.status).toBe("completed");
    expect((done.result as OptimizeJobResult).byAction).toEqual({ Expire: 2 });
    expect(await memory.store.get(seeded[0]!.id)).toBeNull();
    expect(await memory.store.get(seeded[3]!.id)).toBeNull();
    expect((await memory.store.get(seeded[1]!.id))?.id).toBe(seeded[1]!.id);
    expect((await memory.history(seeded[0]!.id)).at(-1)).toMatchObject({
      event: "EXPIRE",
      jobId: job.id,
      oldContent: "Alice is in Paris this week for a conference.",
      newContent: null,
      reason: `expired at ${past.toISOString()}`,
    });

    const undo = await undoOptimization(memory, job.id, { scope: { userId: "alice" } });
    await runJobs(memory);
    expect((await memory.job(undo.id)).status).toBe("completed");
    const back = await memory.store.get(seeded[0]!.id);
    expect(back?.expiresAt?.getTime()).toBe(past.getTime());
    expect((await memory.history(seeded[0]!.id)).at(-1)).toMatchObject({ event: "ADD", jobId: undo.id });
  });
});
