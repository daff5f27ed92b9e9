import { queries, sentences } from "../corpus.js";
import { filledMemory, tempHome } from "../home.js";
import { fmt, summarize, table, timeMs } from "../stats.js";

/** One size's search latency: whole search, and each retriever alone. */
export interface SearchLatencyRow {
  memories: number;
  search: ReturnType<typeof summarize>;
  vectorOnly: ReturnType<typeof summarize>;
  keywordOnly: ReturnType<typeof summarize>;
  fillSeconds: number;
}

/**
 * Search latency through the library: one user holding N memories, local embedder, limit 10.
 * Warm-up first (loads the vector cache and, past the ANN threshold, builds the HNSW index).
 */
export async function searchLatency(sizes: number[], queryCount: number): Promise<SearchLatencyRow[]> {
  const rows: SearchLatencyRow[] = [];
  for (const size of sizes) {
    const { home, remove } = tempHome(`search-${size}`);
    const corpus = sentences(size, 7);
    const started = performance.now();
    const memory = await filledMemory(home, corpus, "bench");
    const qs = queries(corpus, queryCount, 11);
    for (const q of qs.slice(0, 20)) await memory.search(q, { userId: "bench", limit: 10 });
    const fillSeconds = (performance.now() - started) / 1000;
    const search: number[] = [];
    for (const q of qs) search.push(await timeMs(() => memory.search(q, { userId: "bench", limit: 10 })));
    const scope = { scope: { userId: "bench" }, filters: {} };
    const vectors = await memory.embedder.embed(qs);
    const vectorOnly: number[] = [];
    const keywordOnly: number[] = [];
    for (const [i, q] of qs.entries()) {
      vectorOnly.push(await timeMs(() => memory.store.vectorSearch(vectors[i] as Float32Array, scope, 40)));
      keywordOnly.push(await timeMs(() => memory.store.keywordSearch(q, scope, 40)));
    }
    await memory.close();
    remove();
    rows.push({
      memories: size,
      search: summarize(search),
      vectorOnly: summarize(vectorOnly),
      keywordOnly: summarize(keywordOnly),
      fillSeconds,
    });
  }
  table(
    "Search latency (library, one scope, local embedder, limit 10) — ms",
    ["memories", "p50", "p95", "p99", "vector p50", "keyword p50", "fill+warm s"],
    rows.map((r) => [
      r.memories,
      fmt(r.search.median),
      fmt(r.search.p95),
      fmt(r.search.p99),
      fmt(r.vectorOnly.median),
      fmt(r.keywordOnly.median),
      fmt(r.fillSeconds, 1),
    ]),
  );
  return rows;
}
