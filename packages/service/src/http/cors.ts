import type { RequestHandler } from "express";

const ALLOWED_HEADERS = "Authorization, Content-Type, X-Request-Id, If-Match";
const METHODS = "GET, POST, PUT, DELETE, OPTIONS";

/**
 * CORS for the configured origins only (`server.corsOrigins`; `*` allows any). With no origins
 * configured this adds nothing, so browsers keep the same-origin policy. Preflights answer 204.
 */
export function cors(origins: readonly string[]): RequestHandler {
  const any = origins.includes("*");
  const allowed = new Set(origins);
  return (req, res, next) => {
    const origin = req.get("Origin");
    if (origins.length === 0 || !origin || !(any || allowed.has(origin))) return next();
    res.setHeader("Access-Control-Allow-Origin", any ? "*" : origin);
    res.append("Vary", "Origin");
    res.setHeader("Access-Control-Expose-Headers", "X-Request-Id, ETag");
    if (req.method === "OPTIONS" && req.get("Access-Control-Request-Method")) {
      res.setHeader("Access-Control-Allow-Methods", METHODS);
      res.setHeader("Access-Control-Allow-Headers", ALLOWED_HEADERS);
      res.setHeader("Access-Control-Max-Age", "600");
      res.status(204).end();
      return;
    }
    next();
  };
}
