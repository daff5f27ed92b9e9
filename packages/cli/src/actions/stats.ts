import { parseOrThrow } from "@cortex-mem/core";
import { statsToWire, usageQueryFromWire, usageReportToWire, wireUsageQuerySchema } from "@cortex-mem/core/wire";
import { formatStats } from "../format/memory-format.js";
import { formatUsage } from "../format/usage-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { ScopeFlags } from "./scope-flags.js";
import { scopeOfFlags } from "./scope-flags.js";

type StatsFlags = ScopeFlags & { usage?: boolean; from?: string; to?: string };

/**
 * `cortex-mem stats`: counts by type, user and agent, for a scope or the whole store; with
 * `--usage`, the tokens of LLM and embedding calls per day, operation and model, with cost.
 */
export async function run({ opts }: ActionInput<StatsFlags>): Promise<void> {
  const out = outputFor(opts);
  if (opts.usage || opts.from || opts.to) return usage(opts, out);
  const stats = await withMemory(opts, (m) => m.stats(scopeOfFlags(opts)));
  await out.result(statsToWire(stats), () => formatStats(stats, out.c));
}

async function usage(opts: ActionInput<StatsFlags>["opts"], out: ReturnType<typeof outputFor>): Promise<void> {
  const wire = {
    ...(opts.from ? { from: opts.from } : {}),
    ...(opts.to ? { to: opts.to } : {}),
    ...(opts.userId ? { user_id: opts.userId } : {}),
    ...(opts.agentId ? { agent_id: opts.agentId } : {}),
    // Usage is counted per user and agent: a run is refused by the strict query, not ignored.
    ...(opts.runId ? { run_id: opts.runId } : {}),
  };
  const query = usageQueryFromWire(parseOrThrow(wireUsageQuerySchema, wire, "usage query"));
  const report = await withMemory(opts, (m, config) => m.usage(query, config.usage));
  await out.result(usageReportToWire(report), () => formatUsage(report, out.c));
}
