import { CortexMemError, ErrorCode } from "../errors.js";
import { isLoopbackBind } from "./host-guard.js";

/** What decides whether a server may listen where it was asked to. */
export interface ExposureCheck {
  /** The bind address. */
  host: string;
  /** True when every request needs a credential (REST with API keys). */
  authenticated: boolean;
  /** The user's explicit consent (`--allow-unauthenticated-remote`, `server.allow_unauthenticated_remote`). */
  allowUnauthenticatedRemote: boolean;
  /** The door, for the message: "REST service", "MCP server". */
  what: string;
}

/**
 * Refuses (`CONFIG`) to listen on a non-loopback address without credentials unless the user
 * said so explicitly: anyone who can reach the address could read, write and delete every memory.
 */
export function checkExposure(check: ExposureCheck): void {
  if (check.authenticated || check.allowUnauthenticatedRemote || isLoopbackBind(check.host)) return;
  throw new CortexMemError(
    ErrorCode.CONFIG,
    `Refusing to start the ${check.what} on ${check.host} without authentication: anyone who can reach this address ` +
      "could read, write and delete every memory. Configure API keys (server.api_keys / CORTEX_MEM_API_KEYS), bind to " +
      "127.0.0.1, or pass --allow-unauthenticated-remote if this network is trusted.",
    { details: [{ path: "server.host", message: "non-loopback address without authentication" }] },
  );
}
