import express from "express";
import type { Express } from "express";
import type { ConfigSource, CortexMemConfig, MemoryManager } from "@cortex-mem/core";
import { apiKeyAuth } from "./http/auth.js";
import { jsonBody } from "./http/body.js";
import { cors } from "./http/cors.js";
import { errorHandler, methodNotAllowed, notFoundHandler } from "./http/errors.js";
import { hostGuard } from "./http/host-guard.js";
import { observe, routeResolver } from "./http/observe.js";
import { requestId } from "./http/request-id.js";
import { rejectUnknownInput } from "./http/strict-input.js";
import { defaultUiDir, staticUi } from "./http/static-ui.js";
import { createJsonLogger } from "./logger.js";
import type { Logger } from "./logger.js";
import { Metrics } from "./metrics.js";
import { buildOpenApiDocument } from "./openapi/document.js";
import { ROUTES } from "./routes/all-routes.js";
import { expressPath } from "./routes/route-spec.js";
import type { RouteContext } from "./routes/route-spec.js";
import { isDeepHealth } from "./routes/system.js";
import { v1Router } from "./v1/v1-router.js";

/** What {@link createApp} serves: an open engine, the config (server section) and a logger. */
export interface ServiceDeps {
  memory: MemoryManager;
  config: CortexMemConfig;
  /** Where each config value came from (`loadConfig().sources`), shown by `GET /config`. */
  configSources?: Record<string, ConfigSource>;
  /** The config file that was read (`loadConfig().file`). */
  configFile?: string | null;
  /** Folder of the built dashboard served at `/ui/` (default: `@cortex-mem/ui`'s dist); null turns it off. */
  uiDir?: string | null;
  /** Structured logs; default JSON lines on stderr at `config.logging.level`. */
  logger?: Logger;
  /** The address the server listens on (default `config.server.host`): its IP is served by the Host guard. */
  bindHost?: string;
}

// `/v1/health` probes the embedder (as v1 did), so it needs the key like `/health?deep=true`.
const isPublic = (path: string, query: Record<string, unknown>): boolean =>
  path.replace(/\/+$/, "") === "/health" && !isDeepHealth(query);

/**
 * The REST service as an express 5 app, not listening: request ids, access logs and metrics,
 * the Host/Origin guard (without API keys), CORS (only for configured origins), API-key auth, JSON bodies within the size limit, every route
 * of {@link ROUTES}, and JSON errors for everything (unknown routes, bad bodies, failures).
 */
export function createApp(deps: ServiceDeps): Express {
  const logger = deps.logger ?? createJsonLogger({ level: deps.config.logging.level });
  return expressApp(deps, logger, new Metrics());
}

/**
 * {@link createApp} with the logger and metrics given: the standalone service's handler
 * (`handler.ts`) shares them with its lean search path, and loads this module on its first request
 * the lean path does not serve (express and its dependencies are no part of start-up).
 */
export function expressApp(deps: ServiceDeps, logger: Logger, metrics: Metrics): Express {
  const { memory, config } = deps;
  let document: Record<string, unknown> | undefined;
  const ctx: RouteContext = {
    memory,
    config,
    configSources: deps.configSources,
    configFile: deps.configFile,
    logger,
    metrics,
    openApiDocument: () => (document ??= buildOpenApiDocument(ROUTES)),
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.use(requestId);
  app.use(observe(logger, metrics, routeResolver(ROUTES)));
  app.use(hostGuard(config, deps.bindHost ?? config.server.host));
  app.use(cors(config.server.corsOrigins));
  app.use(staticUi(deps.uiDir === undefined ? defaultUiDir() : deps.uiDir));
  app.use(apiKeyAuth(config, isPublic));
  app.use(...jsonBody(config.server.bodyLimit));
  app.use("/v1", v1Router(ctx));
  // Each path's routes, then a 405 naming the methods it does answer, before the next path: so
  // `GET /memories/search` is a 405, not a `GET /memories/{id}` with id "search".
  const paths = [...new Set(ROUTES.map((r) => r.path))];
  for (const path of paths) {
    const routes = ROUTES.filter((r) => r.path === path);
    for (const route of routes) {
      app[route.method](expressPath(route.path), async (req, res) => {
        rejectUnknownInput(route, req);
        await route.handle(ctx, req, res);
      });
    }
    app.all(expressPath(path), methodNotAllowed(routes.map((r) => r.method)));
  }
  app.use(notFoundHandler);
  app.use(errorHandler(logger));
  return app;
}
