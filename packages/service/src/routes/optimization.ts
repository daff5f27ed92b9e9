import { CortexMemError, ErrorCode, parseOrThrow } from "@cortex-mem/core";
import {
  analyzeOptimization,
  OPTIMIZE_JOB_KIND,
  OPTIMIZE_UNDO_JOB_KIND,
  optimizationJob,
  startOptimization,
  undoOptimization,
} from "@cortex-mem/core/optimizer";
import {
  analysisToWire,
  optimizationHistoryItem,
  optimizationJobToWire,
  optimizationRequestFromWire,
  optimizationStartedToWire,
  optimizationStatisticsToWire,
  wireOptimizationCleanupBody,
  wireOptimizationHistoryQuery,
  wireOptimizationRequestSchema,
} from "@cortex-mem/core/v1";
import type { JobRecord, MemoryManager, Scope } from "@cortex-mem/core";
import type { Request, Response } from "express";
import * as z from "zod";
import { principalOf } from "../http/auth.js";
import { enforceScope, guardOf } from "../http/scope-guard.js";
import { clientGone } from "../http/signal.js";
import type { RouteContext, RouteSpec } from "./route-spec.js";
import { defineRoute } from "./route-spec.js";

type Handle = (ctx: RouteContext, req: Request, res: Response) => Promise<void>;
const jobParams = z.object({ job_id: z.string().describe("The optimization job id") });
const anyBody = z.object({}).loose();
const KINDS = [OPTIMIZE_JOB_KIND, OPTIMIZE_UNDO_JOB_KIND];

