import type { IncomingMessage, ServerResponse } from "node:http";
import type { Express } from "express";
import type { ServiceDeps } from "./app.js";
import { keyCheck } from "./http/auth.js";
import { corsStep } from "./http/cors.js";
import { reportError } from "./http/errors.js";
import { hostCheck } from "./http/host-guard.js";
import { bodyLimitBytes, leanSearch } from "./http/lean-search.js";
import { createJsonLogger } from "./logger.js";
import { Metrics } from "./metrics.js";

/** The standalone service's request handler: the lean search path first, else the express app. */
export interface ServiceHandler {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Loads and builds the express app now if no request has yet (`startService` calls it once listening). */
  warm(): void;
}

/**
 * The lean path of `POST /memories/search` (`http/lean-search.ts`: the same guards and work without
 * express's routing), and behind it {@link createApp}'s express app sharing its metrics and logger.
 * `startService` serves `handle`. The express app (express, body-parser, mime-db, the router and
 * every route) is loaded by {@link ServiceHandler.warm} (once the server listens) or by the first
 * request the lean path does not take, whichever comes first, not before listening (issue 14): a
 * request arriving meanwhile waits for the same load.
 */
export function createHandler(deps: ServiceDeps): ServiceHandler {
  const { memory, config } = deps;
  const logger = deps.logger ?? createJsonLogger({ level: config.logging.level });
  const metrics = new Metrics();
  let app: Express | undefined;
  let loading: Promise<Express> | undefined;
  const load = (): Promise<Express> =>
    (loading ??= import("./app.js").then(({ expressApp }) => (app = expressApp(deps, logger, metrics))));
  const lean = leanSearch({
    memory,
    logger,
    metrics,
    hostCheck: hostCheck(config, deps.bindHost ?? config.server.host),
    cors: corsStep(config.server.corsOrigins),
    keyCheck: keyCheck(config),
    bodyLimit: bodyLimitBytes(config.server.bodyLimit),
  });
  return {
    warm: () =>
      void load().catch((error: unknown) =>
        logger.error("loading the express app failed", {
          error: error instanceof Error ? error.message : String(error),
        }),
      ),
    handle: (req, res) => {
      if (lean(req, res)) return;
      if (app) return void app(req, res);
      load().then(
        (loaded) => loaded(req, res),
        (error: unknown) => reportError(logger, error, req, Object.assign(res, { locals: {} }), req.url ?? ""),
      );
    },
  };
}
