import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { ADD_JOB_KIND } from "../engine/async-add.js";
import { JOB_STATUSES } from "../jobs/job-types.js";
import type { JobListQuery, JobRecord } from "../jobs/job-types.js";
import type { AddResult } from "../types/memory.js";
import { addResultToWire } from "./memory-wire.js";

/** A job on the wire (REST, MCP, CLI `--json`); the payload (the queued input) is never echoed. */
export interface WireJob {
  id: string;
  kind: string;
  status: string;
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  progress: number | null;
  phase: string | null;
  log: { at: string; message: string }[];
  result: unknown;
  error: { code: string; message: string } | null;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: string | null;
  created_at: string;
  started_at: string | null;
  finished_at: string | null;
}

const iso = (d: Date | null): string | null => (d ? d.toISOString() : null);

/** Library job → wire; an async add's result is shown as the `add` response would be. */
export function jobToWire(job: JobRecord): WireJob {
  const result =
    job.kind === ADD_JOB_KIND && job.result ? addResultToWire(job.result as AddResult) : (job.result ?? null);
  return {
    id: job.id,
    kind: job.kind,
    status: job.status,
    ...(job.scope.userId !== undefined ? { user_id: job.scope.userId } : {}),
    ...(job.scope.agentId !== undefined ? { agent_id: job.scope.agentId } : {}),
    ...(job.scope.runId !== undefined ? { run_id: job.scope.runId } : {}),
    progress: job.progress,
    phase: job.phase,
    log: job.log.map((l) => ({ at: l.at.toISOString(), message: l.message })),
    result,
    error: job.error,
    attempts: job.attempts,
    max_attempts: job.maxAttempts,
    lease_owner: job.leaseOwner,
    lease_until: iso(job.leaseUntil),
    created_at: job.createdAt.toISOString(),
    started_at: iso(job.startedAt),
    finished_at: iso(job.finishedAt),
  };
}

const statusList = lazySchema(() =>
  z.preprocess(
    (v) =>
      typeof v === "string"
        ? v
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(z.enum(JOB_STATUSES)).min(1),
  ),
);

/** `GET /jobs` query and its MCP / CLI equivalents: status (comma list), kind, scope, page. */
export const wireJobListQuerySchema = lazySchema(() =>
  z.strictObject({
    status: statusList.optional(),
    kind: z.preprocess((v) => (typeof v === "string" ? v.split(",") : v), z.array(z.string().min(1)).min(1)).optional(),
    user_id: z.string().min(1).optional(),
    agent_id: z.string().min(1).optional(),
    run_id: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    cursor: z.string().min(1).max(64).optional(),
  }),
);

const when = lazySchema(() => z.iso.datetime({ offset: true }).describe("RFC 3339 date-time"));

/** A job as {@link jobToWire} emits it (the response schema of `GET /jobs/{id}`). */
export const wireJobSchema = lazySchema(() =>
  z.strictObject({
    id: z.string(),
    kind: z.string(),
    status: z.enum(JOB_STATUSES),
    user_id: z.string().optional(),
    agent_id: z.string().optional(),
    run_id: z.string().optional(),
    progress: z.number().min(0).max(1).nullable(),
    phase: z.string().nullable(),
    log: z.array(z.strictObject({ at: when, message: z.string() })),
    result: z.unknown().describe("What the job produced; for memory.add the add response ({results})"),
    error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    attempts: z.number().int(),
    max_attempts: z.number().int(),
    lease_owner: z.string().nullable(),
    lease_until: when.nullable(),
    created_at: when,
    started_at: when.nullable(),
    finished_at: when.nullable(),
  }),
);

/** Wire list query → library query. */
export function jobListQueryFromWire(q: z.output<typeof wireJobListQuerySchema>): JobListQuery {
  const scope = {
    ...(q.user_id ? { userId: q.user_id } : {}),
    ...(q.agent_id ? { agentId: q.agent_id } : {}),
    ...(q.run_id ? { runId: q.run_id } : {}),
  };
  return {
    ...(q.status ? { status: q.status } : {}),
    ...(q.kind ? { kind: q.kind } : {}),
    ...(Object.keys(scope).length ? { scope } : {}),
    ...(q.limit ? { limit: q.limit } : {}),
    ...(q.cursor ? { cursor: q.cursor } : {}),
  };
}