/** Every optimize and undo job in `scope`, newest first. */
async function allJobs(memory: MemoryManager, scope: Scope): Promise<JobRecord[]> {
  const jobs: JobRecord[] = [];
  let cursor: string | undefined;
  do {
    const page = await memory.listJobs({
      kind: KINDS,
      ...(Object.keys(scope).length ? { scope } : {}),
      limit: 500,
      ...(cursor ? { cursor } : {}),
    });
    jobs.push(...page.jobs);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return jobs;
}

const jobId = (req: Request): string => String(req.params.job_id ?? "");

/** The handlers, shared by our routes and the `/v1` mount (which only changes the error shape). */
export const OPTIMIZATION_HANDLERS: Record<string, Handle> = {
  async start({ memory }, req, res) {
    const request = optimizationRequestFromWire(req.body);
    const job = await startOptimization(memory, { ...request, scope: enforceScope(res, request.scope) });
    res.status(202).json(optimizationStartedToWire(job));
  },
  async analyze({ memory, config }, req, res) {
    const request = optimizationRequestFromWire(req.body);
    const plan = await analyzeOptimization(
      memory,
      config.optimizer,
      { ...request, scope: enforceScope(res, request.scope) },
      clientGone(res),
    );
    res.json(analysisToWire(plan));
  },
  async get({ memory }, req, res) {
    res.json(optimizationJobToWire(await optimizationJob(memory, jobId(req), guardOf(res, {}))));
  },
  async cancel({ memory }, req, res) {
    const job = await optimizationJob(memory, jobId(req), guardOf(res, {}));
    if (["completed", "failed", "cancelled"].includes(job.status)) {
      throw new CortexMemError(ErrorCode.CONFLICT, `Optimization job ${job.id} already ${job.status}`, {
        details: { status: job.status },
      });
    }
    const after = await memory.cancelJob(job.id);
    res.json({
      ...optimizationJobToWire(after),
      message: "Cancel requested: the job stops before its next action",
      cancelled_at: new Date().toISOString(),
    });
  },
  async undo({ memory }, req, res) {
    const job = await undoOptimization(memory, jobId(req), guardOf(res, {}));
    res.status(202).json({ ...optimizationStartedToWire(job), undoes: jobId(req) });
  },
  async history({ memory }, req, res) {
    const q = parseOrThrow(wireOptimizationHistoryQuery, req.query, "query");
    const scope = enforceScope(res, {
      ...(q.user_id ? { userId: q.user_id } : {}),
      ...(q.agent_id ? { agentId: q.agent_id } : {}),
    });
    const jobs = (await allJobs(memory, scope)).filter(
      (j) => !q.status || optimizationHistoryItem(j).status === q.status || j.status === q.status,
    );
    res.json({
      total: jobs.length,
      history: jobs.slice(q.offset, q.offset + q.limit).map(optimizationHistoryItem),
      pagination: { limit: q.limit, offset: q.offset, total: jobs.length },
    });
  },
  async statistics({ memory }, _req, res) {
    res.json(optimizationStatisticsToWire(await allJobs(memory, enforceScope(res, {}))));
  },
  async cleanup({ memory }, req, res) {
    const { max_age_days } = parseOrThrow(wireOptimizationCleanupBody, req.body ?? {}, "body");
    if (principalOf(res).userId !== undefined)
      throw new CortexMemError(
        ErrorCode.FORBIDDEN,
        "Cleaning up finished jobs spans every user: it needs a key not bound to a user",
      );
    if (!memory.jobs) throw new CortexMemError(ErrorCode.CONFIG, "This memory has no job queue");
    const deleted = await memory.jobs.purge(new Date(Date.now() - max_age_days * 86_400_000));
    const remaining = (await allJobs(memory, {})).length;
    res.json({ deleted, remaining, message: `Deleted ${deleted} finished jobs older than ${max_age_days} days` });
  },
};

const route = (
  method: RouteSpec["method"],
  path: string,
  operationId: string,
  summary: string,
  handle: Handle,
  extra: Partial<RouteSpec> = {},
): RouteSpec =>
  defineRoute({
    method,
    path,
    operationId,
    summary,
    tag: "system",
    response: { status: 200, description: "v1's answer", schema: anyBody },
    errors: [400, 403, 404, 409, 503],
    handle,
    ...extra,
  });

/** v1's optimization routes (plus undo) on our API; the same handlers are mounted under `/v1`. */
export const OPTIMIZATION_ROUTES: readonly RouteSpec[] = [
  route(
    "post",
    "/optimization",
    "startOptimization",
    "Start an optimization job (a strategy over a scope; dry_run only analyzes)",
    OPTIMIZATION_HANDLERS.start as Handle,
    { body: wireOptimizationRequestSchema, response: { status: 202, description: "The queued job", schema: anyBody } },
  ),
  route(
    "post",
    "/optimization/analyze",
    "analyzeOptimization",
    "Dry run: issues, severities, affected memories and planned actions; nothing is written",
    OPTIMIZATION_HANDLERS.analyze as Handle,
    { body: wireOptimizationRequestSchema },
  ),
  route(
    "get",
    "/optimization/history",
    "optimizationHistory",
    "Optimization and undo jobs, newest first (limit/offset)",
    OPTIMIZATION_HANDLERS.history as Handle,
    { query: wireOptimizationHistoryQuery },
  ),
  route(
    "get",
    "/optimization/statistics",
    "optimizationStatistics",
    "Counts of optimization jobs and memories processed",
    OPTIMIZATION_HANDLERS.statistics as Handle,
  ),
  route(
    "post",
    "/optimization/cleanup",
    "optimizationCleanup",
    "Delete finished jobs older than max_age_days (unbound keys only)",
    OPTIMIZATION_HANDLERS.cleanup as Handle,
    { body: wireOptimizationCleanupBody },
  ),
  route(
    "get",
    "/optimization/{job_id}",
    "getOptimization",
    "One optimization job: status, progress (0-100), phase, logs, result",
    OPTIMIZATION_HANDLERS.get as Handle,
    { params: jobParams },
  ),
  route(
    "post",
    "/optimization/{job_id}/cancel",
    "cancelOptimization",
    "Cancel: the job stops before its next action; applied actions stay (undo reverts them)",
    OPTIMIZATION_HANDLERS.cancel as Handle,
    { params: jobParams },
  ),
  route(
    "post",
    "/optimization/{job_id}/undo",
    "undoOptimization",
    "Queue the undo of a finished optimization job: every memory it changed is restored",
    OPTIMIZATION_HANDLERS.undo as Handle,
    { params: jobParams, response: { status: 202, description: "The queued undo job", schema: anyBody } },
  ),
];
