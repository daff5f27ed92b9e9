import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import type { UsageQuery, UsageReport } from "./usage-types.js";

const day = lazySchema(() =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a day YYYY-MM-DD (UTC)")
    .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)), "not a calendar day")
    .describe("UTC day, YYYY-MM-DD (inclusive)"),
);

/** The query of `GET /usage` (and `stats --usage` flags): days inclusive and scope parts. */
export const wireUsageQuerySchema = lazySchema(() =>
  z
    .strictObject({
      from: day.optional(),
      to: day.optional(),
      user_id: z.string().min(1).optional(),
      agent_id: z.string().min(1).optional(),
    })
    .refine((q) => !q.from || !q.to || q.from <= q.to, { message: "from must not be after to", path: ["from"] }),
);

/** The wire query as a {@link UsageQuery}. */
export function usageQueryFromWire(q: z.output<typeof wireUsageQuerySchema>): UsageQuery {
  return {
    ...(q.from ? { from: q.from } : {}),
    ...(q.to ? { to: q.to } : {}),
    ...(q.user_id ? { userId: q.user_id } : {}),
    ...(q.agent_id ? { agentId: q.agent_id } : {}),
  };
}

const cost = lazySchema(() =>
  z.number().nullable().describe("Estimated cost in `currency` from [[usage.prices]]; null without a price"),
);
const counters = {
  calls: z.number().int().describe("Provider requests"),
  tokens_in: z.number().int().describe("Prompt / input tokens, from the provider's usage"),
  tokens_out: z.number().int().describe("Completion tokens (0 for embeddings)"),
};

/** One row of a usage report on the wire. */
export const wireUsageRowSchema = lazySchema(() =>
  z.strictObject({
    day: z.string().describe("UTC day, YYYY-MM-DD"),
    operation: z.string().describe("extract, decide, optimizer, probe, embed-add, embed-search, embed-update…"),
    model: z.string(),
    user_id: z.string().nullable(),
    agent_id: z.string().nullable(),
    ...counters,
    estimated_calls: z.number().int().describe("Requests whose tokens were estimated (local models count 0)"),
    cost,
  }),
);

/** A usage report on the wire (the response of `GET /usage`, `stats --usage --json`). */
export const wireUsageReportSchema = lazySchema(() =>
  z.strictObject({
    from: z.string().nullable(),
    to: z.string().nullable(),
    user_id: z.string().nullable(),
    agent_id: z.string().nullable(),
    currency: z.string(),
    rows: z.array(wireUsageRowSchema),
    totals: z.strictObject({ ...counters, cost }),
    unpriced_models: z.array(z.string()).describe("Models used here without a price in [[usage.prices]]"),
  }),
);

/** The wire shape of a usage report. */
export type WireUsageReport = z.output<typeof wireUsageReportSchema>;

/** A {@link UsageReport} in the snake_case wire format. */
export function usageReportToWire(report: UsageReport): WireUsageReport {
  return {
    from: report.query.from ?? null,
    to: report.query.to ?? null,
    user_id: report.query.userId ?? null,
    agent_id: report.query.agentId ?? null,
    currency: report.currency,
    rows: report.rows.map((r) => ({
      day: r.day,
      operation: r.operation,
      model: r.model,
      user_id: r.userId,
      agent_id: r.agentId,
      calls: r.calls,
      tokens_in: r.tokensIn,
      tokens_out: r.tokensOut,
      estimated_calls: r.estimatedCalls,
      cost: r.cost,
    })),
    totals: {
      calls: report.totals.calls,
      tokens_in: report.totals.tokensIn,
      tokens_out: report.totals.tokensOut,
      cost: report.totals.cost,
    },
    unpriced_models: report.unpricedModels,
  };
}
