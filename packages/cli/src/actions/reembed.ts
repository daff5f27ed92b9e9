import type { MemoryManager } from "@cortex-mem/core";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import type { Progress } from "../runtime/progress.js";
import { createProgress } from "../runtime/progress.js";

/**
 * Re-embeds, batch by batch, every memory whose vector is missing or from another embedder.
 * Each batch is committed on its own, so an interrupted run resumes where it stopped.
 */
export async function reembedAll(memory: MemoryManager, batchSize: number, progress: Progress): Promise<number> {
  const total = await memory.store.count();
  let done = 0;
  for (;;) {
    const stale = await memory.store.staleVectors(memory.embedder.id, batchSize);
    if (stale.length === 0) return done;
    const vectors = await memory.embedder.embed(stale.map((m) => m.content));
    await memory.store.setVectors(stale.map((m, i) => ({ id: m.id, vector: vectors[i] as Float32Array })), memory.embedder.id);
    done += stale.length;
    progress.update(done, Math.max(total, done));
  }
}

/** `cortex-mem reembed`: switches the store to the configured embedder and re-embeds what needs it. */
export async function run({ opts }: ActionInput<{ batchSize?: number }>): Promise<void> {
  const out = outputFor(opts);
  const progress = createProgress("reembed");
  const summary = await withMemory(
    opts,
    async (memory, config) => {
      const reembedded = await reembedAll(memory, opts.batchSize ?? config.embedding.batchSize, progress);
      return { reembedded, embedder: memory.embedder.id, dimensions: await memory.embedder.dimensions() };
    },
    { reembed: true },
  );
  progress.finish(summary.reembedded ? `Re-embedded ${summary.reembedded} memories with ${summary.embedder} (${summary.dimensions} dimensions)` : `Every memory already has a ${summary.embedder} vector; nothing to do`);
  if (out.json) await out.data(summary);
}
