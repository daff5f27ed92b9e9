// Stores memories exactly as given, through the store's import (no add-time dedup or inference), so
// a browser test can set up near-copies, many pages, types, importance and supersession directly.
import { randomUUID } from "node:crypto";
import { contentHash } from "@cortex-mem/core/store";
import type { Memory, MemoryManager } from "@cortex-mem/core";

/** One memory to store; unset fields get plain defaults (factual, importance 0.6, a day old). */
export interface SeedItem {
  content: string;
  userId: string;
  id?: string;
  memoryType?: Memory["memoryType"];
  importance?: number;
  supersededBy?: string;
}

/** Stores `items` (embedded with the manager's embedder) and returns their ids in order. */
export async function seedMemories(memory: MemoryManager, items: SeedItem[]): Promise<string[]> {
  const vectors = await memory.embedder.embed(items.map((i) => i.content));
  const at = new Date(Date.now() - 86_400_000);
  const records = items.map((item, i) => {
    const m: Memory = {
      ...{ id: item.id ?? randomUUID(), content: item.content, userId: item.userId },
      ...{ memoryType: item.memoryType ?? "factual", importance: item.importance ?? 0.6 },
      ...{ entities: [], topics: [], metadata: {}, hash: contentHash(item.content), source: [] },
      ...{ createdAt: at, updatedAt: at, observedAt: at },
      ...(item.supersededBy ? { supersededBy: item.supersededBy, validUntil: at } : {}),
    };
    return { memory: m, vector: vectors[i] as Float32Array, history: [] };
  });
  await memory.store.importRecords(records);
  return records.map((r) => r.memory.id);
}
