import { queries, sentences } from "../corpus.js";
import { filledMemory, tempHome } from "../home.js";
import { fmt, summarize, table, timeMs } from "../stats.js";
import type { Summary } from "../stats.js";

/** Search latency with usage accounting off, buffered (the default) and written on every call. */
export interface UsageOverheadRow {
  mode: string;
  search: Summary;
}

const MODES: [string, Record<string, unknown>][] = [
  ["usage off", { enabled: false }],
  ["usage on, flush_ms 1000 (default)", { flushMs: 1000 }],
  ["usage on, flush_ms 0 (upsert per call)", { flushMs: 0 }],
];

/**
 * What counting tokens costs a search: three stores of the same `size` memories (local embedder,
 * vector weight 0.5 so every search makes one metered embedding call), searched in turn with the
 * same queries, so the shared machine's noise falls on all three alike.
 */
export async function usageOverhead(size: number, queryCount: number): Promise<UsageOverheadRow[]> {
  const corpus = sentences(size, 21);
  const qs = queries(corpus, queryCount, 23);
  const opened = [];
  for (const [mode, usage] of MODES) {
    const { home, remove } = tempHome("usage");
    const memory = await filledMemory(home, corpus, "bench", {
      memory: { vectorWeight: 0.5, keywordWeight: 0.5 },
      usage,
    });
    for (const q of qs.slice(0, 20)) await memory.search(q, { userId: "bench", limit: 10 });
    opened.push({ mode, memory, remove, times: [] as number[] });
  }
  for (const [i, q] of qs.entries()) {
    for (let k = 0; k < opened.length; k++) {
      const o = opened[(i + k) % opened.length] as (typeof opened)[number];
      o.times.push(await timeMs(() => o.memory.search(q, { userId: "bench", limit: 10 })));
    }
  }
  const rows = opened.map((o) => ({ mode: o.mode, search: summarize(o.times) }));
  for (const o of opened) {
    await o.memory.close();
    o.remove();
  }
  table(
    `Usage accounting cost on search (library, ${size} memories, local embedder, vector weight 0.5) — ms`,
    ["mode", "p50", "p95", "p99", "n"],
    rows.map((r) => [r.mode, fmt(r.search.median, 3), fmt(r.search.p95, 3), fmt(r.search.p99, 3), r.search.n]),
  );
  return rows;
}
