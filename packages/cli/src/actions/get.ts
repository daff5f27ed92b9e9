import { memoryToWire } from "@cortex-mem/core/wire";
import { formatMemory } from "../format/memory-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { ScopeFlags } from "./scope-flags.js";
import { guardOf } from "./scope-flags.js";

/** `cortex-mem get <id>`: one memory with every field. */
export async function run({ args, opts }: ActionInput<ScopeFlags & { includeExpired?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  const guard = { ...guardOf(opts), ...(opts.includeExpired ? { includeExpired: true } : {}) };
  const memory = await withMemory(opts, (m) => m.get(args[0] as string, guard));
  await out.result(memoryToWire(memory), () => formatMemory(memory, out.c));
}
