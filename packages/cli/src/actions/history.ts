import { historyToWire } from "@cortex-mem/core/wire";
import { formatHistory } from "../format/memory-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { ScopeFlags } from "./scope-flags.js";
import { guardOf } from "./scope-flags.js";

/** `cortex-mem history <id>`: every change of a memory, oldest first. */
export async function run({ args, opts }: ActionInput<ScopeFlags>): Promise<void> {
  const out = outputFor(opts);
  const id = args[0] as string;
  const rows = await withMemory(opts, (m) => m.history(id, guardOf(opts)));
  await out.result({ memory_id: id, history: rows.map(historyToWire) }, () => formatHistory(rows, out.c));
}
