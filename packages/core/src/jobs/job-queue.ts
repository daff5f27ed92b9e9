import type { EnqueueRequest, JobListQuery, JobPage, JobRecord, JobStatus } from "./job-types.js";

/** How a worker ends its hold on a job. */
export type JobOutcome =
  | { status: "completed"; result?: unknown }
  | { status: "failed"; error: { code: string; message: string }; result?: unknown }
  | { status: "cancelled"; result?: unknown }
  /** Back to the queue: a retried failure (with backoff) or a worker that stops before finishing. */
  | { status: "queued" | "interrupted"; runAfter?: Date; error?: { code: string; message: string } };

/** What a lease renewal learned: whether the worker still holds the job and whether someone asked to cancel it. */
export interface LeaseState {
  held: boolean;
  cancelRequested: boolean;
}

/**
 * The durable queue of the job runner: job rows with leases, in a SQLite file (the store's own
 * file for the SQLite store, `jobs.db` beside a Qdrant deployment). Every call is one
 * transaction; several processes may share the file, and a claim hands a job to exactly one.
 */
export interface JobQueue {
  /** Adds a queued job; `RATE_LIMITED` (details `retryAfterSeconds`) when the queue holds its limit of open jobs. */
  enqueue<P>(request: EnqueueRequest<P>): Promise<JobRecord<P>>;
  get(id: string): Promise<JobRecord | null>;
  list(query: JobListQuery): Promise<JobPage>;
  /** Jobs per status (for metrics and health). */
  counts(): Promise<Record<JobStatus, number>>;
  /**
   * Cancels a job: a waiting job becomes `cancelled` at once, a running one is asked to stop (its
   * worker sees it at the next lease renewal or step). `NOT_FOUND` for an unknown id; a finished job is returned as it is.
   */
  cancel(id: string): Promise<JobRecord>;
  /**
   * Takes the oldest claimable job of these kinds for `owner` for `leaseMs`: queued or interrupted
   * and due, or running with a lapsed lease — and only the first open job of its kind and scope.
   */
  claim(owner: string, kinds: string[], leaseMs: number): Promise<JobRecord | null>;
  /**
   * The queued jobs waiting behind `jobId` in its lane (same kind and scope), oldest first, at most
   * `limit`: what will run next, so a worker can fetch ahead for them (batched embeddings). Optional.
   */
  following?(jobId: string, limit: number): Promise<JobRecord[]>;
  /** Extends the lease while the worker works. */
  renew(id: string, owner: string, leaseMs: number): Promise<LeaseState>;
  /** Progress (0..1), phase and log lines, written only while `owner` holds the job. */
  report(id: string, owner: string, report: { progress?: number; phase?: string; log?: string[] }): Promise<void>;
  /** Ends the hold: final status, or back to waiting. False when `owner` no longer held the job. */
  finish(id: string, owner: string, outcome: JobOutcome): Promise<boolean>;
  /** The recorded result of a step, if the step was applied. */
  stepResult(jobId: string, name: string): Promise<{ applied: boolean; result?: unknown }>;
  /** Records a step that wrote nothing through the store (or a store that cannot record it in its own transaction); idempotent. */
  recordStep(jobId: string, name: string, result: unknown): Promise<void>;
  /** Deletes finished jobs older than `before` (and their steps); returns how many. */
  purge(before: Date): Promise<number>;
  close(): Promise<void>;
}
