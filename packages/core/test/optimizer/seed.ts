import { randomUUID } from "node:crypto";
import { contentHash } from "../../src/util/text.js";
import type { Memory } from "../../src/types/memory.js";
import type { MemoryManager } from "../../src/engine/memory-manager.js";

const DAY = 86_400_000;

/** One memory to seed: content, age in days, and any field to set. */
export type SeedSpec = { content: string; ageDays?: number } & Partial<Memory>;

/** Writes memories with chosen ages and fields straight into the store (with real vectors). */
export async function seedMemories(
  memory: MemoryManager,
  userId: string,
  specs: SeedSpec[],
  now = new Date(),
): Promise<Memory[]> {
  const vectors = await memory.embedder.embed(specs.map((s) => s.content));
  const memories = specs.map(({ ageDays = 1, ...s }): Memory => {
    const at = new Date(now.getTime() - ageDays * DAY);
    return {
      id: randomUUID(),
      memoryType: "factual",
      userId,
      importance: 0.6,
      entities: ["Alice"],
      topics: ["life"],
      metadata: {},
      hash: contentHash(s.content),
      createdAt: at,
      updatedAt: at,
      observedAt: at,
      source: [],
      ...s,
    };
  });
  await memory.store.importRecords(
    memories.map((m, i) => ({ memory: m, vector: vectors[i] as Float32Array, history: [] })),
  );
  return memories;
}
