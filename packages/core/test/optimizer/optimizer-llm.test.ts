import { describe, expect, it } from "vitest";
import { analyzeOptimization, startOptimization, undoOptimization } from "../../src/optimizer/optimizer-api.js";
import { createJobWorker } from "../../src/jobs/job-worker.js";
import { defineConfig } from "../../src/config/load-config.js";
import type { Memory } from "../../src/types/memory.js";
import type { MemoryManager } from "../../src/engine/memory-manager.js";
import type { OptimizeJobResult } from "../../src/optimizer/optimize-job.js";
import { GROUPS, MISCLASSIFIED, optimizerLlmMemory, PLAIN } from "./llm-fixture.js";
import { seedMemories } from "./seed.js";
import type { SeedSpec } from "./seed.js";

const settings = defineConfig({ home: "/tmp/unused" }).optimizer;

async function runJobs(memory: MemoryManager): Promise<void> {
  const worker = createJobWorker(memory, { pollMs: 10, backoffMs: 1 });
  await worker.drain();
  await worker.stop();
}

const snapshot = (m: Memory | null) =>
  m && {
    content: m.content,
    memoryType: m.memoryType,
    supersededBy: m.supersededBy,
    importance: m.importance,
    entities: m.entities,
    validUntil: m.validUntil?.getTime(),
  };

