/**
 * `@cortex-mem/core/jobs`: the durable job queue, its runner and worker, and the add job's
 * handler. The `JobQueue` port and the job records are exported from the root.
 */
export { createJobQueue } from "../create-memory.js";
export { FINAL_JOB_STATUSES, JOB_LOG_KEEP } from "./job-types.js";
export type { EnqueueRequest, JobLogLine, JobStepMark } from "./job-types.js";
export { SqliteJobQueue } from "./sqlite-job-queue.js";
export type { SqliteJobQueueOptions } from "./sqlite-job-queue.js";
export { JobRunner, isTransientError } from "./job-runner.js";
export type { JobHandler, JobRunnerOptions } from "./job-runner.js";
export { isStepApplied } from "./job-context.js";
export type { JobContext } from "./job-context.js";
export { createJobWorker, startJobWorker } from "./job-worker.js";
export type { JobWorkerOptions } from "./job-worker.js";
export { ADD_JOB_KIND, addJobHandler } from "../engine/async-add.js";
