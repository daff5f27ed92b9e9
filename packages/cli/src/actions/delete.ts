import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { confirm } from "../runtime/prompt.js";
import { truncate } from "../format/table.js";
import type { ScopeFlags } from "./scope-flags.js";
import { guardOf } from "./scope-flags.js";

/** `cortex-mem delete <id>`: asks (unless `--yes`), then deletes the memory for good. */
export async function run({ args, opts }: ActionInput<ScopeFlags & { yes?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  const guard = guardOf(opts);
  const id = await withMemory(opts, async (m) => {
    const memory = await m.get(args[0] as string, guard);
    await confirm(`Delete memory ${memory.id} ("${truncate(memory.content, 60)}")?`, opts);
    await m.delete(memory.id, guard);
    return memory.id;
  });
  await out.result({ id, deleted: true }, () => [`Deleted ${id}`]);
}
