import type { Scope } from "../types/memory.js";
import type { JobLogLine, JobRecord, JobStatus } from "./job-types.js";

/** A `jobs` row as SQLite returns it. */
export interface JobRow {
  seq: number;
  id: string;
  kind: string;
  lane: string;
  user_id: string | null;
  agent_id: string | null;
  run_id: string | null;
  status: string;
  payload: string;
  progress: number | null;
  phase: string | null;
  log: string;
  result: string | null;
  error: string | null;
  attempts: number;
  max_attempts: number;
  lease_owner: string | null;
  lease_until: number | null;
  run_after: number;
  cancel_requested: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

/** The lane of a job: jobs of one kind and one exact scope run one at a time, oldest first. */
export function laneOf(kind: string, scope: Scope): string {
  return JSON.stringify([kind, scope.userId ?? null, scope.agentId ?? null, scope.runId ?? null]);
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

/** Row → record. */
export function rowToJob(r: JobRow): JobRecord {
  const scope: Scope = {
    ...(r.user_id !== null ? { userId: r.user_id } : {}),
    ...(r.agent_id !== null ? { agentId: r.agent_id } : {}),
    ...(r.run_id !== null ? { runId: r.run_id } : {}),
  };
  const log = (JSON.parse(r.log) as { at: number; message: string }[]).map((l): JobLogLine => ({
    at: new Date(l.at),
    message: l.message,
  }));
  return {
    id: r.id,
    kind: r.kind,
    scope,
    status: r.status as JobStatus,
    payload: JSON.parse(r.payload) as unknown,
    progress: r.progress,
    phase: r.phase,
    log,
    result: r.result === null ? null : (JSON.parse(r.result) as unknown),
    error: r.error === null ? null : (JSON.parse(r.error) as { code: string; message: string }),
    attempts: r.attempts,
    maxAttempts: r.max_attempts,
    leaseOwner: r.lease_owner,
    leaseUntil: date(r.lease_until),
    runAfter: new Date(r.run_after),
    cancelRequested: r.cancel_requested === 1,
    createdAt: new Date(r.created_at),
    startedAt: date(r.started_at),
    finishedAt: date(r.finished_at),
  };
}

/** JSON text of a value (`null` for undefined). */
export function jsonOrNull(value: unknown): string | null {
  return value === undefined ? null : JSON.stringify(value);
}
