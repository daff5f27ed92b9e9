import type { IncomingMessage } from "node:http";

const LOOPBACK_NAMES = new Set(["localhost", "127.0.0.1", "[::1]", "::1"]);

/** True for the addresses a local-only server binds to. */
export function isLoopbackHost(host: string): boolean {
  return LOOPBACK_NAMES.has(host.toLowerCase()) || host.startsWith("127.");
}

const hostnameOf = (value: string): string | undefined => {
  try {
    return new URL(value.includes("://") ? value : `http://${value}`).hostname.toLowerCase();
  } catch {
    return undefined;
  }
};

/**
 * DNS-rebinding protection for a server bound to loopback: a web page in the user's browser may
 * reach 127.0.0.1 under a foreign name, so the `Host` (and any `Origin`) must name loopback too.
 * Returns the reason to refuse, or `undefined` to accept.
 */
export function rejectForeignHost(req: IncomingMessage): string | undefined {
  const host = hostnameOf(req.headers.host ?? "");
  if (!host || !isLoopbackHost(host)) return `Host ${req.headers.host ?? "(none)"} is not allowed: this server only answers loopback names`;
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== "null") {
    const name = hostnameOf(origin);
    if (!name || !isLoopbackHost(name)) return `Origin ${origin} is not allowed`;
  }
  return undefined;
}
