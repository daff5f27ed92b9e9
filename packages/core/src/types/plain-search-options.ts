import type * as z from "zod";
import { LIMITS } from "./limits.js";
import type { searchOptionsSchema } from "./options.js";

type ParsedSearchOptions = z.output<typeof searchOptionsSchema>;

const SCOPE_KEYS = new Set(["userId", "agentId", "runId"]);

/** True for an object with no own or inherited enumerable key and a plain prototype (`{}`). */
const isEmptyObject = (v: unknown): boolean => {
  if (typeof v !== "object" || v === null) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  for (const _ in v) return false;
  return true;
};

/**
 * The commonest search options — the scope, `filters: {}` or none, an integer `limit`, a finite
 * `threshold` and an abort signal, each valid — checked by hand, giving what `searchOptionsSchema`
 * gives for them (the REST hot route paid ~2 % of a request for zod's pass over options the door
 * had just built); undefined for anything else, which the schema then parses, refuses or accepts
 * as always. Tests compare both on generated options.
 */
export function plainSearchOptions(options: unknown): ParsedSearchOptions | undefined {
  if (typeof options !== "object" || options === null) return undefined;
  const proto = Object.getPrototypeOf(options) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  const bag = options as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(bag)) {
    const v = bag[key];
    if (SCOPE_KEYS.has(key)) {
      if (typeof v !== "string") return undefined;
      const t = v.trim();
      if (t.length < 1 || t.length > 256) return undefined;
      out[key] = t;
    } else if (key === "filters") {
      if (!isEmptyObject(v)) return undefined;
      out[key] = {};
    } else if (key === "limit") {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > LIMITS.pageSize) return undefined;
      out[key] = v;
    } else if (key === "threshold") {
      if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return undefined;
      out[key] = v;
    } else if (key === "signal") {
      if (!(v instanceof AbortSignal)) return undefined;
      out[key] = v;
    } else return undefined;
  }
  return out as ParsedSearchOptions;
}

/** A search query string as `addInputSchema`'s string branch gives it (trimmed, not empty); undefined otherwise. */
export function plainSearchText(query: unknown): string | undefined {
  if (typeof query !== "string") return undefined;
  const t = query.trim();
  return t.length > 0 ? t : undefined;
}
