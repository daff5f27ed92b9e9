import type { CortexMemConfig } from "../config/schema.js";
import { ADD_JOB_KIND, addJobHandler } from "../engine/async-add.js";
import type { MemoryManager } from "../engine/memory-manager.js";
import { CortexMemError, ErrorCode } from "../errors.js";
import { optimizerConfigSchema } from "../config/schema.js";
import { optimizeJobHandler } from "../optimizer/optimize-job.js";
import { OPTIMIZE_JOB_KIND, OPTIMIZE_UNDO_JOB_KIND } from "../optimizer/optimizer-types.js";
import { undoJobHandler } from "../optimizer/undo-job.js";
import { JobRunner } from "./job-runner.js";
import { inUsagePhase } from "../usage/usage-phase-handler.js";
import type { JobRunnerOptions } from "./job-runner.js";

/** Settings of {@link createJobWorker}: the `[jobs]` config section and runner extras. */
export type JobWorkerOptions = Partial<
  Pick<CortexMemConfig["jobs"], "leaseMs" | "pollMs" | "concurrency" | "backoffMs" | "maxBackoffMs" | "batchSize">
> &
  Pick<JobRunnerOptions, "owner" | "onAttemptError"> & {
    /** Settings of the optimizer's jobs (`[optimizer]`); defaults when absent. */
    optimizer?: CortexMemConfig["optimizer"];
  };

/**
 * A {@link JobRunner} on the memory's queue with the core job kinds registered (async add) and
 * woken by every job this process queues: async add, the optimizer and its undo.
 */
export function createJobWorker(memory: MemoryManager, options: JobWorkerOptions = {}): JobRunner {
  if (!memory.jobs)
    throw new CortexMemError(ErrorCode.CONFIG, "This memory has no job queue; build it with createMemory");
  const runner = new JobRunner({
    queue: memory.jobs,
    ...(options.owner ? { owner: options.owner } : {}),
    ...(options.onAttemptError ? { onAttemptError: options.onAttemptError } : {}),
    ...(options.leaseMs !== undefined ? { leaseMs: options.leaseMs } : {}),
    ...(options.pollMs !== undefined ? { pollMs: options.pollMs } : {}),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.backoffMs !== undefined ? { backoffMs: options.backoffMs } : {}),
    ...(options.maxBackoffMs !== undefined ? { maxBackoffMs: options.maxBackoffMs } : {}),
  });
  runner.register(ADD_JOB_KIND, addJobHandler(memory, { batchSize: options.batchSize ?? 16 }));
  const optimize = optimizeJobHandler(memory, options.optimizer ?? optimizerConfigSchema.parse({}));
  runner.register(OPTIMIZE_JOB_KIND, inUsagePhase("optimizer", optimize));
  runner.register(OPTIMIZE_UNDO_JOB_KIND, inUsagePhase("optimizer", undoJobHandler(memory)));
  memory.onJobQueued(() => runner.wake());
  return runner;
}

/**
 * What the long-running doors (service, MCP server) do at start: unless `jobs.worker = false`,
 * a {@link createJobWorker} from the `[jobs]` config, started. `warn` hears each failed attempt.
 * Several processes may each run one; leases hand every job to exactly one of them.
 */
export function startJobWorker(
  memory: MemoryManager,
  config: CortexMemConfig,
  warn?: (message: string, fields: Record<string, unknown>) => void,
): JobRunner | undefined {
  if (!config.jobs.worker || !memory.jobs) return undefined;
  const worker = createJobWorker(memory, {
    ...config.jobs,
    optimizer: config.optimizer,
    ...(warn
      ? {
          onAttemptError: (job, error, willRetry) =>
            warn("job attempt failed", {
              job_id: job.id,
              kind: job.kind,
              attempt: job.attempts,
              code: error.code,
              error: error.message,
              will_retry: willRetry,
            }),
        }
      : {}),
  });
  worker.start();
  return worker;
}
