import type { IncomingMessage, ServerResponse } from "node:http";
import type { ErrorRequestHandler, Request, RequestHandler, Response } from "express";
import { CortexMemError, ErrorCode, toCortexMemError } from "@cortex-mem/core";
import type { Logger } from "../logger.js";
import type { HasLocals } from "./auth.js";

/** HTTP statuses express / body-parser may attach to their own errors, mapped to our codes. */
const STATUS_CODES: Readonly<Record<number, ErrorCode>> = {
  400: ErrorCode.VALIDATION,
  401: ErrorCode.UNAUTHORIZED,
  403: ErrorCode.FORBIDDEN,
  404: ErrorCode.NOT_FOUND,
  409: ErrorCode.CONFLICT,
  413: ErrorCode.PAYLOAD_TOO_LARGE,
  415: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
  429: ErrorCode.RATE_LIMITED,
};

interface HttpishError {
  type?: string;
  status?: number;
  statusCode?: number;
  limit?: number;
  message?: string;
}

/**
 * Turns anything a request can throw into a {@link CortexMemError}: ours pass through;
 * body-parser's errors (too large, bad JSON, bad charset) and other 4xx errors keep their meaning;
 * everything else is `INTERNAL` (its message is replaced so no internals leak to clients).
 */
export function toHttpError(error: unknown): CortexMemError {
  if (error instanceof CortexMemError) return error;
  const e = (error ?? {}) as HttpishError;
  switch (e.type) {
    case "entity.too.large":
      return new CortexMemError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `Request body is larger than the limit of ${e.limit ?? "?"} bytes (server.body_limit)`,
        { cause: error },
      );
    case "entity.parse.failed":
      return new CortexMemError(
        ErrorCode.VALIDATION,
        "Request body is not valid JSON (an object or array is expected)",
        {
          cause: error,
          details: [{ path: "", message: e.message ?? "invalid JSON" }],
        },
      );
    case "encoding.unsupported":
    case "charset.unsupported":
      return new CortexMemError(ErrorCode.UNSUPPORTED_MEDIA_TYPE, e.message ?? "Unsupported body encoding", {
        cause: error,
      });
  }
  const status = e.status ?? e.statusCode;
  const code = status === undefined ? undefined : STATUS_CODES[status];
  if (code) return new CortexMemError(code, e.message || code, { cause: error });
  const wrapped = toCortexMemError(error);
  return new CortexMemError(wrapped.code, "Internal server error; see the service log for this request id", {
    cause: error,
  });
}

/** Writes a JSON answer with node's own response API (so it serves express and the lean path alike). */
export function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.statusCode = status;
  res.setHeader("Content-Type", "application/json; charset=utf-8");
  res.setHeader("Content-Length", Buffer.byteLength(body));
  res.end(body);
}

/** Writes the one error body every route uses: `{"error": {"code", "message", "details"?}}`. */
export function sendError(res: ServerResponse, error: CortexMemError): void {
  if (res.headersSent) {
    res.end();
    return;
  }
  const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (error.code === ErrorCode.RATE_LIMITED && typeof retryAfter === "number")
    res.setHeader("Retry-After", String(Math.ceil(retryAfter)));
  sendJson(res, error.httpStatus, { error: error.toJSON() });
}

/**
 * Answers a failed request: the error mapped by {@link toHttpError}, JSON only; 5xx causes are
 * logged with the request id, never sent.
 */
export function reportError(
  logger: Logger,
  error: unknown,
  req: IncomingMessage,
  res: ServerResponse & HasLocals,
  path: string,
): void {
  const http = toHttpError(error);
  if (http.httpStatus >= 500) {
    const cause = http.cause ?? error;
    logger.error(http.message, {
      request_id: res.locals.requestId,
      method: req.method,
      path,
      code: http.code,
      status: http.httpStatus,
      cause: cause instanceof Error ? (cause.stack ?? cause.message) : String(cause),
    });
  }
  sendError(res, http);
}

/** Express error handler: {@link reportError}. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req: Request, res: Response, _next) => reportError(logger, error, req, res, req.path);
}

/** JSON 404 for every path and method no route answers (instead of express's HTML page). */
export const notFoundHandler: RequestHandler = (req, res) => {
  sendError(
    res,
    new CortexMemError(ErrorCode.NOT_FOUND, `No route for ${req.method} ${req.path}`, {
      details: { method: req.method, path: req.path },
    }),
  );
};

/**
 * The handler of a known path asked with a method it does not answer: `405` with `Allow` listing
 * the methods it does (HEAD with GET), or `204` with `Allow` for `OPTIONS`.
 */
export function methodNotAllowed(methods: readonly string[]): RequestHandler {
  const upper = methods.map((m) => m.toUpperCase());
  const allow = [...upper, ...(upper.includes("GET") ? ["HEAD"] : []), "OPTIONS"].join(", ");
  return (req, res) => {
    res.setHeader("Allow", allow);
    if (req.method === "OPTIONS") {
      res.status(204).end();
      return;
    }
    const message = `${req.method} is not allowed on ${req.path}; use ${upper.join(" or ")}`;
    sendError(
      res,
      new CortexMemError(ErrorCode.METHOD_NOT_ALLOWED, message, {
        details: { method: req.method, path: req.path, allow: upper },
      }),
    );
  };
}
