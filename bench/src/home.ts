import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createMemory, defineConfig } from "@cortex-mem/core";
import { contentHash } from "@cortex-mem/core/store";
import type { MemoryManager } from "@cortex-mem/core";

/** A throwaway data directory. */
export function tempHome(label: string): { home: string; remove: () => void } {
  const home = mkdtempSync(join(tmpdir(), `cortex-bench-${label}-`));
  return { home, remove: () => rmSync(home, { recursive: true, force: true }) };
}

/**
 * Export-format lines of `contents` (the bulk-import fast path), the i-th memory belonging to `userOf(i)`;
 * `shape(i)` overrides wire fields of the i-th memory (agent, type, importance, dates…).
 */
export function linesFor(
  contents: string[],
  userOf: (i: number) => string,
  shape: (i: number) => Record<string, unknown> = () => ({}),
): string[] {
  const now = new Date().toISOString();
  return [
    JSON.stringify({ type: "header", format: "cortex-mem-export", embedder: "bench" }),
    ...contents.map((content, i) =>
      JSON.stringify({
        type: "memory",
        vector: null,
        history: [],
        memory: {
          id: crypto.randomUUID(),
          content,
          memory_type: "factual",
          user_id: userOf(i),
          importance_score: 0.5,
          entities: [],
          topics: [],
          metadata: {},
          hash: contentHash(content),
          created_at: now,
          updated_at: now,
          observed_at: now,
          source: [],
          ...shape(i),
        },
      }),
    ),
  ];
}

/** Export-format lines for `contents` in one scope. */
export function importLines(contents: string[], userId: string): string[] {
  return linesFor(contents, () => userId);
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
