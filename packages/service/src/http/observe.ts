import type { IncomingMessage, ServerResponse } from "node:http";
import type { Request, RequestHandler } from "express";
import type { Logger } from "../logger.js";
import type { Metrics } from "../metrics.js";
import type { HasLocals } from "./auth.js";

/** Finds the route template (`/memories/{id}`) for a method and path; `unmatched` keeps label sets small. */
export type RouteResolver = (req: Request) => string;

/** A {@link RouteResolver} over route templates in OpenAPI form. */
export function routeResolver(routes: readonly { method: string; path: string }[]): RouteResolver {
  const matchers = routes.map((r) => ({
    method: r.method.toUpperCase(),
    path: r.path,
    re: new RegExp(`^${r.path.replace(/\{\w+\}/g, "[^/]+")}/?$`),
  }));
  return (req) => {
    const method = req.method === "HEAD" ? "GET" : req.method;
    return matchers.find((m) => m.method === method && m.re.test(req.path))?.path ?? "unmatched";
  };
}

/**
 * Records one request once it is answered (or the client went away): a metrics sample and one
 * structured access-log line carrying the request id, route, status and duration. `path` and
 * `route` are read when the request ends; `res.locals` holds the request id and the caller's key.
 */
export function watchRequest(
  logger: Logger,
  metrics: Metrics,
  req: IncomingMessage,
  res: ServerResponse & HasLocals,
  path: () => string,
  route: () => string,
): void {
  const started = process.hrtime.bigint();
  const end = metrics.start();
  const finish = (): void => {
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const label = route();
    const status = res.writableFinished ? res.statusCode : 499;
    const method = req.method ?? "GET";
    end(method, label, status, seconds);
    logger.info("request", {
      request_id: res.locals.requestId,
      method,
      path: path(),
      route: label,
      status,
      duration_ms: Math.round(seconds * 1e6) / 1e3,
      ...(res.locals.principal?.keyName ? { key: res.locals.principal.keyName } : {}),
    });
  };
  res.once("finish", finish);
  res.once("close", () => {
    if (!res.writableFinished) finish();
  });
}

/** {@link watchRequest} as express middleware (the route label from `routeLabel`). */
export function observe(logger: Logger, metrics: Metrics, routeLabel: RouteResolver): RequestHandler {
  return (req, res, next) => {
    watchRequest(
      logger,
      metrics,
      req,
      res,
      () => req.path,
      () => routeLabel(req),
    );
    next();
  };
}
