import express from "express";
import type { Request, RequestHandler } from "express";
import { CortexMemError, ErrorCode } from "@cortex-mem/core";

/** True when the request carries a body (a length above zero, or chunked). */
function hasBody(req: Request): boolean {
  if (req.headers["transfer-encoding"] !== undefined) return true;
  const length = req.headers["content-length"];
  return length !== undefined && length !== "0";
}

/** Refuses bodies that are not JSON with 415 before anything reads them. */
export const requireJsonBody: RequestHandler = (req, _res, next) => {
  if (!hasBody(req) || req.is(["application/json", "application/*+json"])) return next();
  next(
    new CortexMemError(
      ErrorCode.UNSUPPORTED_MEDIA_TYPE,
      `Request bodies must be application/json, not ${req.get("Content-Type") ?? "(none)"}`,
      {
        details: { content_type: req.get("Content-Type") ?? null },
      },
    ),
  );
};

/** JSON body parsing with the configured size limit (`server.bodyLimit`, e.g. `1mb`). */
export function jsonBody(limit: string): RequestHandler[] {
  return [requireJsonBody, express.json({ limit, strict: true, type: ["application/json", "application/*+json"] })];
}
