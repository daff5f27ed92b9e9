import type { Scope } from "../types/memory.js";

/** Every state a job can be in; `queued` and `interrupted` wait for a worker, the last three are final. */
export const JOB_STATUSES = ["queued", "running", "completed", "failed", "cancelled", "interrupted"] as const;

/** One of {@link JOB_STATUSES}. */
export type JobStatus = (typeof JOB_STATUSES)[number];

/** Statuses a job never leaves. */
export const FINAL_JOB_STATUSES: readonly JobStatus[] = ["completed", "failed", "cancelled"];

/** One line of a job's log (the last {@link JOB_LOG_KEEP} are kept). */
export interface JobLogLine {
  at: Date;
  message: string;
}

/** How many log lines a job keeps. */
export const JOB_LOG_KEEP = 200;

/** A job as stored: what to do, for whom, how far it got and who holds it. */
export interface JobRecord<P = unknown> {
  id: string;
  kind: string;
  scope: Scope;
  status: JobStatus;
  payload: P;
  /** 0..1 when the handler reports it. */
  progress: number | null;
  phase: string | null;
  log: JobLogLine[];
  result: unknown;
  /** Why it failed (or the last retried failure): code and message. */
  error: { code: string; message: string } | null;
  attempts: number;
  maxAttempts: number;
  /** The worker holding the job while `running`. */
  leaseOwner: string | null;
  /** A running job whose lease passed is taken again by the next worker. */
  leaseUntil: Date | null;
  /** Not claimed before this time (backoff after a retried failure). */
  runAfter: Date;
  cancelRequested: boolean;
  createdAt: Date;
  startedAt: Date | null;
  finishedAt: Date | null;
}

/** What {@link JobQueue.enqueue} takes. */
export interface EnqueueRequest<P = unknown> {
  kind: string;
  /** The scope the job acts on; jobs of one kind and scope run one at a time, in order. */
  scope: Scope;
  payload: P;
  /** Attempts before `failed` (default from the queue's settings). */
  maxAttempts?: number;
  /** Job id to use (default a new UUID). */
  id?: string;
}

/** Filters of {@link JobQueue.list}; newest first. */
export interface JobListQuery {
  status?: JobStatus[];
  kind?: string[];
  /** Jobs inside this scope (every given part equal). */
  scope?: Scope;
  limit?: number;
  /** `nextCursor` of the previous page. */
  cursor?: string;
}

/** A page of jobs and the cursor of the next page. */
export interface JobPage {
  jobs: JobRecord[];
  nextCursor: string | null;
}

/**
 * Marks one step of a job inside a store transaction: the store records `(jobId, name)` with the
 * result in the same transaction as the memory writes, and refuses (`CONFLICT`, details
 * `{ stepApplied: true }`) when the step was already recorded — so a resumed job never applies a step twice.
 */
export interface JobStepMark {
  jobId: string;
  name: string;
  result?: unknown;
}
