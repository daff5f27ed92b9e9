import * as z from "zod";
import { lazySchema } from "../../util/lazy-schema.js";
import type { JobRecord } from "../../jobs/job-types.js";
import type { OptimizeJobResult } from "../../optimizer/optimize-job.js";
import type { OptimizationAction, OptimizationPlan, Severity } from "../../optimizer/optimizer-types.js";
import { OPTIMIZATION_STRATEGIES } from "../../optimizer/optimizer-types.js";
import { parseOrThrow } from "../../util/zod-error.js";

// v1's optimization API (cortex-mem-service 1.0, `/optimization…`) mapped to the optimizer on the
// job runner; served as is on our API and under `/v1`.

const idPart = lazySchema(() => z.string().trim().min(1).max(256));
const strategy = lazySchema(() => z.string().trim().toLowerCase().pipe(z.enum(OPTIMIZATION_STRATEGIES)));

/** Body of `POST /optimization` and `POST /optimization/analyze` (v1's fields; ours `limit`). */
export const wireOptimizationRequestSchema = lazySchema(() =>
  z.strictObject({
    strategy: strategy.optional().describe(`One of ${OPTIMIZATION_STRATEGIES.join(", ")} (default full)`),
    user_id: idPart.optional(),
    agent_id: idPart.optional(),
    run_id: idPart.optional(),
    memory_type: z.string().optional(),
    dry_run: z.boolean().optional(),
    limit: z.number().int().min(1).optional().describe("Apply at most this many actions"),
    actor_id: idPart.optional().describe("Accepted for v1 clients; not a filter (v1 ignored it too)"),
    similarity_threshold: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .describe("Accepted for v1 clients; the duplicate threshold is optimizer.duplicate_threshold"),
    verbose: z.boolean().optional().describe("Accepted for v1 clients; logs are always kept"),
    aggressive: z.boolean().optional().describe("Accepted for v1 clients (v1 ignored it)"),
    timeout_minutes: z
      .number()
      .positive()
      .optional()
      .describe("Accepted for v1 clients (v1 ignored it); cancel a job instead"),
  }),
);

/** A v1 optimization body → our optimize request (`scope` still to be bound to the caller's key). */
export function optimizationRequestFromWire(body: unknown): {
  strategy: string;
  scope: Record<string, string>;
  memoryType?: string;
  dryRun: boolean;
  limit?: number;
} {
  const b = parseOrThrow(wireOptimizationRequestSchema, body ?? {}, "body");
  const scope = Object.fromEntries(
    Object.entries({ userId: b.user_id, agentId: b.agent_id, runId: b.run_id }).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  );
  return {
    strategy: b.strategy ?? "full",
    scope,
    ...(b.memory_type ? { memoryType: b.memory_type.toLowerCase() } : {}),
    dryRun: b.dry_run ?? false,
    ...(b.limit ? { limit: b.limit } : {}),
  };
}

const V1_STATUS: Record<string, string> = {
  queued: "pending",
  interrupted: "pending",
  running: "running",
  completed: "completed",
  failed: "failed",
  cancelled: "cancelled",
};
const seconds = (j: JobRecord): number | null =>
  j.startedAt ? Math.round(((j.finishedAt ?? new Date()).getTime() - j.startedAt.getTime()) / 1000) : null;

/** A job as v1's `OptimizationJobState` (progress 0–100, logs as lines) plus our `kind`, `job_status` and `error`. */
export function optimizationJobToWire(j: JobRecord): Record<string, unknown> {
  return {
    job_id: j.id,
    kind: j.kind,
    status: V1_STATUS[j.status] ?? j.status,
    job_status: j.status,
    progress: Math.round((j.progress ?? 0) * 100),
    current_phase: j.phase,
    logs: j.log.map((l) => `${l.at.toISOString()} ${l.message}`),
    result: j.result ?? null,
    error: j.error,
    start_time: (j.startedAt ?? j.createdAt).toISOString(),
    end_time: j.finishedAt?.toISOString() ?? null,
    duration: seconds(j),
  };
}

