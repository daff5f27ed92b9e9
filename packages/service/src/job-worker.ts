import { createJobWorker } from "@cortex-mem/core";
import type { CortexMemConfig, JobRunner, MemoryManager } from "@cortex-mem/core";
import type { Logger } from "./logger.js";

/**
 * Starts the service's job worker (async adds and the other registered kinds) unless
 * `jobs.worker = false`; failed attempts are logged. Several service processes each run one;
 * leases hand every job to exactly one of them.
 */
export function startJobWorker(memory: MemoryManager, config: CortexMemConfig, logger: Logger): JobRunner | undefined {
  if (!config.jobs.worker || !memory.jobs) return undefined;
  const worker = createJobWorker(memory, {
    ...config.jobs,
    onAttemptError: (job, error, willRetry) => logger.warn("job attempt failed", { job_id: job.id, kind: job.kind, attempt: job.attempts, code: error.code, error: error.message, will_retry: willRetry }),
  });
  worker.start();
  return worker;
}
