import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { createProgress } from "../runtime/progress.js";

/** `cortex-mem reembed`: switches the store to the configured embedder and re-embeds what needs it. */
export async function run({ opts }: ActionInput<{ batchSize?: number }>): Promise<void> {
  const out = outputFor(opts);
  const progress = createProgress("reembed");
  const summary = await withMemory(
    opts,
    async (memory, config) => {
      const reembedded = await memory.reembed({
        batchSize: opts.batchSize ?? config.embedding.batchSize,
        onProgress: (done, total) => progress.update(done, total),
      });
      return { reembedded, embedder: memory.embedderId, dimensions: await memory.embedderDimensions() };
    },
    { reembed: true },
  );
  progress.finish(
    summary.reembedded
      ? `Re-embedded ${summary.reembedded} memories with ${summary.embedder} (${summary.dimensions} dimensions)`
      : `Every memory already has a ${summary.embedder} vector; nothing to do`,
  );
  if (out.json) await out.data(summary);
}