/** v1's answer of `POST /optimization`. */
export const optimizationStartedToWire = (j: JobRecord): Record<string, unknown> => ({
  job_id: j.id,
  message: `Optimization job ${j.id} queued`,
  status: "pending",
  start_time: j.createdAt.toISOString(),
});

const actionToWire = (a: OptimizationAction): Record<string, unknown> => {
  const { type, ...rest } = a;
  return {
    type,
    ...Object.fromEntries(Object.entries(rest).map(([k, v]) => [k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`), v])),
  };
};
const PRIORITY_ACTION: Record<Severity, string> = {
  Critical: "handle now",
  High: "handle now",
  Medium: "suggested",
  Low: "optional",
};

/** v1's answer of `POST /optimization/analyze`, with the planned actions and what was read. */
export function analysisToWire(plan: OptimizationPlan): Record<string, unknown> {
  const affected = new Set(plan.issues.flatMap((i) => i.affectedMemories));
  return {
    issues: plan.issues.map((i) => ({
      id: i.id,
      kind: i.kind,
      severity: i.severity,
      description: i.description,
      affected_memories: i.affectedMemories,
      recommendation: i.recommendation,
    })),
    summary: {
      total_issues: plan.issues.length,
      total_affected_memories: affected.size,
      estimated_savings_mb: Math.round(affected.size * 0.15 * 100) / 100,
      estimated_duration_minutes: Math.max(1, Math.ceil(plan.actions.length / 600)),
    },
    recommendations: plan.issues.map((i) => ({
      type: i.kind,
      action: PRIORITY_ACTION[i.severity],
      priority: i.severity,
    })),
    actions: plan.actions.map(actionToWire),
    strategy: plan.strategy,
    scanned: plan.scanned,
    llm_calls: plan.llmCalls,
  };
}

/** One row of v1's `GET /optimization/history`. */
export const optimizationHistoryItem = (j: JobRecord): Record<string, unknown> => ({
  job_id: j.id,
  kind: j.kind,
  status: V1_STATUS[j.status] ?? j.status,
  start_time: (j.startedAt ?? j.createdAt).toISOString(),
  end_time: j.finishedAt?.toISOString() ?? null,
  duration: seconds(j),
  logs_count: j.log.length,
  has_result: j.result !== null && j.result !== undefined,
});

/** v1's `GET /optimization/statistics` over optimize jobs. */
export function optimizationStatisticsToWire(jobs: JobRecord[]): Record<string, unknown> {
  const runs = jobs.filter((j) => j.kind === "optimize");
  const durations = runs.map(seconds).filter((d): d is number => d !== null && runs.length > 0);
  const processed = runs.reduce((n, j) => n + ((j.result as OptimizeJobResult | null)?.actionsPerformed ?? 0), 0);
  return {
    total_jobs: runs.length,
    successful_jobs: runs.filter((j) => j.status === "completed").length,
    failed_jobs: runs.filter((j) => j.status === "failed").length,
    cancelled_jobs: runs.filter((j) => j.status === "cancelled").length,
    total_memories_processed: processed,
    avg_duration: durations.length ? durations.reduce((a, b) => a + b, 0) / durations.length : 0,
    last_run: runs[0] ? (runs[0].startedAt ?? runs[0].createdAt).toISOString() : null,
  };
}

/** Query of `GET /optimization/history`. */
export const wireOptimizationHistoryQuery = lazySchema(() =>
  z.strictObject({
    limit: z.coerce.number().int().min(1).max(1000).default(20),
    offset: z.coerce.number().int().min(0).default(0),
    status: z.string().optional(),
    start_date: z.string().optional().describe("Accepted for v1 clients; not a filter (v1 ignored it too)"),
    end_date: z.string().optional().describe("Accepted for v1 clients; not a filter (v1 ignored it too)"),
    user_id: idPart.optional(),
    agent_id: idPart.optional(),
  }),
);

/** Body of `POST /optimization/cleanup`. */
export const wireOptimizationCleanupBody = lazySchema(() =>
  z.strictObject({ max_age_days: z.number().min(0).default(7) }),
);
