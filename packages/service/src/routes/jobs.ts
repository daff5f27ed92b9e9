import { parseOrThrow } from "@cortex-mem/core";
import { jobListQueryFromWire, jobToWire, wireJobListQuerySchema } from "@cortex-mem/core/wire";
import * as z from "zod";
import { enforceScope, guardOf, wireScopeQuerySchema } from "../http/scope-guard.js";
import { jobPageResponse, jobResponse } from "../openapi/wire-responses.js";
import { defineRoute } from "./route-spec.js";

const idParams = z.object({ id: z.string().describe("The job id") });

/** `GET /jobs`: jobs newest first, by status, kind and scope (a user-bound key sees only its user's). */
export const listJobs = defineRoute({
  method: "get",
  path: "/jobs",
  operationId: "listJobs",
  summary: "List jobs (async adds, expiry, optimizer), newest first, filtered by status (comma list), kind and scope",
  tag: "system",
  query: wireJobListQuerySchema,
  response: {
    status: 200,
    description: "One page; pass next_cursor back as cursor for the next",
    schema: jobPageResponse,
  },
  errors: [400, 403, 503],
  async handle({ memory }, req, res) {
    const query = jobListQueryFromWire(parseOrThrow(wireJobListQuerySchema, req.query, "query"));
    const scope = enforceScope(res, query.scope ?? {});
    const page = await memory.listJobs({ ...query, ...(Object.keys(scope).length ? { scope } : {}) });
    res.json({ jobs: page.jobs.map(jobToWire), next_cursor: page.nextCursor });
  },
});

/** `GET /jobs/{id}`: one job with its status, progress, log and result. */
export const getJob = defineRoute({
  method: "get",
  path: "/jobs/{id}",
  operationId: "getJob",
  summary: "One job: status, progress, phase, log, result or error, attempts and times",
  tag: "system",
  params: idParams,
  query: wireScopeQuerySchema,
  response: { status: 200, description: "The job", schema: jobResponse },
  errors: [400, 403, 404, 503],
  async handle({ memory }, req, res) {
    res.json(jobToWire(await memory.job(String(req.params.id), guardOf(res, req.query))));
  },
});

/** `POST /jobs/{id}/cancel`: a waiting job is cancelled at once, a running one stops at its next step. */
export const cancelJob = defineRoute({
  method: "post",
  path: "/jobs/{id}/cancel",
  operationId: "cancelJob",
  summary: "Cancel a job: waiting jobs at once, running ones at their next step (steps already applied stay)",
  tag: "system",
  params: idParams,
  query: wireScopeQuerySchema,
  response: { status: 200, description: "The job after the request", schema: jobResponse },
  errors: [400, 403, 404, 503],
  async handle({ memory }, req, res) {
    res.json(jobToWire(await memory.cancelJob(String(req.params.id), guardOf(res, req.query))));
  },
});
