import { memoryToWire, updateRequestFromWire } from "@cortex-mem/core/wire";
import { formatMemory } from "../format/memory-format.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { ScopeFlags } from "./scope-flags.js";
import { guardOf, wireExpiry } from "./scope-flags.js";
import type { ExpiryFlags } from "./scope-flags.js";

type UpdateFlags = ScopeFlags & {
  memoryType?: string;
  importance?: number;
  topics?: string[];
  metadata?: Record<string, unknown>;
} & ExpiryFlags;

/** `cortex-mem update <id> [content]`: changes a memory and prints it as it is now. */
export async function run({ args, opts }: ActionInput<UpdateFlags>): Promise<void> {
  const out = outputFor(opts);
  const change = updateRequestFromWire(
    Object.fromEntries(
      Object.entries({
        content: args[1],
        memory_type: opts.memoryType,
        importance_score: opts.importance,
        topics: opts.topics,
        metadata: opts.metadata,
        ...wireExpiry(opts),
      }).filter(([, v]) => v !== undefined),
    ),
  );
  const memory = await withMemory(opts, (m) => m.update(args[0] as string, change, guardOf(opts)));
  await out.result(memoryToWire(memory), () => [out.c.green("Updated"), ...formatMemory(memory, out.c)]);
}
