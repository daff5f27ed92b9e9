import { storeLocation } from "@cortex-mem/core/store";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { confirm } from "../runtime/prompt.js";

/** `cortex-mem reset`: asks (unless `--yes`), then erases every memory and all history. */
export async function run({ opts }: ActionInput<{ yes?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  const where = await withMemory(opts, async (m, config) => {
    const { total } = await m.stats();
    const where = storeLocation(config);
    await confirm(`Erase ALL ${total} memories and all history in ${where}? This cannot be undone.`, opts);
    await m.reset();
    return where;
  });
  await out.result({ reset: true, store: where }, () => [`Erased every memory in ${where}`]);
}
