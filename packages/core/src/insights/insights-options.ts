import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { parseOrThrow } from "../util/zod-error.js";
import { IMPORTANCE_BUCKETS } from "./insights-types.js";
import type { GrowthDay, ImportanceBucket, InsightsOptions, ResolvedInsightsOptions } from "./insights-types.js";

const DAY_MS = 86_400_000;

/** Limits of {@link InsightsOptions}: integers, within bounds. */
export const insightsOptionsSchema = lazySchema(() =>
  z.strictObject({
    days: z.number().int().min(1).max(366).optional(),
    recent: z.number().int().min(0).max(200).optional(),
    owners: z.number().int().min(1).max(1000).optional(),
    now: z.date().optional(),
  }),
);

/** Applies defaults (30 days, 20 recent rows, 100 owners); a value out of bounds is a `VALIDATION` error. */
export function resolveInsightsOptions(options: InsightsOptions = {}): ResolvedInsightsOptions {
  const o = parseOrThrow(insightsOptionsSchema, options, "insights options");
  const now = o.now ?? new Date();
  const days = o.days ?? 30;
  const today = Math.floor(now.getTime() / DAY_MS) * DAY_MS;
  return { days, recent: o.recent ?? 20, owners: o.owners ?? 100, now, since: new Date(today - (days - 1) * DAY_MS) };
}

/** The window's days, each with its count from `byDay` (keyed by UTC day number), zero when absent. */
export function growthDays(options: ResolvedInsightsOptions, byDay: Map<number, number>): GrowthDay[] {
  const first = options.since.getTime() / DAY_MS;
  return Array.from({ length: options.days }, (_, i) => ({
    day: new Date((first + i) * DAY_MS).toISOString().slice(0, 10),
    created: byDay.get(first + i) ?? 0,
  }));
}

/** UTC day number of an instant (epoch milliseconds). */
export const dayNumber = (ms: number): number => Math.floor(ms / DAY_MS);

/** Bucket index (0–9) of an importance in [0, 1]. */
export const importanceBucket = (importance: number): number =>
  Math.min(IMPORTANCE_BUCKETS - 1, Math.max(0, Math.floor(importance * IMPORTANCE_BUCKETS)));

/** The ten buckets with their counts (missing indexes count zero). */
export function importanceBuckets(counts: Map<number, number>): ImportanceBucket[] {
  return Array.from({ length: IMPORTANCE_BUCKETS }, (_, i) => ({
    from: i / IMPORTANCE_BUCKETS,
    to: (i + 1) / IMPORTANCE_BUCKETS,
    count: counts.get(i) ?? 0,
  }));
}
