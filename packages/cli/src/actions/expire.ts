import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { ScopeFlags } from "./scope-flags.js";
import { scopeOfFlags, wireScope } from "./scope-flags.js";

/** `cortex-mem expire [-u …] [--dry-run]`: removes the expired memories (of a scope, else all) and says how many. */
export async function run({ opts }: ActionInput<ScopeFlags & { dryRun?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  const scope = scopeOfFlags(opts);
  const label = Object.entries(wireScope(opts))
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const result = await withMemory(opts, (m) => m.expire({ ...scope, ...(opts.dryRun ? { dryRun: true } : {}) }));
  const noun = result.expired === 1 ? "memory" : "memories";
  const where = label ? ` of ${label}` : "";
  await out.result({ expired: result.expired, dry_run: result.dryRun, ids: result.ids }, () => [
    result.dryRun
      ? `${result.expired} expired ${noun}${where} would be deleted (dry run)`
      : `Deleted ${result.expired} expired ${noun}${where}`,
    ...result.ids.map((id) => out.c.dim(`  ${id}`)),
  ]);
}
