import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import { statsToWire } from "@cortex-mem/core/wire";
import * as z from "zod";
import { principalOf } from "../http/auth.js";
import { enforceScope, scopeFromQuery, wireScopeQuerySchema } from "../http/scope-guard.js";
import { llmStatusResponse, probeModels } from "../llm-status.js";
import { statsResponse } from "../openapi/wire-responses.js";
import { probeStoreStatus, storeStatusResponse } from "../store-status.js";
import { SERVICE_VERSION } from "../version.js";
import { defineRoute } from "./route-spec.js";

/** Query of `/health`: `deep=true` also probes the configured LLM and embedding endpoints. */
export const healthQuery = z.object({
  deep: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .describe(
      "Also probe the LLM and embedding endpoints and say where the store lives and what it holds (needs an API key when keys are configured)",
    ),
});

const healthResponse = z.strictObject({
  status: z.enum(["ok", "unhealthy"]),
  version: z.string(),
  store: storeStatusResponse,
  models: llmStatusResponse.shape.models.optional(),
});

/** True when a `/health` request asks for provider probes. */
export const isDeepHealth = (query: Record<string, unknown>): boolean => query.deep === "true" || query.deep === "1";

/** `GET /health`. */
export const health = defineRoute({
  method: "get",
  path: "/health",
  operationId: "health",
  summary:
    "Liveness and readiness: the store passes its probe (and, with deep=true, the LLM and embedding endpoints); 503 when not",
  tag: "system",
  public: true,
  query: healthQuery,
  response: {
    status: 200,
    description: "Healthy (the same body with status 503 when unhealthy)",
    schema: healthResponse,
  },
  errors: [400, 503],
  async handle({ memory }, req, res) {
    const query = healthQuery.loose().safeParse(req.query);
    if (!query.success)
      throw new CortexMemError(ErrorCode.VALIDATION, "deep must be true or false", {
        details: [{ path: "deep", message: "expected true or false" }],
      });
    const deep = isDeepHealth(req.query as Record<string, unknown>);
    const [store, models] = await Promise.all([
      probeStoreStatus(memory, deep),
      deep ? probeModels(memory) : Promise.resolve(undefined),
    ]);
    const ok = store.reachable && (models ?? []).every((m) => m.reachable);
    res
      .status(ok ? 200 : 503)
      .json({ status: ok ? "ok" : "unhealthy", version: SERVICE_VERSION, store, ...(models ? { models } : {}) });
  },
});

/** `GET /llm/status`. */
export const llmStatus = defineRoute({
  method: "get",
  path: "/llm/status",
  operationId: "llmStatus",
  summary:
    "Each configured model (LLM, embedder): provider, reachable, latency, error. Network providers get a tiny real request",
  tag: "system",
  response: {
    status: 200,
    description: "One entry per model; status is degraded when one is unreachable",
    schema: llmStatusResponse,
  },
  errors: [],
  async handle({ memory }, _req, res) {
    const models = await probeModels(memory);
    res.json({
      status: models.every((m) => m.reachable) ? "ok" : "degraded",
      models,
      checked_at: new Date().toISOString(),
    });
  },
});

/** `GET /stats`. */
export const stats = defineRoute({
  method: "get",
  path: "/stats",
  operationId: "stats",
  summary: "Counts by type, user and agent, for a scope or (with an unbound key) for everything",
  tag: "system",
  query: wireScopeQuerySchema,
  response: { status: 200, description: "The counts", schema: statsResponse },
  errors: [400, 403, 503],
  async handle({ memory }, req, res) {
    res.json(statsToWire(await memory.stats(enforceScope(res, scopeFromQuery(req.query)))));
  },
});

/** `GET /metrics`. */
export const metrics = defineRoute({
  method: "get",
  path: "/metrics",
  operationId: "metrics",
  summary:
    "Prometheus metrics: requests by route and status, latency histograms, memories in the store (admin keys only)",
  description:
    "Figures span every user, so a key bound to one user gets 403; unbound (admin) keys and a keyless service see them.",
  tag: "system",
  response: { status: 200, description: "Prometheus text format 0.0.4", contentType: "text/plain; version=0.0.4" },
  errors: [403],
  async handle({ memory, metrics: registry }, _req, res) {
    if (principalOf(res).userId !== undefined) {
      throw new CortexMemError(
        ErrorCode.FORBIDDEN,
        "/metrics spans every user: it needs an API key not bound to one user",
        {
          details: [{ path: "authorization", message: "key bound to a user" }],
        },
      );
    }
    const count = await memory.count().catch(() => null);
    const jobs = memory.jobs ? await memory.jobs.counts().catch(() => null) : null;
    const tokens = memory.usageLedger ? await memory.usageLedger.totals().catch(() => null) : null;
    res.type("text/plain; version=0.0.4; charset=utf-8").send(registry.render(count, jobs, tokens));
  },
});
