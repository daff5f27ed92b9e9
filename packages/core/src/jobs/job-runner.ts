import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { CortexMemError, ErrorCode, isCortexMemError, toCortexMemError } from "../errors.js";
import { createJobContext } from "./job-context.js";
import type { JobContext } from "./job-context.js";
import type { JobQueue } from "./job-queue.js";
import type { JobRecord } from "./job-types.js";

/** Runs the jobs of one kind. Registered with {@link JobRunner.register}. */
export interface JobHandler<P = unknown> {
  /** Does the job; what it returns is kept as the job's result. Long jobs should work in `ctx.step`s and honour `ctx.signal`. */
  run(job: JobRecord<P>, ctx: JobContext): Promise<unknown>;
  /** Whether a failure deserves another attempt after a backoff (default: provider and store faults, see {@link isTransientError}). */
  retryable?(error: unknown): boolean;
  /** Called once when the job has used its attempts; its return value is kept as the failed job's result. */
  onGiveUp?(job: JobRecord<P>, error: CortexMemError, ctx: JobContext): Promise<unknown>;
}

/** Settings of a {@link JobRunner}. */
export interface JobRunnerOptions {
  queue: JobQueue;
  /** Who holds claimed jobs (default host:pid:random). */
  owner?: string;
  /** How long a claim holds without renewal (default 30 s); a crashed owner's job is taken again after it. */
  leaseMs?: number;
  /** How often an idle runner looks for work (default 500 ms; `wake()` looks at once). */
  pollMs?: number;
  /** Jobs run at once (default 2; jobs of one kind and scope never run side by side). */
  concurrency?: number;
  /** First retry delay, doubled per attempt (default 1 s) up to `maxBackoffMs` (default 60 s). */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Told about every failed attempt (for logs). */
  onAttemptError?: (job: JobRecord, error: CortexMemError, willRetry: boolean) => void;
}

/** Provider faults and a busy store: worth retrying. Validation, not-found and config errors are not. */
export function isTransientError(error: unknown): boolean {
  return isCortexMemError(error) && ["LLM", "EMBEDDING", "TIMEOUT", "RATE_LIMITED", "STORE"].includes(error.code);
}

type Stop = "cancel" | "stop" | "lost";

/**
 * The one durable job runner: claims jobs of the registered kinds from a {@link JobQueue} with a
 * lease, renews it while the handler works, retries transient failures with backoff, and ends each
 * job `completed`, `failed`, `cancelled`, or (when stopped mid-way) `interrupted` for the next worker.
 */
export class JobRunner {
  readonly queue: JobQueue;
  readonly owner: string;
  readonly #handlers = new Map<string, JobHandler>();
  readonly #leaseMs: number;
  readonly #pollMs: number;
  readonly #concurrency: number;
  readonly #backoffMs: number;
  readonly #maxBackoffMs: number;
  readonly #onAttemptError: JobRunnerOptions["onAttemptError"];
  readonly #active = new Map<string, { promise: Promise<void>; abort: (why: Stop) => void }>();
  #running = false;
  #loop: Promise<void> | undefined;
  #wake: (() => void) | undefined;

  constructor(options: JobRunnerOptions) {
    this.queue = options.queue;
    this.owner = options.owner ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.#leaseMs = options.leaseMs ?? 30_000;
    this.#pollMs = options.pollMs ?? 500;
    this.#concurrency = Math.max(1, options.concurrency ?? 2);
    this.#backoffMs = options.backoffMs ?? 1_000;
    this.#maxBackoffMs = options.maxBackoffMs ?? 60_000;
    this.#onAttemptError = options.onAttemptError;
  }

