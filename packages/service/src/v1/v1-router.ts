import { parseOrThrow } from "@cortex-mem/core";
import { addRequestFromWire, listRequestFromWire, searchRequestFromWire } from "@cortex-mem/core/wire";
import {
  errorToV1,
  healthToV1,
  listToV1,
  llmHealthToV1,
  llmStatusToV1,
  memoryToV1,
  searchToV1,
  v1AddToWire,
  v1ListToWire,
  v1Message,
  v1SearchToWire,
  v1ThresholdToScore,
  v1UpdateBody,
} from "@cortex-mem/core/v1";
import type { ErrorRequestHandler, Request, Response } from "express";
import { Router } from "express";
import { toHttpError } from "../http/errors.js";
import { enforceScope, guardOf } from "../http/scope-guard.js";
import { clientGone } from "../http/signal.js";
import { probeModels } from "../llm-status.js";
import type { ModelStatus } from "../llm-status.js";
import type { Logger } from "../logger.js";
import type { RouteContext } from "../routes/route-spec.js";
import { mountV1Batch } from "./v1-batch.js";
import { mountV1Optimization } from "./v1-optimization.js";

type Handler = (req: Request, res: Response) => Promise<void>;

/** Each route's v1 failure code (`MEMORY_CREATION_FAILED`, …), read by the error handler. */
const failing =
  (code: string, handler: Handler): Handler =>
  async (req, res) => {
    res.locals.v1Code = code;
    await handler(req, res);
  };

const probe = (s: ModelStatus | undefined) => ({
  available: s?.reachable ?? false,
  model: s?.model ?? "",
  provider: s?.provider ?? "",
  ...(s?.latency_ms != null ? { latencyMs: s.latency_ms } : {}),
  ...(s?.error ? { error: s.error.message } : {}),
});

/**
 * The Rust v1 REST API (cortex-mem-service 1.0) under `/v1`: the same paths, bodies and answers
 * (`{message, id}`, `{memories, total}`, `{results: [{memory, score}]}`, `{status: "healthy", …}`,
 * errors as `{error, code}`), so its clients run unchanged with the base URL ending in `/v1`.
 * Requests and answers are mapped by core's `v1*` functions; this only mounts them.
 */
export function v1Router(ctx: RouteContext): Router {
  const { memory, config } = ctx;
  const router = Router();
  router.get(
    "/health",
    failing("HEALTH_CHECK_FAILED", async (_req, res) => {
      const store = await memory.count().then(
        () => true,
        () => false,
      );
      const embedder = (await memory.probeEmbedder()).ok;
      res.json(healthToV1(store, embedder));
    }),
  );
  router.post(
    "/memories",
    failing("MEMORY_CREATION_FAILED", async (req, res) => {
      const wire = v1AddToWire(req.body);
      const { input, options } = addRequestFromWire(wire);
      const result = await memory.add(input, { ...enforceScope(res, options), signal: clientGone(res) });
      const message =
        "messages" in wire
          ? `Memory processed successfully with ${result.results.length} actions`
          : "Memory created successfully";
      res.json({
        ...v1Message(message, result.results[0]?.id ?? ""),
        results: result.results.map((r) => ({ id: r.id, memory: r.memory, event: r.event })),
      });
    }),
  );
  router.get(
    "/memories",
    failing("MEMORY_LIST_FAILED", async (req, res) => {
      const page = await memory.list(enforceScope(res, listRequestFromWire(v1ListToWire(req.query))));
      res.json(listToV1(page.memories));
    }),
  );
  router.post(
    "/memories/search",
    failing("MEMORY_SEARCH_FAILED", async (req, res) => {
      const { wire, similarityThreshold } = v1SearchToWire(req.body);
      const { query, options } = searchRequestFromWire(wire);
      const threshold =
        similarityThreshold === undefined ? {} : { threshold: v1ThresholdToScore(similarityThreshold, config.memory) };
      const hits = await memory.search(query, { ...enforceScope(res, options), ...threshold, signal: clientGone(res) });
      res.json(searchToV1(hits));
    }),
  );
  mountV1Batch(router, ctx, failing);
  router.get(
    "/memories/:id",
    failing("MEMORY_RETRIEVAL_FAILED", async (req, res) => {
      res.json(memoryToV1(await memory.get(String(req.params.id), guardOf(res, {}))));
    }),
  );
  router.put(
    "/memories/:id",
    failing("MEMORY_UPDATE_FAILED", async (req, res) => {
      const { content } = parseOrThrow(v1UpdateBody, req.body ?? {}, "body");
      const id = String(req.params.id);
      await memory.update(id, { content }, guardOf(res, {}));
      res.json(v1Message("Memory updated successfully", id));
    }),
  );
  router.delete(
    "/memories/:id",
    failing("MEMORY_DELETION_FAILED", async (req, res) => {
      const id = String(req.params.id);
      await memory.delete(id, guardOf(res, {}));
      res.json(v1Message("Memory deleted successfully", id));
    }),
  );
  router.get("/llm/status", async (_req, res) => {
    const [llm, embedding] = await probeModels(memory);
    res.json(llmStatusToV1(probe(llm), probe(embedding)));
  });
  router.get("/llm/health-check", async (_req, res) => {
    const [llm, embedding] = await probeModels(memory);
    res.json(llmHealthToV1(llm?.reachable ?? false, embedding?.reachable ?? false));
  });
  mountV1Optimization(router, ctx, failing);
  router.use(v1ErrorHandler(ctx.logger));
  return router;
}

/** Every failure under `/v1` in v1's shape `{error, code}`, with our HTTP status; 5xx causes are logged, never sent. */
function v1ErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    if (res.headersSent) return next(error);
    const http = toHttpError(error);
    if (http.httpStatus >= 500) {
      const cause = http.cause ?? error;
      logger.error(http.message, {
        request_id: res.locals.requestId,
        method: req.method,
        path: req.originalUrl,
        code: http.code,
        cause: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause),
      });
    }
    const notFound = req.path.startsWith("/optimization") ? "JOB_NOT_FOUND" : undefined;
    res.status(http.httpStatus).json(errorToV1(http, String(res.locals.v1Code ?? "REQUEST_FAILED"), notFound));
  };
}
