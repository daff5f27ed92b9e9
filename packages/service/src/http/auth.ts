import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { RequestHandler } from "express";
import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import type { CortexMemConfig } from "@cortex-mem/core";

/** Who is calling: the key's name (for logs) and, for a key bound to a user, that user. */
export interface Principal {
  keyName?: string;
  userId?: string;
}

interface KeyEntry {
  digest: Buffer;
  principal: Principal;
}

const digest = (key: string): Buffer => createHash("sha256").update(key, "utf8").digest();

/**
 * What a response carries for the rest of its request: express's `res.locals`, or the same object
 * the lean search path sets (`requestId`, and `principal` once the key was checked).
 */
export interface HasLocals {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- express types res.locals this way
  locals: Record<string, any>;
}

/** The principal of the current request (empty when auth is off or the key is unbound). */
export function principalOf(res: HasLocals): Principal {
  return (res.locals.principal as Principal | undefined) ?? {};
}

/** Compares against every key, always, in constant time per key: the timing reveals nothing. */
function match(entries: readonly KeyEntry[], presented: string): Principal | undefined {
  const candidate = digest(presented);
  let found: Principal | undefined;
  for (const entry of entries) if (timingSafeEqual(entry.digest, candidate)) found ??= entry.principal;
  return found;
}

/** Checks a request's bearer key: its principal, or the 401 to answer with (the challenge header set). */
export type KeyCheck = (req: IncomingMessage, res: ServerResponse) => Principal | CortexMemError;

/**
 * The {@link KeyCheck} of `server.apiKeys` (strings, or `{key, userId?, name?}` to bind a key to
 * one user); null when no keys are configured (auth off).
 */
export function keyCheck(config: CortexMemConfig): KeyCheck | null {
  if (config.server.apiKeys.length === 0) return null;
  const entries: KeyEntry[] = config.server.apiKeys.map((k, i) =>
    typeof k === "string"
      ? { digest: digest(k), principal: { keyName: `key-${i + 1}` } }
      : {
          digest: digest(k.key),
          principal: { keyName: k.name ?? `key-${i + 1}`, ...(k.userId ? { userId: k.userId } : {}) },
        },
  );
  return (req, res) => {
    const header = req.headers.authorization ?? "";
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!bearer) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="cortex-mem"');
      return new CortexMemError(ErrorCode.UNAUTHORIZED, "Missing API key: send Authorization: Bearer <key>");
    }
    const principal = match(entries, bearer);
    if (!principal) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="cortex-mem", error="invalid_token"');
      return new CortexMemError(ErrorCode.UNAUTHORIZED, "Invalid API key");
    }
    return principal;
  };
}

/**
 * Bearer-key auth ({@link keyCheck}) as express middleware. Off when no keys are configured.
 * `isPublic(req)` lists the routes that skip it (`/health`).
 */
export function apiKeyAuth(
  config: CortexMemConfig,
  isPublic: (path: string, query: Record<string, unknown>) => boolean,
): RequestHandler {
  const check = keyCheck(config);
  return (req, res, next) => {
    if (!check || req.method === "OPTIONS" || isPublic(req.path, req.query as Record<string, unknown>)) return next();
    const outcome = check(req, res);
    if (outcome instanceof CortexMemError) return next(outcome);
    res.locals.principal = outcome;
    next();
  };
}
