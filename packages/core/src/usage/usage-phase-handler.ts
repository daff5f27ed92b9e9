import type { JobHandler } from "../jobs/job-runner.js";
import { usagePhase, withUsageContext } from "./usage-context.js";

/** A job handler whose provider calls are counted under `phase` and the job's scope (optimizer jobs). */
export function inUsagePhase<P>(phase: string, handler: JobHandler<P>): JobHandler<P> {
  return {
    ...handler,
    run: (job, ctx) => withUsageContext(usagePhase(phase, job.scope), () => handler.run(job, ctx)),
    ...(handler.onGiveUp
      ? {
          onGiveUp: (job, error, ctx) =>
            withUsageContext(usagePhase(phase, job.scope), () =>
              (handler.onGiveUp as NonNullable<typeof handler.onGiveUp>)(job, error, ctx),
            ),
        }
      : {}),
  };
}
