import { join } from "node:path";
import Database from "better-sqlite3";
import { semanticEmbedding, startFakeOpenAI } from "@cortex-mem/testkit";
import { queries, sentences } from "../corpus.js";
import { tempHome } from "../home.js";
import { fmt, table, verdict } from "../stats.js";
import { fillHome, runProbe } from "./scale.js";
import type { ProbeResult } from "./scale.js";

/** One size and dimension of the model-vectors suite. */
export interface ModelVectorsRow {
  memories: number;
  dimensions: number;
  result: ProbeResult;
  recallAt10: number;
}

/** Exact top-10 ids by cosine over every float vector of the store (the truth the index is measured against). */
function exactTop10(dbPath: string, queryVectors: Float32Array[]): string[][] {
  const db = new Database(dbPath, { readonly: true });
  const rows = db.prepare("SELECT m.id, v.vector FROM vectors v JOIN memories m ON m.rid = v.rid").all() as {
    id: string;
    vector: Buffer;
  }[];
  db.close();
  const vectors = rows.map((r) => new Float32Array(new Uint8Array(r.vector).buffer));
  return queryVectors.map((q) => {
    const top: { id: string; score: number }[] = [];
    for (const [i, v] of vectors.entries()) {
      let s = 0;
      for (let d = 0; d < v.length; d++) s += (v[d] as number) * (q[d] as number);
      if (top.length < 10 || s > (top[top.length - 1] as { score: number }).score) {
        top.push({ id: (rows[i] as { id: string }).id, score: s });
        top.sort((a, b) => b.score - a.score);
        if (top.length > 10) top.pop();
      }
    }
    return top.map((t) => t.id);
  });
}

/** The anonymous RSS and its known parts: V8's heap, the C allocator's main heap, the saved index's size. */
function anonymous(m: ProbeResult["memoryAfterVector"]): string {
  if (!m) return "-";
  return `${fmt(m.rssAnon, 0)} (${fmt(m.heapUsed, 0)} / ${fmt(m.mallocHeap, 0)} / ${fmt(m.annIndex, 0)})`;
}

/**
 * Model-size vectors: one user holding `memories` memories embedded at `dimensions` by the fake
 * OpenAI-compatible server with model-like vectors (testkit's `semanticEmbedding`: topic clusters
 * in a 64-d latent space projected up, plus noise). A probe process opens the store, warms it
 * (builds the HNSW index past `memory.ann_threshold`), times 200 store-level vector searches
 * (limit 10, query embedded beforehand) and reports its RSS (split into anonymous memory, file
 * pages, and within the anonymous part the JS heap, the C allocator's heap and the
 * HNSW index); recall@10 is measured against an exact scan of the float vectors in the
 * file. A second table marks each of the targets met or missed.
 */
export async function modelVectors(
  sizes: { memories: number; dimensions: number }[],
  queryCount = 200,
): Promise<ModelVectorsRow[]> {
  const rows: ModelVectorsRow[] = [];
  for (const { memories, dimensions } of sizes) {
    const fake = await startFakeOpenAI({ dimensions, embed: semanticEmbedding });
    const env = {
      CORTEX_MEM_EMBEDDING_PROVIDER: "openai",
      CORTEX_MEM_EMBEDDING_BASE_URL: fake.url,
      CORTEX_MEM_EMBEDDING_API_KEY: "bench",
      CORTEX_MEM_EMBEDDING_MODEL: "bench-embedding",
      CORTEX_MEM_EMBEDDING_DIMENSIONS: String(dimensions),
    };
    const { home, remove } = tempHome(`vectors-${dimensions}`);
    const corpus = sentences(memories, 131);
    await fillHome(home, corpus, () => "bench", env);
    const qs = queries(corpus, queryCount, 17);
    const result = await runProbe(
      home,
      { vectorQueries: qs.map((query) => ({ userId: "bench", query, limit: 10 })) },
      env,
    );
    const truth = exactTop10(
      join(home, "memories.db"),
      qs.map((q) => Float32Array.from(semanticEmbedding(q, dimensions))),
    );
    let found = 0;
    for (const [i, ids] of (result.ids ?? []).entries())
      found += ids.filter((id) => (truth[i] as string[]).includes(id)).length;
    await fake.close();
    remove();
    delete result.ids;
    rows.push({ memories, dimensions, result, recallAt10: found / (10 * qs.length) });
  }
  table(
    "Model-size vectors (one user, fake OpenAI-compatible server with model-like vectors, store-level vector search, limit 10)",
    [
      "memories",
      "dims",
      "p50 ms",
      "p95 ms",
      "p99 ms",
      "recall@10 vs exact",
      "first search (index build/load) s",
      "RSS MB",
      "anon MB (JS heap / malloc heap / HNSW index)",
      "file MB",
    ],
    rows.map((r) => [
      r.memories,
      r.dimensions,
      fmt(r.result.vectorSearch?.median ?? Number.NaN),
      fmt(r.result.vectorSearch?.p95 ?? Number.NaN),
      fmt(r.result.vectorSearch?.p99 ?? Number.NaN),
      fmt(r.recallAt10, 3),
      fmt((r.result.warmMs ?? Number.NaN) / 1000, 1),
      fmt(r.result.rssAfterVectorMb ?? Number.NaN, 0),
      anonymous(r.result.memoryAfterVector),
      fmt(r.result.memoryAfterVector?.rssFile ?? Number.NaN, 0),
    ]),
  );
  table(
    "Model-size vector targets (issue 14: p50 ≤ 5 ms, p99 ≤ 15 ms, recall@10 ≥ 0.95, RSS ≤ 400 MB)",
    ["memories", "dims", "p50", "p99", "recall@10", "RSS"],
    rows.map((r) => [
      r.memories,
      r.dimensions,
      verdict(r.result.vectorSearch?.median ?? Number.NaN, 5, "max"),
      verdict(r.result.vectorSearch?.p99 ?? Number.NaN, 15, "max"),
      verdict(r.recallAt10, 0.95, "min"),
      verdict(r.result.rssAfterVectorMb ?? Number.NaN, 400, "max"),
    ]),
  );
  return rows;
}
