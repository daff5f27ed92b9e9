import type { MemoryManager } from "../engine/memory-manager.js";
import { CortexMemError, ErrorCode } from "../errors.js";
import type { JobHandler } from "../jobs/job-runner.js";
import type { StoreWrite } from "../store/memory-store.js";
import { memoryFromWire } from "../wire/memory-wire.js";
import type { ActionStepResult } from "./apply-action.js";
import { jobHistory } from "./apply-action.js";
import type { RecordedPlan } from "./optimize-job.js";
import { OPTIMIZE_JOB_KIND } from "./optimizer-types.js";

/** Payload of an undo job: the optimize job to revert. */
export interface UndoPayload {
  jobId: string;
}

/**
 * The `optimize.undo` job: walks the optimize job's applied actions backwards and restores each
 * memory as its step recorded it (re-inserting deleted ones, re-embedding changed text), one
 * store transaction per action, with history rows carrying the undo job's id.
 */
export function undoJobHandler(memory: MemoryManager): JobHandler<UndoPayload> {
  return {
    async run(job, ctx) {
      const queue = memory.jobs;
      const target = await queue?.get(job.payload.jobId);
      if (!queue || !target || target.kind !== OPTIMIZE_JOB_KIND)
        throw new CortexMemError(ErrorCode.NOT_FOUND, `Optimization job ${job.payload.jobId} not found`);
      if (target.status === "running" || target.status === "queued")
        throw new CortexMemError(
          ErrorCode.CONFLICT,
          `Optimization job ${target.id} is ${target.status}; cancel it or wait before undoing`,
        );
      const plan = (await queue.stepResult(target.id, "plan")).result as RecordedPlan | undefined;
      const n = plan?.actions.length ?? 0;
      let restored = 0;
      await ctx.phase("undo");
      for (let i = n - 1; i >= 0; i -= 1) {
        ctx.checkpoint();
        const step = await queue.stepResult(target.id, `action-${i}`);
        const done = step.result as ActionStepResult | undefined;
        if (!step.applied || !done || done.skipped || done.before.length === 0) continue;
        restored += await ctx.step(`undo-${i}`, async (mark) => {
          const writes: StoreWrite[] = [];
          const history = [];
          const now = new Date();
          for (const wire of done.before) {
            const before = memoryFromWire(wire);
            const current = await memory.store.get(before.id);
            const vector =
              !current || current.content !== before.content
                ? (await memory.embedder.embed([before.content]))[0]
                : undefined;
            writes.push(
              current
                ? { op: "update", memory: before, ...(vector ? { vector } : {}) }
                : { op: "insert", memory: before, vector: vector as Float32Array },
            );
            history.push({
              ...jobHistory(
                current ?? before,
                current ? "UPDATE" : "ADD",
                before.content,
                job.id,
                now,
                `undo of optimization job ${job.payload.jobId}`,
              ),
              ...(current ? {} : { oldContent: null }),
            });
          }
          await memory.store.apply(writes, history, { step: { ...mark, result: writes.length } });
          return writes.length;
        });
        await ctx.progress(n - i, n);
      }
      return { undoneJobId: target.id, memoriesRestored: restored };
    },
  };
}
