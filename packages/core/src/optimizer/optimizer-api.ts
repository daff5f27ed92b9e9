import type { CortexMemConfig } from "../config/schema.js";
import type { MemoryManager, ScopeGuard } from "../engine/memory-manager.js";
import { CortexMemError, ErrorCode } from "../errors.js";
import type { JobRecord } from "../jobs/job-types.js";
import { parseOrThrow } from "../util/zod-error.js";
import { analyze } from "./analyze.js";
import type { OptimizationPlan, OptimizeRequest } from "./optimizer-types.js";
import { OPTIMIZE_JOB_KIND, OPTIMIZE_UNDO_JOB_KIND, optimizeRequestSchema } from "./optimizer-types.js";
import type { UndoPayload } from "./undo-job.js";

/** Reads an optimize request (every door's input goes through here): unknown fields are `VALIDATION` errors. */
export function parseOptimizeRequest(input: unknown): OptimizeRequest {
  return parseOrThrow(optimizeRequestSchema, input ?? {}, "optimization");
}

/** The dry run, synchronously: the plan for a strategy over the whole scope; nothing is written. */
export async function analyzeOptimization(
  memory: MemoryManager,
  settings: CortexMemConfig["optimizer"],
  input: unknown,
  signal?: AbortSignal,
): Promise<OptimizationPlan> {
  const req = parseOptimizeRequest(input);
  return analyze(
    { store: memory.store, llm: memory.llm, settings, ...(signal ? { signal } : {}) },
    { strategy: req.strategy, scope: req.scope, ...(req.memoryType ? { memoryType: req.memoryType } : {}) },
  );
}

/** Queues an optimize job (run by any worker on the store; see `createJobWorker`). */
export async function startOptimization(memory: MemoryManager, input: unknown): Promise<JobRecord<OptimizeRequest>> {
  const req = parseOptimizeRequest(input);
  if (!memory.jobs)
    throw new CortexMemError(ErrorCode.CONFIG, "This memory has no job queue; build it with createMemory");
  return memory.jobs.enqueue({ kind: OPTIMIZE_JOB_KIND, scope: req.scope, payload: req });
}

/** Queues the undo of a finished (or cancelled, failed, interrupted) optimize job in `guard.scope`. */
export async function undoOptimization(
  memory: MemoryManager,
  jobId: string,
  guard: ScopeGuard = {},
): Promise<JobRecord<UndoPayload>> {
  const target = await optimizationJob(memory, jobId, guard);
  if (target.status === "running" || target.status === "queued") {
    throw new CortexMemError(
      ErrorCode.CONFLICT,
      `Optimization job ${jobId} is ${target.status}; cancel it or wait before undoing`,
      { details: { status: target.status } },
    );
  }
  return (memory.jobs as NonNullable<MemoryManager["jobs"]>).enqueue({
    kind: OPTIMIZE_UNDO_JOB_KIND,
    scope: target.scope,
    payload: { jobId },
  });
}

/** An optimize (or undo) job in `guard.scope`; `NOT_FOUND` for any other job. */
export async function optimizationJob(
  memory: MemoryManager,
  jobId: string,
  guard: ScopeGuard = {},
): Promise<JobRecord> {
  const job = await memory.job(jobId, guard);
  if (job.kind !== OPTIMIZE_JOB_KIND && job.kind !== OPTIMIZE_UNDO_JOB_KIND)
    throw new CortexMemError(ErrorCode.NOT_FOUND, `Optimization job ${jobId} not found`, { details: { id: jobId } });
  return job;
}
