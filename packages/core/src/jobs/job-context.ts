import { CortexMemError, ErrorCode, isCortexMemError } from "../errors.js";
import type { JobQueue } from "./job-queue.js";
import type { JobRecord, JobStepMark } from "./job-types.js";

/** What a handler gets besides its job: steps, progress, log, and a signal that says stop. */
export interface JobContext {
  readonly job: JobRecord;
  /** Aborted when the job is cancelled, its lease is lost, or the runner stops. */
  readonly signal: AbortSignal;
  /**
   * Runs one step at most once across crashes and processes. When the step was recorded, its
   * recorded result is returned and `fn` is not called. Otherwise `fn` gets the mark to pass to
   * the store's write (`apply(writes, history, { step })`), which records the step in the same
   * transaction; a step that wrote nothing is recorded afterwards. A store refusing the mark
   * (recorded meanwhile by an earlier owner) yields the recorded result.
   */
  step<T>(name: string, fn: (mark: JobStepMark) => Promise<T>): Promise<T>;
  /** Progress 0..1 (`done / total` when given two numbers). */
  progress(done: number, total?: number): Promise<void>;
  phase(name: string): Promise<void>;
  log(message: string): Promise<void>;
  /** Throws `CONFLICT` (details `{ cancelled: true }`) when the job should stop. */
  checkpoint(): void;
}

/** True for the error a store throws when a step mark was already recorded. */
export function isStepApplied(error: unknown): boolean {
  return (
    isCortexMemError(error, ErrorCode.CONFLICT) &&
    (error.details as { stepApplied?: boolean } | undefined)?.stepApplied === true
  );
}

/** The context of one job held by `owner`. */
export function createJobContext(queue: JobQueue, job: JobRecord, owner: string, signal: AbortSignal): JobContext {
  return {
    job,
    signal,
    async step<T>(name: string, fn: (mark: JobStepMark) => Promise<T>): Promise<T> {
      const done = await queue.stepResult(job.id, name);
      if (done.applied) return done.result as T;
      this.checkpoint();
      try {
        const result = await fn({ jobId: job.id, name });
        await queue.recordStep(job.id, name, result);
        return result;
      } catch (error) {
        if (!isStepApplied(error)) throw error;
        return (await queue.stepResult(job.id, name)).result as T;
      }
    },
    async progress(done, total) {
      const value = total === undefined ? done : total <= 0 ? 1 : done / total;
      await queue.report(job.id, owner, { progress: Math.min(1, Math.max(0, value)) });
    },
    async phase(name) {
      await queue.report(job.id, owner, { phase: name, log: [`phase: ${name}`] });
    },
    async log(message) {
      await queue.report(job.id, owner, { log: [message] });
    },
    checkpoint() {
      if (signal.aborted)
        throw new CortexMemError(ErrorCode.CONFLICT, `Job ${job.id} was stopped`, { details: { cancelled: true } });
    },
  };
}
