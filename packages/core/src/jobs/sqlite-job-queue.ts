import { randomUUID } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { CortexMemError, ErrorCode } from "../errors.js";
import { configureConnection } from "../store/sqlite/schema.js";
import { guard } from "../store/sqlite/sqlite-errors.js";
import { statementCache } from "../store/sqlite/statements.js";
import { jsonOrNull, laneOf, rowToJob } from "./job-rows.js";
import type { JobRow } from "./job-rows.js";
import type { JobOutcome, JobQueue, LeaseState } from "./job-queue.js";
import { JOB_LOG_KEEP, JOB_STATUSES } from "./job-types.js";
import type { EnqueueRequest, JobListQuery, JobPage, JobRecord, JobStatus } from "./job-types.js";
import { OPEN_STATUSES_SQL, migrateJobs } from "./jobs-schema.js";

const require = createRequire(import.meta.url);

/** Settings of {@link SqliteJobQueue}. */
export interface SqliteJobQueueOptions {
  /** The SQLite file (opened on its own connection), or… */
  path?: string;
  /** …a connection already open on it (the SQLite store shares its own). */
  db?: Database.Database;
  /** Open jobs (queued, running, interrupted) beyond which `enqueue` answers `RATE_LIMITED` (default 10,000). */
  maxQueued?: number;
  /** Default attempts before a job fails (default 5). */
  maxAttempts?: number;
  /** Seconds a client is told to wait when the queue is full (default 2). */
  retryAfterSeconds?: number;
  /** The clock in epoch ms (tests pin it). */
  now?: () => number;
}

const CLAIM = `UPDATE jobs SET status = 'running', lease_owner = @owner, lease_until = @until, attempts = attempts + 1,
  started_at = COALESCE(started_at, @now)
WHERE seq = (
  SELECT j.seq FROM jobs j
  WHERE j.status IN ${OPEN_STATUSES_SQL} AND j.kind IN (SELECT value FROM json_each(@kinds))
    AND ((j.status IN ('queued', 'interrupted') AND j.run_after <= @now) OR (j.status = 'running' AND j.lease_until < @now))
    AND NOT EXISTS (SELECT 1 FROM jobs e WHERE e.lane = j.lane AND e.seq < j.seq AND e.status IN ${OPEN_STATUSES_SQL})
  ORDER BY j.seq LIMIT 1)
RETURNING *`;

/** The job queue in a SQLite file; see {@link JobQueue}. */
export class SqliteJobQueue implements JobQueue {
  readonly path: string;
  readonly #db: Database.Database;
  readonly #owned: boolean;
  readonly #sql: (sql: string) => Database.Statement;
  readonly #maxQueued: number;
  readonly #maxAttempts: number;
  readonly #retryAfter: number;
  readonly #now: () => number;

