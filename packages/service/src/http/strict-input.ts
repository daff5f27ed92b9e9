import { CortexMemError, ErrorCode, rejectUnknownKeys } from "@cortex-mem/core";
import type { RouteSpec } from "../routes/route-spec.js";

const hasContent = (body: unknown): boolean =>
  body !== undefined && body !== null && !(typeof body === "object" && Object.keys(body).length === 0);

/**
 * Refuses what a route would otherwise ignore: a query-string field its `query` schema does not
 * name (each named, with "did you mean"), and a body on a route that reads none. The route's own
 * schemas (core's strict wire schemas) reject unknown body fields.
 */
export function rejectUnknownInput(route: RouteSpec, req: { method: string; query: unknown; body?: unknown }): void {
  rejectUnknownKeys(req.query as object, route.query ? Object.keys(route.query.shape) : [], "query string");
  if (route.body === undefined && hasContent(req.body)) {
    throw new CortexMemError(ErrorCode.VALIDATION, `${req.method} ${route.path} takes no request body`, {
      details: [{ path: "", message: "unexpected body" }],
    });
  }
}
