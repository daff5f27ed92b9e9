import { CortexMemError, ErrorCode } from "../errors.js";

const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

/** The longest TTL accepted: 100 years (a larger one is a typo, and would overflow dates). */
export const MAX_TTL_MS = 36_500 * UNIT_MS.d;

/**
 * The TTL grammar, one for every door and the config: a positive whole number of seconds (a JSON
 * number or a string of digits), or a positive whole number followed by one unit `s`, `m`, `h`,
 * `d` or `w` (`"90s"`, `"30m"`, `"12h"`, `"7d"`, `"2w"`). Nothing else: no fractions, no
 * combinations (`"1d12h"` → `"36h"`), no spaces inside, at most 100 years.
 */
export const TTL_GRAMMAR =
  'a positive whole number of seconds, or a whole number with one unit s, m, h, d or w ("12h", "7d")';

const PATTERN = /^([1-9]\d{0,12})([smhdw]?)$/;

function invalid(field: string, value: unknown, why: string): CortexMemError {
  return new CortexMemError(ErrorCode.VALIDATION, `Invalid ${field} ${JSON.stringify(value)}: ${why}`, {
    details: [{ path: field, message: why }],
  });
}

/** Reads a TTL in the {@link TTL_GRAMMAR} as milliseconds; anything else is `VALIDATION` naming `field`. */
export function parseTtl(value: unknown, field = "ttl"): number {
  let ms: number;
  if (typeof value === "number") {
    if (!Number.isInteger(value) || value <= 0) throw invalid(field, value, `expected ${TTL_GRAMMAR}`);
    ms = value * 1000;
  } else if (typeof value === "string") {
    const match = PATTERN.exec(value.trim());
    if (!match) throw invalid(field, value, `expected ${TTL_GRAMMAR}`);
    const unit = (match[2] || "s") as keyof typeof UNIT_MS;
    ms = Number(match[1]) * UNIT_MS[unit];
  } else {
    throw invalid(field, value, `expected ${TTL_GRAMMAR}`);
  }
  if (ms > MAX_TTL_MS) throw invalid(field, value, "at most 100 years (36500d)");
  return ms;
}

/** True when `value` is a TTL in the {@link TTL_GRAMMAR} (for zod refinements). */
export function isTtl(value: unknown): boolean {
  try {
    parseTtl(value);
    return true;
  } catch {
    return false;
  }
}

/** RFC 3339 date-time with an offset (`Z` or `±hh:mm`), or a date alone (midnight UTC). */
const ABSOLUTE = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:[Zz]|[+-]\d{2}:\d{2}))?$/;

/**
 * Reads an absolute expiry: a `Date`, or an RFC 3339 date-time with its offset
 * (`2026-05-01T18:00:00Z`, `…+02:00`), or a date alone (`2026-05-01`, midnight UTC). Local times
 * without an offset and epoch numbers are refused (ambiguous); `VALIDATION` naming `field`.
 */
export function parseExpiresAt(value: unknown, field = "expires_at"): Date {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw invalid(field, String(value), "invalid date");
    return new Date(value.getTime());
  }
  if (typeof value !== "string" || !ABSOLUTE.test(value.trim()))
    throw invalid(field, value, "expected an RFC 3339 date-time with offset (2026-05-01T18:00:00Z) or a date");
  const text = value.trim();
  const [y, m, d] = text.slice(0, 10).split("-").map(Number) as [number, number, number];
  const day = new Date(Date.UTC(y, m - 1, d));
  const date = new Date(text.length === 10 ? `${text}T00:00:00.000Z` : text);
  if (Number.isNaN(date.getTime()) || day.getUTCMonth() !== m - 1 || day.getUTCDate() !== d)
    throw invalid(field, value, "not a real date");
  return date;
}

/** True when `value` is an absolute expiry {@link parseExpiresAt} accepts. */
export function isExpiresAt(value: unknown): boolean {
  try {
    parseExpiresAt(value);
    return true;
  } catch {
    return false;
  }
}

/** True when a memory with this `expiresAt` is expired at `at` (the instant itself counts as expired). */
export function isExpired(memory: { expiresAt?: Date | undefined }, at: Date): boolean {
  return memory.expiresAt !== undefined && memory.expiresAt.getTime() <= at.getTime();
}
