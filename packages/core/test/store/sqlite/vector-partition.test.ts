import { semanticEmbedding } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { dot } from "../../../src/embedder/embedder.js";
import { VectorPartition } from "../../../src/store/sqlite/vector-partition.js";
import type { VectorHit, VectorRowMeta } from "../../../src/store/sqlite/vector-partition.js";

const DIMS = 256;
const vec = (i: number): Float32Array =>
  Float32Array.from(semanticEmbedding(`w${i % 97} x${i % 13} y${i} z${(i * 7) % 31}`, DIMS));
const meta = (rid: number, extra: Partial<VectorRowMeta> = {}): VectorRowMeta => ({
  rid,
  id: `m${rid}`,
  importance: 0.5,
  observedAt: rid,
  agentId: null,
  runId: null,
  superseded: false,
  ...extra,
});

function fill(n: number, extra: (rid: number) => Partial<VectorRowMeta> = () => ({})) {
  const partition = new VectorPartition(DIMS);
  const vectors = new Map<number, Float32Array>();
  for (let rid = 1; rid <= n; rid++) {
    vectors.set(rid, vec(rid));
    partition.upsert(meta(rid, extra(rid)), vectors.get(rid) as Float32Array);
  }
  const source = (rids: number[]) =>
    new Map(rids.filter((r) => vectors.has(r)).map((r) => [r, vectors.get(r) as Float32Array]));
  return { partition, vectors, source };
}

function exactTop(
  vectors: Map<number, Float32Array>,
  query: Float32Array,
  k: number,
  keep: (rid: number) => boolean = () => true,
): number[] {
  return [...vectors]
    .filter(([rid]) => keep(rid))
    .map(([rid, v]) => ({ rid, score: dot(query, v) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((h) => h.rid);
}

const recall = (got: VectorHit[], want: number[]): number =>
  got.filter((h) => want.includes(h.rid)).length / want.length;
/** What the search cache does with a partition's shortlist: exact cosines from the float vectors, best 10. */
const rescored = (top: VectorHit[], vectors: Map<number, Float32Array>, query: Float32Array): VectorHit[] =>
  top
    .map((h) => ({ ...h, score: dot(query, vectors.get(h.rid)!) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, 10);

describe("VectorPartition", () => {
  it("holds one int8 row per memory, right-sized: a partition of one memory costs one row", () => {
    const { partition } = fill(1);
    expect(partition.bytes).toBe(DIMS);
    const grown = fill(5).partition;
    expect(grown.bytes).toBe(8 * DIMS);
  });

  it("finds the exact top 10 from its int8 scan's shortlist of 20, re-scored (recall 1 on 2,000 model-like vectors)", () => {
    const { partition, vectors, source } = fill(2_000);
    let total = 0;
    for (let q = 0; q < 20; q++) {
      const query = vec(10_000 + q);
      const top: VectorHit[] = [];
      partition.search(query, { includeSuperseded: false }, 20, top, source);
      total += recall(rescored(top, vectors, query), exactTop(vectors, query, 10));
    }
    expect(total).toBe(20);
  });

  it("through its HNSW index, re-scored, reaches recall@10 ≥ 0.95 against the exact scan, and holds no codes then", () => {
    const { partition, vectors, source } = fill(3_000);
    partition.buildAnn();
    expect(partition.bytes).toBe(0);
    let total = 0;
    for (let q = 0; q < 30; q++) {
      const query = vec(20_000 + q);
      const top: VectorHit[] = [];
      partition.search(query, { includeSuperseded: false }, 20, top, source);
      total += recall(rescored(top, vectors, query), exactTop(vectors, query, 10));
    }
    expect(total / 30).toBeGreaterThanOrEqual(0.95);
    expect(partition.annAgrees(partition.ann!, source)).toBe(true);
  });

  it("loaded without codes, builds its index from the source in chunks: every row indexed, recall@10 ≥ 0.95", () => {
    const { vectors, source } = fill(3_000);
    const partition = new VectorPartition(DIMS);
    partition.deferCodes();
    for (const rid of vectors.keys()) partition.upsert(meta(rid), undefined);
    expect(partition.bytes).toBe(0);
    expect(partition.holdsCodes).toBe(false);
    const asked: number[] = [];
    const read = (rids: number[], matrix: Float32Array) => {
      asked.push(rids.length);
      const found = [...source(rids)];
      for (const [i, [, vector]] of found.entries()) matrix.set(vector, i * DIMS);
      return found.map(([rid]) => rid);
    };
    partition.buildAnnFrom(read, 1_000);
    expect(asked).toEqual([1_000, 1_000, 1_000]);
    expect(partition.ann?.size).toBe(3_000);
    let total = 0;
    for (let q = 0; q < 30; q++) {
      const query = vec(20_000 + q);
      const top: VectorHit[] = [];
      partition.search(query, { includeSuperseded: false }, 20, top, source);
      total += recall(rescored(top, vectors, query), exactTop(vectors, query, 10));
    }
    expect(total / 30).toBeGreaterThanOrEqual(0.95);
    expect(partition.annAgrees(partition.ann!, source)).toBe(true);
  });

  it("without codes and before its index exists, searches the source's float vectors exactly", () => {
    const { vectors, source } = fill(300);
    const partition = new VectorPartition(DIMS);
    partition.deferCodes();
    for (const rid of vectors.keys()) partition.upsert(meta(rid), undefined);
    const query = vec(999);
    const top: VectorHit[] = [];
    partition.search(query, { includeSuperseded: false }, 10, top, source);
    expect(top.map((h) => h.rid)).toEqual(exactTop(vectors, query, 10));
  });

  it("falls back to exact float vectors from the source when filters leave the index's candidates too few", () => {
    const { partition, vectors, source } = fill(1_500, (rid) => ({ agentId: rid % 300 === 0 ? "rare" : null }));
    partition.buildAnn();
    const query = vec(7);
    const top: VectorHit[] = [];
    partition.search(query, { includeSuperseded: false, agentId: "rare" }, 5, top, source);
    expect(top.map((h) => h.rid)).toEqual(exactTop(vectors, query, 5, (rid) => rid % 300 === 0));
    expect(top[0]?.score).toBeCloseTo(dot(query, vectors.get(top[0]!.rid)!), 6);
  });

  it("removes rows from the codes and from the index", () => {
    const small = fill(10);
    small.partition.remove(3);
    const top: VectorHit[] = [];
    small.partition.search(vec(3), { includeSuperseded: true }, 10, top, small.source);
    expect(top.map((h) => h.rid)).not.toContain(3);
    expect(top).toHaveLength(9);
    const big = fill(500);
    big.partition.buildAnn();
    big.partition.remove(42);
    const hits: VectorHit[] = [];
    big.partition.search(vec(42), { includeSuperseded: true }, 5, hits, big.source);
    expect(hits.map((h) => h.rid)).not.toContain(42);
    expect(big.partition.size).toBe(499);
  });
});