describe("optimizer on real SQLite with the LLM (real openai SDK against the fake server)", () => {
  it("batches classification and merges, applies the LLM's merged text as a job, and undo restores all", async () => {
    const { memory, fake } = await optimizerLlmMemory();
    const specs: SeedSpec[] = [
      ...GROUPS.flatMap((g) => g.members.map((content, i) => ({ content, importance: i === 1 ? 0.9 : 0.6 }))),
      ...[...MISCLASSIFIED.keys()].map((content) => ({ content })),
      ...Array.from({ length: PLAIN }, (_, i) => ({ content: `Alice's note ${i}: item ${i} is kept in box ${i}.` })),
    ];
    const seeded = await seedMemories(memory, "alice", specs);
    const total = seeded.length; // 117
    const byContent = new Map(seeded.map((m) => [m.content, m]));
    const idOf = (content: string) => (byContent.get(content) as Memory).id;
    const before = await Promise.all(seeded.map((m) => memory.store.get(m.id)));
    fake.reset();

    // (2) The dry run: 110 memories to classify cost 3 calls (50, 50, 10); 3 groups to merge cost 1.
    const plan = await analyzeOptimization(memory, settings, { strategy: "full", scope: { userId: "alice" } });
    const calls = fake.chatCalls();
    expect(plan.scanned).toBe(total);
    expect(plan.llmCalls).toBe(4);
    expect(calls).toHaveLength(4);
    expect(calls.length * 25).toBeLessThan(total);
    const userOf = (c: (typeof calls)[number]) => String(c.body.messages[1].content);
    expect(calls.filter((c) => userOf(c).startsWith("Group 0:"))).toHaveLength(1);
    const classifyBatches = calls.filter((c) => !userOf(c).startsWith("Group 0:"));
    expect(classifyBatches.map((c) => userOf(c).split("\n").length)).toEqual([50, 50, 10]);
    for (const c of calls) for (const m of seeded) expect(userOf(c)).not.toContain(m.id);
    const mergePrompt = userOf(calls.find((c) => userOf(c).startsWith("Group 0:"))!);
    for (const g of GROUPS) for (const content of g.members) expect(mergePrompt).toContain(`- ${content}`);

    expect(plan.issues.map((i) => `${i.kind}/${i.severity}`).sort()).toEqual([
      ...Array(3).fill("Duplicate/Medium"),
      ...Array(4).fill("PoorClassification/Low"),
    ]);
    const merges = plan.actions.filter((a) => a.type === "Merge");
    expect(
      merges
        .map((a) => ({ survivor: a.survivor, memories: [...a.memories].sort(), content: a.content }))
        .sort((a, b) => a.survivor.localeCompare(b.survivor)),
    ).toEqual(
      GROUPS.map((g) => ({
        survivor: idOf(g.members[1]!),
        memories: g.members.map(idOf).sort(),
        content: g.merged,
      })).sort((a, b) => a.survivor.localeCompare(b.survivor)),
    );
    const reclassify = plan.actions.filter((a) => a.type === "Reclassify");
    expect(reclassify.map((a) => [a.memoryId, a.memoryType]).sort()).toEqual(
      [...MISCLASSIFIED].map(([content, type]) => [idOf(content), type]).sort(),
    );
    expect(plan.actions).toHaveLength(7);
    // Nothing written by the dry run.
    expect((await memory.stats({ userId: "alice" })).historyEntries).toBe(0);
    expect((await memory.listJobs()).jobs).toHaveLength(0);
    expect((await Promise.all(seeded.map((m) => memory.store.get(m.id)))).map(snapshot)).toEqual(before.map(snapshot));

    // (3) The job: the same 4 LLM calls, then one transaction per action.
    fake.reset();
    const job = await startOptimization(memory, { strategy: "full", scope: { userId: "alice" } });
    await runJobs(memory);
    const done = await memory.job(job.id);
    expect(done.status).toBe("completed");
    expect(done.result as OptimizeJobResult).toMatchObject({
      scanned: total,
      issuesFound: 7,
      actionsPlanned: 7,
      actionsPerformed: 7,
      actionsSkipped: 0,
      llmCalls: 4,
      byAction: { Merge: 3, Reclassify: 4 },
      memoryCountBefore: total,
      memoryCountAfter: total,
    });
    expect(fake.chatCalls()).toHaveLength(4);
    for (const g of GROUPS) {
      const survivor = await memory.store.get(idOf(g.members[1]!));
      expect(survivor).toMatchObject({ content: g.merged, importance: 0.9 });
      expect(survivor?.supersededBy).toBeUndefined();
      expect((await memory.history(survivor!.id)).map((h) => [h.event, h.newContent, h.jobId])).toEqual([
        ["UPDATE", g.merged, job.id],
      ]);
      for (const content of g.members.filter((_, i) => i !== 1)) {
        expect((await memory.store.get(idOf(content)))?.supersededBy).toBe(survivor!.id);
        expect((await memory.history(idOf(content))).map((h) => [h.event, h.oldContent, h.jobId])).toEqual([
          ["SUPERSEDE", content, job.id],
        ]);
      }
    }
    for (const [content, type] of MISCLASSIFIED) {
      expect((await memory.store.get(idOf(content)))?.memoryType).toBe(type);
      expect((await memory.history(idOf(content))).map((h) => [h.event, h.jobId])).toEqual([["UPDATE", job.id]]);
    }
    // 3 survivors + 4 superseded + 4 reclassified: one row each, all the job's.
    expect((await memory.stats({ userId: "alice" })).historyEntries).toBe(11);
    // Each row says why: the reason of the planned action that made it (the job applies the same plan).
    for (const action of plan.actions) {
      const ids = action.type === "Merge" ? action.memories : [action.memoryId];
      expect(action.reason.length).toBeGreaterThan(0);
      for (const id of ids) {
        expect((await memory.history(id)).map((h) => h.reason)).toEqual([action.reason]);
      }
    }

    // (4) Undo restores every memory as it was, vectors included: a new dry run plans the same actions.
    const undo = await undoOptimization(memory, job.id, { scope: { userId: "alice" } });
    await runJobs(memory);
    expect((await memory.job(undo.id)).status).toBe("completed");
    expect((await Promise.all(seeded.map((m) => memory.store.get(m.id)))).map(snapshot)).toEqual(before.map(snapshot));
    fake.reset();
    const again = await analyzeOptimization(memory, settings, { strategy: "full", scope: { userId: "alice" } });
    expect(fake.chatCalls()).toHaveLength(4);
    const norm = (p: typeof plan) =>
      p.actions.map((a) => JSON.stringify(a.type === "Merge" ? { ...a, memories: [...a.memories].sort() } : a)).sort();
    expect(norm(again)).toEqual(norm(plan));
  });
});
