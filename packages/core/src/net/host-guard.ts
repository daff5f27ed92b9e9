import { isIP } from "node:net";

/** The headers the guard reads (a node `IncomingMessage` has them). */
export interface GuardedRequest {
  headers: { host?: string | undefined; origin?: string | undefined };
}

/** Names the user allowed besides loopback (`server.allowed_hosts`); `*` allows any name. */
export interface HostGuardOptions {
  allowedHosts?: readonly string[];
}

// A Host header is a name or an IP literal and an optional port, nothing else (no userinfo, path, spaces).
const HOST_HEADER = /^(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(:\d{1,5})?$/i;

/** The hostname of a `Host` header or of a URL (an Origin), lowercased and without brackets; undefined when malformed. */
export function hostnameOf(value: string, isOrigin = false): string | undefined {
  if (!isOrigin && !HOST_HEADER.test(value)) return undefined;
  try {
    const url = new URL(isOrigin ? value : `http://${value}`);
    if (isOrigin && !/^https?:$/.test(url.protocol)) return undefined;
    const name = url.hostname.toLowerCase();
    return name.startsWith("[") ? name.slice(1, -1) : name;
  } catch {
    return undefined;
  }
}

/**
 * True only for real loopback addresses: an IPv4 literal in 127.0.0.0/8, `::1` (also IPv4-mapped
 * `::ffff:127.x.y.z`) and the name `localhost`. A name that merely starts with `127.` (say
 * `127.0.0.1.rebind.attacker.example`) is a DNS name anyone can point anywhere: not loopback.
 */
export function isLoopbackHost(host: string): boolean {
  const name = host.toLowerCase().replace(/^\[(.*)\]$/, "$1");
  if (name === "localhost") return true;
  const kind = isIP(name);
  if (kind === 4) return name.split(".")[0] === "127";
  if (kind !== 6) return false;
  // Let the URL parser canonicalise the IPv6 literal (`0:0::1` → `::1`, mapped IPv4 → hex form).
  const canonical = new URL(`http://[${name}]`).hostname.slice(1, -1);
  if (canonical === "::1") return true;
  const mapped = /^::ffff:7f([0-9a-f]{2}):[0-9a-f]{1,4}$/.exec(canonical);
  return mapped !== null;
}

/** True when `host` (a bind address) accepts only local connections. */
export function isLoopbackBind(host: string): boolean {
  return isLoopbackHost(host);
}

const allowed = (name: string, options: HostGuardOptions): boolean => {
  if (isLoopbackHost(name)) return true;
  const names = options.allowedHosts ?? [];
  return names.includes("*") || names.some((n) => (hostnameOf(n, n.includes("://")) ?? n.toLowerCase()) === name);
};

/**
 * DNS-rebinding protection for a server without credentials: a web page in the user's browser
 * can reach 127.0.0.1 under a name it controls, so the `Host` and any `Origin` must be a loopback
 * address or a name the user configured. Returns the reason to refuse, or `undefined` to accept.
 * `Origin: null` (sandboxed frames, `file:` pages) is refused: no legitimate client sends it.
 */
export function rejectForeignHost(req: GuardedRequest, options: HostGuardOptions = {}): string | undefined {
  const rawHost = req.headers.host ?? "";
  const host = hostnameOf(rawHost);
  if (!host || !allowed(host, options)) {
    return `Host ${rawHost || "(none)"} is not allowed: this server answers loopback names and server.allowed_hosts only`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined) {
    const name = hostnameOf(origin, true);
    if (!name || !allowed(name, options))
      return `Origin ${origin} is not allowed: add its host to server.allowed_hosts`;
  }
  return undefined;
}

/**
 * The names a server without credentials answers besides loopback: the configured
 * `server.allowed_hosts`, plus the bind address itself when it is one specific IP (not `0.0.0.0`/`::`).
 */
export function allowedHostsFor(bindHost: string, allowedHosts: readonly string[]): string[] {
  const ip = bindHost.replace(/^\[(.*)\]$/, "$1");
  const specific = isIP(ip) !== 0 && !["0.0.0.0", "::"].includes(ip);
  return specific && !isLoopbackHost(ip) ? [...allowedHosts, ip] : [...allowedHosts];
}
