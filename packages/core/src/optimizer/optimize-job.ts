import type { CortexMemConfig } from "../config/schema.js";
import type { MemoryManager } from "../engine/memory-manager.js";
import { CortexMemError, ErrorCode } from "../errors.js";
import type { JobHandler } from "../jobs/job-runner.js";
import { analyze } from "./analyze.js";
import { applyAction } from "./apply-action.js";
import type { ActionStepResult } from "./apply-action.js";
import type { OptimizationPlan, OptimizeRequest } from "./optimizer-types.js";

/** What a finished optimize job keeps as its result. */
export interface OptimizeJobResult {
  strategy: string;
  dryRun: boolean;
  scanned: number;
  issuesFound: number;
  actionsPlanned: number;
  actionsPerformed: number;
  actionsSkipped: number;
  byAction: Record<string, number>;
  llmCalls: number;
  memoryCountBefore: number;
  memoryCountAfter: number;
}

/** The plan of an optimize job, as its first step recorded it (read by status doors and undo). */
export type RecordedPlan = OptimizationPlan & { memoryCountBefore: number };

/**
 * The `optimize` job: step `plan` analyzes and records the plan (so a resumed job applies the same
 * plan), then each action is its own step and store transaction (`action-<i>`), with a cancel
 * check before each. Counts before and after come from the store's stats of the scope.
 */
export function optimizeJobHandler(
  memory: MemoryManager,
  settings: CortexMemConfig["optimizer"],
): JobHandler<OptimizeRequest> {
  return {
    async run(job, ctx) {
      const req = job.payload;
      await ctx.phase("analyze");
      const plan = await ctx.step<RecordedPlan>("plan", async () => {
        const memoryCountBefore = (await memory.store.stats(req.scope)).total;
        const p = await analyze(
          { store: memory.store, llm: memory.llm, settings, signal: ctx.signal },
          { strategy: req.strategy, scope: req.scope, ...(req.memoryType ? { memoryType: req.memoryType } : {}) },
        );
        return { ...p, memoryCountBefore };
      });
      await ctx.log(
        `analyzed ${plan.scanned} memories: ${plan.issues.length} issues, ${plan.actions.length} actions planned, ${plan.llmCalls} LLM calls`,
      );
      const actions = plan.actions.slice(0, req.limit ?? plan.actions.length);
      const result: OptimizeJobResult = {
        strategy: req.strategy,
        dryRun: req.dryRun,
        scanned: plan.scanned,
        issuesFound: plan.issues.length,
        actionsPlanned: plan.actions.length,
        actionsPerformed: 0,
        actionsSkipped: 0,
        byAction: {},
        llmCalls: plan.llmCalls,
        memoryCountBefore: plan.memoryCountBefore,
        memoryCountAfter: plan.memoryCountBefore,
      };
      if (req.dryRun) return result;
      await ctx.phase("apply");
      for (const [i, action] of actions.entries()) {
        ctx.checkpoint();
        if ((await memory.jobs?.get(job.id))?.cancelRequested) {
          throw new CortexMemError(
            ErrorCode.CONFLICT,
            `Optimization job ${job.id} was cancelled after ${i} of ${actions.length} actions`,
            { details: { cancelled: true } },
          );
        }
        const done = await ctx.step<ActionStepResult>(`action-${i}`, (mark) =>
          applyAction(memory.store, memory.embedder, action, mark, new Date()),
        );
        if (done.skipped) result.actionsSkipped += 1;
        else {
          result.actionsPerformed += 1;
          result.byAction[action.type] = (result.byAction[action.type] ?? 0) + 1;
        }
        await ctx.progress(i + 1, actions.length);
        await ctx.log(
          `${action.type} ${"memoryId" in action ? action.memoryId : action.memories.join(",")}: ${done.skipped ?? action.reason}`,
        );
      }
      await ctx.phase("done");
      result.memoryCountAfter = (await memory.store.stats(req.scope)).total;
      return result;
    },
  };
}
