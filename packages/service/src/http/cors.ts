import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";

const ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id, If-Match";
const METHODS = "GET, POST, PUT, DELETE, OPTIONS";

/**
 * CORS headers for one request from a configured origin (`*` allows any); true when it was a
 * preflight, answered here with 204. A request from any other origin gets no header, so browsers
 * keep the same-origin policy.
 */
export type CorsStep = (req: IncomingMessage, res: ServerResponse) => boolean;

/** The {@link CorsStep} of `server.corsOrigins`; null when none is configured (CORS off). */
export function corsStep(origins: readonly string[]): CorsStep | null {
  if (origins.length === 0) return null;
  const any = origins.includes("*");
  const allowed = new Set(origins);
  return (req, res) => {
    const origin = req.headers.origin;
    if (!origin || !(any || allowed.has(origin))) return false;
    res.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
    res.appendHeader("Vary", "Origin");
    res.setHeader("Access-Control-Expose-Headers", "X-Request-Id, ETag");
    if (req.method !== "OPTIONS" || !req.headers["access-control-request-method"]) return false;
    res.setHeader("Access-Control-Allow-Methods", METHODS);
    res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
    res.setHeader("Access-Control-Max-Age", "600");
    res.statusCode = 204;
    res.end();
    return true;
  };
}

/** {@link corsStep} as express middleware (preflights answer 204). */
export function cors(origins: readonly string[]): RequestHandler {
  const step = corsStep(origins);
  if (!step) return (_req, _res, next) => next();
  return (req, res, next) => {
    if (!step(req, res)) next();
  };
}
