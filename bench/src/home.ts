import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { contentHash, createMemory, defineConfig } from "@cortex-mem/core";
import type { MemoryManager } from "@cortex-mem/core";

/** A throwaway data directory. */
export function tempHome(label: string): { home: string; remove: () => void } {
  const home = mkdtempSync(join(tmpdir(), `cortex-bench-${label}-`));
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}

/** Export-format lines for `contents` in one scope (the bulk-import fast path). */
export function importLines(contents: string[], userId: string): string[] {
  const now = new Date().toISOString();
  const lines = [JSON.stringify({ type: "header", format: "cortex-mem-export", embedder: "bench" })];
  contents.forEach((content) => {
    lines.push(
      JSON.stringify({
        type: "memory",
        vector: null,
        history: [],
        memory: {
          id: crypto.randomUUID(),
          content,
          memory_type: "factual",
          user_id: userId,
          importance_score: 0.5,
          entities: [],
          topics: [],
          metadata: {},
          hash: contentHash(content),
          created_at: now,
          updated_at: now,
          observed_at: now,
          source: [],
        },
      }),
    );
  });
  return lines;
}

/** A manager over a fresh home filled with `contents` for one user (import, embedder re-embeds). */
export async function filledMemory(
  home: string,
  contents: string[],
  userId: string,
  config: Record<string, unknown> = {},
): Promise<MemoryManager> {
  const memory = await createMemory(defineConfig({ home, ...config }));
  for (let i = 0; i < contents.length; i += 10_000)
    await memory.import(importLines(contents.slice(i, i + 10_000), userId));
  return memory;
}
