import { createJobWorker } from "@cortex-mem/core/jobs";
import { undoOptimization } from "@cortex-mem/core/optimizer";
import { optimizationJobToWire } from "@cortex-mem/core/v1";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { confirm } from "../runtime/prompt.js";

/** `cortex-mem optimize-undo <job>`: queues the undo and runs it here. */
export async function run({ args, opts }: ActionInput<{ confirm?: boolean }>): Promise<void> {
  const out = outputFor(opts);
  await withMemory(opts, async (memory, config) => {
    await confirm(`Restore every memory optimization job ${String(args[0])} changed?`, { yes: opts.confirm === false });
    const job = await undoOptimization(memory, String(args[0]));
    const worker = createJobWorker(memory, { ...config.jobs, optimizer: config.optimizer });
    await worker.drain();
    await worker.stop();
    const done = await memory.job(job.id);
    await out.result(optimizationJobToWire(done), () => [`${done.status} ${done.id}: ${JSON.stringify(done.result)}`]);
  });
}
