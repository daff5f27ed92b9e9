import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { historyToWire } from "../wire/memory-wire.js";
import type { WireHistoryEntry } from "../wire/memory-wire.js";
import { wireHistoryEntrySchema } from "../wire/wire-output-schemas.js";
import { scopeFromWire } from "../wire/wire-requests.js";
import { parseOrThrow } from "../util/zod-error.js";
import type { Scope } from "../types/memory.js";
import type { ActivityRow, InsightsOptions, MemoryInsights } from "./insights-types.js";

const count = lazySchema(() => z.number().int().min(0));
const activity = lazySchema(() =>
  z.strictObject({ id: z.string(), memories: count, last_activity: z.string().nullable() }),
);

/** {@link MemoryInsights} on the wire (snake_case, ISO dates), as {@link insightsToWire} emits it. */
export const wireInsightsSchema = lazySchema(() =>
  z.strictObject({
    scope: z
      .strictObject({ user_id: z.string().optional(), agent_id: z.string().optional(), run_id: z.string().optional() })
      .describe("The scope the aggregates cover, after the API key's binding (a bound key's user_id is filled in)"),
    total: count,
    superseded: count,
    history_entries: count,
    by_type: z.record(z.string(), count),
    users: z.array(activity).describe("Users, most memories first, with the time of their latest history row"),
    users_total: count,
    agents: z.array(activity),
    agents_total: count,
    growth: z
      .array(z.strictObject({ day: z.string(), created: count }))
      .describe("Memories created per UTC day of the window, oldest first"),
    created_before: count.describe("Memories created before the window"),
    importance: z
      .array(z.strictObject({ from: z.number(), to: z.number(), count }))
      .describe("Ten buckets of importance"),
    store_size_bytes: z.number().int().nullable(),
    recent: z.array(z.strictObject(wireHistoryEntrySchema.shape)).describe("Latest history rows, newest first"),
  }),
);

/** Insights on the wire. */
export type WireInsights = Omit<z.output<typeof wireInsightsSchema>, "recent"> & { recent: WireHistoryEntry[] };

const activityToWire = (a: ActivityRow): z.output<typeof activity> => ({
  id: a.id,
  memories: a.memories,
  last_activity: a.lastActivity ? a.lastActivity.toISOString() : null,
});

/** Library insights of `scope` → wire. */
export function insightsToWire(i: MemoryInsights, scope: Scope = {}): WireInsights {
  return {
    scope: {
      ...(scope.userId !== undefined ? { user_id: scope.userId } : {}),
      ...(scope.agentId !== undefined ? { agent_id: scope.agentId } : {}),
      ...(scope.runId !== undefined ? { run_id: scope.runId } : {}),
    },
    total: i.total,
    superseded: i.superseded,
    history_entries: i.historyEntries,
    by_type: { ...i.byType },
    users: i.users.map(activityToWire),
    users_total: i.usersTotal,
    agents: i.agents.map(activityToWire),
    agents_total: i.agentsTotal,
    growth: i.growth.map((g) => ({ ...g })),
    created_before: i.createdBefore,
    importance: i.importance.map((b) => ({ ...b })),
    store_size_bytes: i.storeSizeBytes,
    recent: i.recent.map(historyToWire),
  };
}

const idPart = lazySchema(() => z.string().trim().min(1).max(256));
const intParam = (min: number, max: number) =>
  z
    .string()
    .regex(/^\d{1,4}$/, "expected a whole number")
    .transform(Number)
    .pipe(z.number().int().min(min).max(max));

/** Query of `GET /insights`: the scope (all optional: none means everything) and the window. */
export const wireInsightsQuerySchema = lazySchema(() =>
  z.strictObject({
    user_id: idPart.optional().describe("Only this user's memories"),
    agent_id: idPart.optional().describe("Only this agent's memories"),
    run_id: idPart.optional().describe("Only this run's memories"),
    days: intParam(1, 366).optional().describe("Days of growth ending today (UTC), default 30"),
    recent: intParam(0, 200).optional().describe("Latest history rows, default 20"),
    owners: intParam(1, 1000).optional().describe("Users and agents listed, most memories first, default 100"),
  }),
);

/** Reads an insights query: unknown parameters and out-of-range numbers are `VALIDATION` errors. */
export function insightsRequestFromWire(query: unknown): { scope: Scope; options: InsightsOptions } {
  const q = parseOrThrow(wireInsightsQuerySchema, query ?? {}, "insights query");
  const options: InsightsOptions = {};
  if (q.days !== undefined) options.days = q.days;
  if (q.recent !== undefined) options.recent = q.recent;
  if (q.owners !== undefined) options.owners = q.owners;
  return { scope: scopeFromWire(q), options };
}
