import type { RequestHandler } from "express";
import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import { allowedHostsFor, rejectForeignHost } from "@cortex-mem/core/net";
import type { CortexMemConfig } from "@cortex-mem/core";

/**
 * DNS-rebinding guard for a service without API keys: core's `rejectForeignHost` over loopback
 * names, `server.allowed_hosts` and the bind address. With keys, the key is the guard (a page
 * rebinding a name to us does not know it), so every Host is served.
 */
export function hostGuard(config: CortexMemConfig, bindHost: string): RequestHandler {
  if (config.server.apiKeys.length > 0) return (_req, _res, next) => next();
  const options = { allowedHosts: allowedHostsFor(bindHost, config.server.allowedHosts) };
  return (req, _res, next) => {
    const refused = rejectForeignHost(req, options);
    if (!refused) return next();
    next(
      new CortexMemError(ErrorCode.FORBIDDEN, refused, {
        details: [{ path: "host", message: "not a loopback or allowed name" }],
      }),
    );
  };
}