  /** Registers the handler of a kind (one per kind). */
  register<P>(kind: string, handler: JobHandler<P>): this {
    if (this.#handlers.has(kind))
      throw new CortexMemError(ErrorCode.CONFLICT, `A handler for job kind "${kind}" is already registered`);
    this.#handlers.set(kind, handler as JobHandler);
    return this;
  }

  /** The kinds this runner takes. */
  kinds(): string[] {
    return [...this.#handlers.keys()];
  }

  /** Starts taking jobs in the background until {@link stop}. */
  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#loop = this.#run();
  }

  /** Looks for work now (after an enqueue in this process). */
  wake(): void {
    this.#wake?.();
  }

  /** Stops taking jobs; running ones are asked to stop and left `interrupted` for the next worker. */
  async stop(): Promise<void> {
    this.#running = false;
    this.#wake?.();
    for (const a of this.#active.values()) a.abort("stop");
    await this.#loop;
    await Promise.all([...this.#active.values()].map((a) => a.promise));
  }

  /** Runs claimable jobs until none is left (without {@link start}); returns how many it ran. */
  async drain(): Promise<number> {
    let ran = 0;
    for (;;) {
      const batch: Promise<void>[] = [];
      while (batch.length < this.#concurrency) {
        const job = await this.queue.claim(this.owner, this.kinds(), this.#leaseMs);
        if (!job) break;
        batch.push(this.#execute(job));
      }
      if (batch.length === 0) return ran;
      ran += batch.length;
      await Promise.all(batch);
    }
  }

  async #run(): Promise<void> {
    while (this.#running) {
      try {
        while (this.#running && this.#active.size < this.#concurrency) {
          const job = await this.queue.claim(this.owner, this.kinds(), this.#leaseMs);
          if (!job) break;
          void this.#execute(job);
        }
      } catch {
        // A busy or failing store: look again after the poll interval.
      }
      if (!this.#running) return;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#pollMs);
        this.#wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#wake = undefined;
    }
  }

  #execute(job: JobRecord): Promise<void> {
    const controller = new AbortController();
    let why: Stop | undefined;
    const abort = (reason: Stop): void => {
      why ??= reason;
      controller.abort(reason);
    };
    const promise = this.#hold(job, controller.signal, abort, () => why).finally(() => {
      this.#active.delete(job.id);
      this.wake();
    });
    this.#active.set(job.id, { promise, abort });
    return promise;
  }

  async #hold(
    job: JobRecord,
    signal: AbortSignal,
    abort: (why: Stop) => void,
    why: () => Stop | undefined,
  ): Promise<void> {
    const handler = this.#handlers.get(job.kind);
    const ctx = createJobContext(this.queue, job, this.owner, signal);
    if (!handler) return void (await this.queue.finish(job.id, this.owner, { status: "interrupted" }));
    if (job.cancelRequested) return void (await this.queue.finish(job.id, this.owner, { status: "cancelled" }));
    if (job.attempts > job.maxAttempts) {
      const error = new CortexMemError(
        ErrorCode.INTERNAL,
        `Gave up after ${job.maxAttempts} attempts${job.error ? `; last error: ${job.error.message}` : " (the worker stopped each time)"}`,
      );
      return this.#giveUp(job, handler, error, ctx);
    }
    const renew = setInterval(
      () => {
        this.queue.renew(job.id, this.owner, this.#leaseMs).then(
          (s) => (!s.held ? abort("lost") : s.cancelRequested ? abort("cancel") : undefined),
          () => undefined,
        );
      },
      Math.max(50, Math.floor(this.#leaseMs / 3)),
    );
    try {
      const result = await handler.run(job, ctx);
      await this.queue.finish(job.id, this.owner, { status: "completed", result });
    } catch (thrown) {
      const error = toCortexMemError(thrown);
      const stop = why();
      if (stop === "lost") return;
      // A handler that polls for a cancel between steps (the optimizer) stops before the next renewal.
      const cancelled =
        stop === "cancel" ||
        ((error.details as { cancelled?: boolean } | undefined)?.cancelled === true &&
          (await this.queue.get(job.id))?.cancelRequested === true);
      if (cancelled) return void (await this.queue.finish(job.id, this.owner, { status: "cancelled" }));
      if (stop === "stop") return void (await this.queue.finish(job.id, this.owner, { status: "interrupted" }));
      const retry = (handler.retryable ?? isTransientError)(error) && job.attempts < job.maxAttempts;
      this.#onAttemptError?.(job, error, retry);
      if (!retry) return this.#giveUp(job, handler, error, ctx);
      const delay = Math.min(this.#maxBackoffMs, this.#backoffMs * 2 ** (job.attempts - 1));
      await this.queue.report(job.id, this.owner, {
        log: [`attempt ${job.attempts} failed (${error.code}): ${error.message}; retrying in ${delay} ms`],
      });
      await this.queue.finish(job.id, this.owner, {
        status: "queued",
        runAfter: new Date(Date.now() + delay),
        error: { code: error.code, message: error.message },
      });
    } finally {
      clearInterval(renew);
    }
  }

  async #giveUp(job: JobRecord, handler: JobHandler, error: CortexMemError, ctx: JobContext): Promise<void> {
    let result: unknown;
    try {
      result = handler.onGiveUp ? await handler.onGiveUp(job, error, ctx) : undefined;
    } catch (fallback) {
      await this.queue.report(job.id, this.owner, { log: [`fallback failed: ${toCortexMemError(fallback).message}`] });
    }
    await this.queue.finish(job.id, this.owner, {
      status: "failed",
      error: { code: error.code, message: error.message },
      ...(result === undefined ? {} : { result }),
    });
  }
}
