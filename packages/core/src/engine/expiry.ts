import { CortexMemError, ErrorCode } from "../errors.js";
import type { CortexMemConfig } from "../config/schema.js";
import type { MemoryType } from "../types/memory.js";
import { parseExpiresAt, parseTtl } from "../util/duration.js";

/** `memory.ttl` of the config: a TTL (or `"never"`) per type and a default for the others. */
export type TtlSettings = CortexMemConfig["memory"]["ttl"];

/**
 * An expiry as the caller asked for it: a date, `null` (never, whatever the defaults say) or
 * `undefined` (not asked: the extraction's proposal or the type's default applies).
 */
export type RequestedExpiry = Date | null | undefined;

/**
 * Reads `expiresAt` / `ttl` of an add or update into one {@link RequestedExpiry}. Both at once is
 * `VALIDATION` (naming both); a TTL counts from `now`. With `fresh` (a caller's request, not a
 * queued job replaying one) the expiry must lie after `now`: a memory born expired is a mistake.
 */
export function requestedExpiry(
  o: { expiresAt?: Date | string | null | undefined; ttl?: string | number | undefined },
  now: Date,
  fresh = true,
): RequestedExpiry {
  if (o.expiresAt !== undefined && o.ttl !== undefined) {
    throw new CortexMemError(ErrorCode.VALIDATION, "Give expires_at or ttl, not both", {
      details: [
        { path: "expires_at", message: "not with ttl" },
        { path: "ttl", message: "not with expires_at" },
      ],
    });
  }
  if (o.ttl !== undefined) return new Date(now.getTime() + parseTtl(o.ttl, "ttl"));
  if (o.expiresAt === undefined || o.expiresAt === null) return o.expiresAt;
  const at = parseExpiresAt(o.expiresAt, "expires_at");
  if (fresh && at.getTime() <= now.getTime()) {
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      `expires_at ${at.toISOString()} is not in the future (to forget a memory now, delete it)`,
      { details: [{ path: "expires_at", message: "must be in the future" }] },
    );
  }
  return at;
}

/** When a new memory of `type` created at `from` expires by `memory.ttl` (undefined: never). */
export function defaultExpiry(ttl: TtlSettings | undefined, type: MemoryType, from: Date): Date | undefined {
  const setting = ttl?.[type] ?? ttl?.default;
  if (setting === undefined || setting === "never") return undefined;
  return new Date(from.getTime() + parseTtl(setting, `memory.ttl.${ttl?.[type] === undefined ? "default" : type}`));
}

/**
 * The expiry of a new memory: the caller's (a date, or `null` for never), else the extraction's
 * proposal, else the type's default from `memory.ttl` counted from `now`.
 */
export function newMemoryExpiry(
  proposed: RequestedExpiry,
  ttl: TtlSettings | undefined,
  type: MemoryType,
  now: Date,
): Date | undefined {
  if (proposed === null) return undefined;
  return proposed ?? defaultExpiry(ttl, type, now);
}
