import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { confirm } from "../runtime/prompt.js";
import type { ScopeFlags } from "./scope-flags.js";
import { requireScopeFlags, scopeOfFlags, wireScope } from "./scope-flags.js";

/** `cortex-mem delete-all -u …`: asks (unless `--yes`), then deletes every memory of the scope. */
export async function run({ opts }: ActionInput<ScopeFlags & { yes?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  requireScopeFlags(opts, "delete-all");
  const scope = scopeOfFlags(opts);
  const label = Object.entries(wireScope(opts))
    .map(([k, v]) => `${k}=${v}`)
    .join(" ");
  const result = await withMemory(opts, async (m) => {
    const { total } = await m.stats(scope);
    if (total === 0) return { deleted: 0 };
    await confirm(`Delete all ${total} memories of ${label}?`, opts);
    return m.deleteAll(scope);
  });
  await out.result(result, () => [
    `Deleted ${result.deleted} ${result.deleted === 1 ? "memory" : "memories"} of ${label}`,
  ]);
}
