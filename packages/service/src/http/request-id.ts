import { randomUUID } from "node:crypto";
import type { RequestHandler } from "express";

/** Header carrying the request id, in and out. */
export const REQUEST_ID_HEADER = "X-Request-Id";

const SAFE_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** The id of a request: the caller's `X-Request-Id` when it is a short safe token, else a fresh UUID. */
export function requestIdFor(incoming: string | undefined): string {
  return incoming && SAFE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * Gives every request an id ({@link requestIdFor}). It is echoed on the response and attached to
 * every log line of the request.
 */
export const requestId: RequestHandler = (req, res, next) => {
  const id = requestIdFor(req.get(REQUEST_ID_HEADER));
  res.locals.requestId = id;
  res.setHeader(REQUEST_ID_HEADER, id);
  next();
};
