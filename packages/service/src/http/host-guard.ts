import type { RequestHandler } from "express";
import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import { allowedHostsFor, rejectForeignHost } from "@cortex-mem/core/net";
import type { GuardedRequest } from "@cortex-mem/core/net";
import type { CortexMemConfig } from "@cortex-mem/core";

/** Host/Origin pairs whose verdict is remembered at most (then forgotten all at once). */
const VERDICTS = 256;

/** A request's Host/Origin check: the error to answer with, or undefined to serve it. */
export type HostCheck = (req: GuardedRequest) => CortexMemError | undefined;

/**
 * DNS-rebinding check for a service without API keys: core's `rejectForeignHost` over loopback
 * names, `server.allowed_hosts` and the bind address. Null with keys: the key is the guard (a page
 * rebinding a name to us does not know it), so every Host is served.
 */
export function hostCheck(config: CortexMemConfig, bindHost: string): HostCheck | null {
  if (config.server.apiKeys.length > 0) return null;
  const options = { allowedHosts: allowedHostsFor(bindHost, config.server.allowedHosts) };
  // The verdict depends on the two headers only: each pair is parsed once (clients send few).
  const verdicts = new Map<string, string | undefined>();
  return (req) => {
    const { host, origin } = req.headers;
    const key = origin === undefined ? `${host ?? ""}` : `${host ?? ""}\n${origin}`;
    let refused = verdicts.get(key);
    if (refused === undefined && !verdicts.has(key)) {
      refused = rejectForeignHost(req, options);
      if (verdicts.size >= VERDICTS) verdicts.clear();
      verdicts.set(key, refused);
    }
    if (!refused) return undefined;
    return new CortexMemError(ErrorCode.FORBIDDEN, refused, {
      details: [{ path: "host", message: "not a loopback or allowed name" }],
    });
  };
}

/** {@link hostCheck} as express middleware. */
export function hostGuard(config: CortexMemConfig, bindHost: string): RequestHandler {
  const check = hostCheck(config, bindHost);
  if (!check) return (_req, _res, next) => next();
  return (req, _res, next) => next(check(req));
}
