/**
 * Export lines (the `import` format) of `n` factual memories of user "big" whose content is
 * `text(i)`, without vectors: what the large-partition tests import to fill a store quickly.
 */
export function bigUserExportLines(n: number, text: (i: number) => string): string[] {
  const now = new Date().toISOString();
  const lines = [JSON.stringify({ type: "header", format: "cortex-mem-export", embedder: "none" })];
  for (let i = 0; i < n; i++)
    lines.push(
      JSON.stringify({
        type: "memory",
        vector: null,
        history: [],
        memory: {
          id: crypto.randomUUID(),
          content: text(i),
          memory_type: "factual",
          user_id: "big",
          importance_score: 0.5,
          entities: [],
          topics: [],
          metadata: {},
          created_at: now,
          updated_at: now,
          observed_at: now,
          source: [],
        },
      }),
    );
  return lines;
}