  constructor(options: SqliteJobQueueOptions) {
    this.path = options.path ?? options.db?.name ?? ":memory:";
    this.#maxQueued = options.maxQueued ?? 10_000;
    this.#maxAttempts = options.maxAttempts ?? 5;
    this.#retryAfter = options.retryAfterSeconds ?? 2;
    this.#now = options.now ?? Date.now;
    this.#owned = options.db === undefined;
    this.#db = guard(this.path, "open the job queue", () => {
      if (options.db) return options.db;
      if (this.path !== ":memory:") mkdirSync(dirname(this.path), { recursive: true });
      const Driver = require("better-sqlite3") as typeof Database;
      const db = new Driver(this.path);
      configureConnection(db);
      return db;
    });
    guard(this.path, "create the job tables", () => this.#db.transaction(() => migrateJobs(this.#db)).immediate());
    this.#sql = statementCache(this.#db);
  }

  #tx<T>(action: string, fn: () => T): T {
    return guard(this.path, action, () => this.#db.transaction(fn).immediate());
  }

  async enqueue<P>(request: EnqueueRequest<P>): Promise<JobRecord<P>> {
    const now = this.#now();
    const s = request.scope;
    const row = this.#tx("queue a job", () => {
      const open = (
        this.#sql(`SELECT COUNT(*) AS n FROM jobs WHERE status IN ${OPEN_STATUSES_SQL}`).get() as { n: number }
      ).n;
      if (open >= this.#maxQueued) {
        throw new CortexMemError(
          ErrorCode.RATE_LIMITED,
          `The job queue holds ${open} open jobs (limit jobs.max_queued = ${this.#maxQueued}); try again shortly`,
          {
            details: { retryAfterSeconds: this.#retryAfter, open, limit: this.#maxQueued },
          },
        );
      }
      return this.#sql(
        `INSERT INTO jobs (id, kind, lane, user_id, agent_id, run_id, status, payload, max_attempts, run_after, created_at)
        VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?) RETURNING *`,
      ).get(
        request.id ?? randomUUID(),
        request.kind,
        laneOf(request.kind, s),
        s.userId ?? null,
        s.agentId ?? null,
        s.runId ?? null,
        JSON.stringify(request.payload),
        request.maxAttempts ?? this.#maxAttempts,
        now,
        now,
      ) as JobRow;
    });
    return rowToJob(row) as JobRecord<P>;
  }

  async get(id: string): Promise<JobRecord | null> {
    const row = guard(this.path, "read a job", () => this.#sql("SELECT * FROM jobs WHERE id = ?").get(id)) as
      JobRow | undefined;
    return row ? rowToJob(row) : null;
  }

  async list(query: JobListQuery): Promise<JobPage> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown): void => {
      where.push(sql);
      params.push(value);
    };
    if (query.status?.length) add("status IN (SELECT value FROM json_each(?))", JSON.stringify(query.status));
    if (query.kind?.length) add("kind IN (SELECT value FROM json_each(?))", JSON.stringify(query.kind));
    for (const [key, column] of [
      ["userId", "user_id"],
      ["agentId", "agent_id"],
      ["runId", "run_id"],
    ] as const) {
      const v = query.scope?.[key];
      if (v !== undefined) add(`${column} = ?`, v);
    }
    if (query.cursor) add("seq < ?", Number.parseInt(query.cursor, 36));
    const limit = query.limit ?? 50;
    const sql = `SELECT * FROM jobs ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY seq DESC LIMIT ?`;
    const rows = guard(this.path, "list jobs", () => this.#sql(sql).all(...params, limit + 1)) as JobRow[];
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return { jobs: page.map(rowToJob), nextCursor: rows.length > limit && last ? last.seq.toString(36) : null };
  }

  async following(jobId: string, limit: number): Promise<JobRecord[]> {
    const sql = `SELECT j.* FROM jobs j JOIN jobs me ON me.id = ? AND j.lane = me.lane AND j.seq > me.seq
      WHERE j.status = 'queued' AND j.cancel_requested = 0 ORDER BY j.seq LIMIT ?`;
    const rows = guard(this.path, "list jobs", () => this.#sql(sql).all(jobId, limit)) as JobRow[];
    return rows.map(rowToJob);
  }

  async counts(): Promise<Record<JobStatus, number>> {
    const rows = guard(this.path, "count jobs", () =>
      this.#sql("SELECT status, COUNT(*) AS n FROM jobs GROUP BY status").all(),
    ) as { status: JobStatus; n: number }[];
    const out = Object.fromEntries(JOB_STATUSES.map((s) => [s, 0])) as Record<JobStatus, number>;
    for (const r of rows) out[r.status] = r.n;
    return out;
  }

  async cancel(id: string): Promise<JobRecord> {
    const now = this.#now();
    const row = this.#tx("cancel a job", () => {
      this.#sql(
        "UPDATE jobs SET status = 'cancelled', finished_at = ?, lease_owner = NULL, lease_until = NULL WHERE id = ? AND status IN ('queued', 'interrupted')",
      ).run(now, id);
      this.#sql("UPDATE jobs SET cancel_requested = 1 WHERE id = ? AND status = 'running'").run(id);
      return this.#sql("SELECT * FROM jobs WHERE id = ?").get(id) as JobRow | undefined;
    });
    if (!row) throw new CortexMemError(ErrorCode.NOT_FOUND, `Job ${id} not found`, { details: { id } });
    return rowToJob(row);
  }

  async claim(owner: string, kinds: string[], leaseMs: number): Promise<JobRecord | null> {
    if (kinds.length === 0) return null;
    const now = this.#now();
    const row = this.#tx("claim a job", () =>
      this.#sql(CLAIM).get({ owner, until: now + leaseMs, now, kinds: JSON.stringify(kinds) }),
    ) as JobRow | undefined;
    return row ? rowToJob(row) : null;
  }

  async renew(id: string, owner: string, leaseMs: number): Promise<LeaseState> {
    const now = this.#now();
    const row = this.#tx("renew a job lease", () =>
      this.#sql(
        "UPDATE jobs SET lease_until = ? WHERE id = ? AND lease_owner = ? AND status = 'running' RETURNING cancel_requested",
      ).get(now + leaseMs, id, owner),
    ) as { cancel_requested: number } | undefined;
    return { held: row !== undefined, cancelRequested: row?.cancel_requested === 1 };
  }

  async report(
    id: string,
    owner: string,
    report: { progress?: number; phase?: string; log?: string[] },
  ): Promise<void> {
    const now = this.#now();
    this.#tx("report job progress", () => {
      const row = this.#sql("SELECT log FROM jobs WHERE id = ? AND lease_owner = ? AND status = 'running'").get(
        id,
        owner,
      ) as { log: string } | undefined;
      if (!row) return;
      const log = report.log?.length
        ? [...(JSON.parse(row.log) as unknown[]), ...report.log.map((message) => ({ at: now, message }))].slice(
            -JOB_LOG_KEEP,
          )
        : undefined;
      this.#sql(
        "UPDATE jobs SET progress = COALESCE(?, progress), phase = COALESCE(?, phase), log = COALESCE(?, log) WHERE id = ?",
      ).run(report.progress ?? null, report.phase ?? null, log ? JSON.stringify(log) : null, id);
    });
  }

  async finish(id: string, owner: string, outcome: JobOutcome): Promise<boolean> {
    const now = this.#now();
    const waiting = outcome.status === "queued" || outcome.status === "interrupted";
    const changes = this.#tx("finish a job", () => {
      const sql = waiting
        ? "UPDATE jobs SET status = @status, lease_owner = NULL, lease_until = NULL, run_after = @runAfter, error = COALESCE(@error, error) WHERE id = @id AND lease_owner = @owner AND status = 'running'"
        : "UPDATE jobs SET status = @status, lease_owner = NULL, lease_until = NULL, finished_at = @now, result = @result, error = @error, progress = CASE WHEN @status = 'completed' THEN 1 ELSE progress END WHERE id = @id AND lease_owner = @owner AND status = 'running'";
      const params = waiting
        ? {
            status: outcome.status,
            runAfter: outcome.runAfter?.getTime() ?? now,
            error: jsonOrNull(outcome.error),
            id,
            owner,
          }
        : {
            status: outcome.status,
            now,
            result: jsonOrNull("result" in outcome ? outcome.result : undefined),
            error: jsonOrNull(outcome.status === "failed" ? outcome.error : undefined),
            id,
            owner,
          };
      return this.#sql(sql).run(params).changes;
    });
    return changes > 0;
  }

  async stepResult(jobId: string, name: string): Promise<{ applied: boolean; result?: unknown }> {
    const row = guard(this.path, "read a job step", () =>
      this.#sql("SELECT result FROM job_steps WHERE job_id = ? AND step = ?").get(jobId, name),
    ) as { result: string | null } | undefined;
    if (!row) return { applied: false };
    return row.result === null ? { applied: true } : { applied: true, result: JSON.parse(row.result) as unknown };
  }

  async recordStep(jobId: string, name: string, result: unknown): Promise<void> {
    const now = this.#now();
    this.#tx("record a job step", () =>
      this.#sql("INSERT OR IGNORE INTO job_steps (job_id, step, result, at) VALUES (?, ?, ?, ?)").run(
        jobId,
        name,
        jsonOrNull(result),
        now,
      ),
    );
  }

  async purge(before: Date): Promise<number> {
    return this.#tx("purge finished jobs", () => {
      const ids = this.#sql(
        "SELECT id FROM jobs WHERE status IN ('completed', 'failed', 'cancelled') AND finished_at < ?",
      )
        .pluck()
        .all(before.getTime()) as string[];
      const json = JSON.stringify(ids);
      this.#sql("DELETE FROM job_steps WHERE job_id IN (SELECT value FROM json_each(?))").run(json);
      return this.#sql("DELETE FROM jobs WHERE id IN (SELECT value FROM json_each(?))").run(json).changes;
    });
  }

  async close(): Promise<void> {
    if (this.#owned && this.#db.open) this.#db.close();
  }
}
