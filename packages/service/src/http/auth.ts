import { createHash, timingSafeEqual } from "node:crypto";
import type { RequestHandler, Response } from "express";
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

/** The principal of the current request (empty when auth is off or the key is unbound). */
export function principalOf(res: Response): Principal {
  return (res.locals.principal as Principal | undefined) ?? {};
}

/** Compares against every key, always, in constant time per key: the timing reveals nothing. */
function match(entries: readonly KeyEntry[], presented: string): Principal | undefined {
  const candidate = digest(presented);
  let found: Principal | undefined;
  for (const entry of entries) if (timingSafeEqual(entry.digest, candidate)) found ??= entry.principal;
  return found;
}

/**
 * Bearer-key auth over `server.apiKeys` (strings, or `{key, userId?, name?}` to bind a key to one
 * user). Off when no keys are configured. `isPublic(req)` lists the routes that skip it (`/health`).
 */
export function apiKeyAuth(
  config: CortexMemConfig,
  isPublic: (path: string, query: Record<string, unknown>) => boolean,
): RequestHandler {
  const entries: KeyEntry[] = config.server.apiKeys.map((k, i) =>
    typeof k === "string"
      ? { digest: digest(k), principal: { keyName: `key-${i + 1}` } }
      : {
          digest: digest(k.key),
          principal: { keyName: k.name ?? `key-${i + 1}`, ...(k.userId ? { userId: k.userId } : {}) },
        },
  );
  return (req, res, next) => {
    if (entries.length === 0 || req.method === "OPTIONS" || isPublic(req.path, req.query as Record<string, unknown>))
      return next();
    const header = req.get("Authorization") ?? "";
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
    if (!bearer) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="cortex-mem"');
      return next(new CortexMemError(ErrorCode.UNAUTHORIZED, "Missing API key: send Authorization: Bearer <key>"));
    }
    const principal = match(entries, bearer);
    if (!principal) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="cortex-mem", error="invalid_token"');
      return next(new CortexMemError(ErrorCode.UNAUTHORIZED, "Invalid API key"));
    }
    res.locals.principal = principal;
    next();
  };
}
