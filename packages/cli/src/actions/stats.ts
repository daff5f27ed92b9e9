import { statsToWire } from "@cortex-mem/core/wire";
import { formatStats } from "../format/memory-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { ScopeFlags } from "./scope-flags.js";
import { scopeOfFlags } from "./scope-flags.js";

/** `cortex-mem stats`: counts by type, user and agent, for a scope or the whole store. */
export async function run({ opts }: ActionInput<ScopeFlags>): Promise<void> {
  const out = outputFor(opts);
  const stats = await withMemory(opts, (m) => m.stats(scopeOfFlags(opts)));
  await out.result(statsToWire(stats), () => formatStats(stats, out.c));
}
