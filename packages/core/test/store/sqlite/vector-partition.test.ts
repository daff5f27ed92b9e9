import { semanticEmbedding } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { dot } from "../../../src/embedder/embedder.js";
import { BINARY_OVERSAMPLE } from "../../../src/store/sqlite/ann-index.js";
import type { AnnIndex } from "../../../src/store/sqlite/ann-index.js";
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

function fill(n: number, extra: (rid: number) => Partial<VectorRowMeta> = () => ({}), dims = DIMS) {
  const partition = new VectorPartition(dims);
  const vectors = new Map<number, Float32Array>();
  for (let rid = 1; rid <= n; rid++) {
    vectors.set(rid, dims === DIMS ? vec(rid) : Float32Array.from(semanticEmbedding(`w${rid % 97} y${rid}`, dims)));
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

  it("at 1536-d, through a binary index, re-ranks BINARY_OVERSAMPLE × k hits with its int4 codes: recall@10 ≥ 0.95", () => {
    const { partition, vectors, source } = fill(2_000, undefined, 1536);
    const ann = partition.buildAnn() as AnnIndex;
    expect(ann.code).toBe("b1");
    // Int4 codes (half a byte a component) stay beside a binary index: they re-rank its shortlist.
    expect(partition.bytes).toBe(2_000 * 768);
    expect(partition.holdsCodes).toBe(false);
    const asked: number[] = [];
    const search = ann.search.bind(ann);
    ann.search = (query, k) => (asked.push(k), search(query, k));
    // The same index searched by a partition that holds no codes (loaded with a saved index).
    const loaded = new VectorPartition(1536);
    loaded.deferCodes();
    for (const rid of vectors.keys()) loaded.upsert(meta(rid), undefined);
    loaded.useAnn(ann);
    let reranked = 0;
    let whole = 0;
    let firstOnly = 0;
    for (let q = 0; q < 20; q++) {
      const query = Float32Array.from(semanticEmbedding(`w${q * 5} y${30_000 + q}`, 1536));
      const exact = exactTop(vectors, query, 10);
      const top: VectorHit[] = [];
      partition.search(query, { includeSuperseded: false }, 20, top, source);
      expect(top).toHaveLength(20);
      reranked += recall(rescored(top, vectors, query), exact);
      const shortlist: VectorHit[] = [];
      loaded.search(query, { includeSuperseded: false }, 20, shortlist, source);
      expect(shortlist).toHaveLength(20 * BINARY_OVERSAMPLE);
      whole += recall(rescored(shortlist, vectors, query), exact);
      firstOnly += recall(rescored(shortlist.slice(0, 20), vectors, query), exact);
    }
    expect(asked.every((k) => k === 20 * BINARY_OVERSAMPLE)).toBe(true);
    expect(reranked / 20).toBeGreaterThanOrEqual(0.95);
    expect(whole / 20).toBeGreaterThanOrEqual(0.95);
    // The first 20 by Hamming distance alone hold fewer of the exact top 10.
    expect(firstOnly).toBeLessThan(whole);
    expect(partition.annAgrees(ann, source)).toBe(true);
  });

  it("at 1536-d, built from the source without codes, codes what its binary index needs by row id", () => {
    const { vectors, source } = fill(1_500, undefined, 1536);
    const partition = new VectorPartition(1536);
    partition.deferCodes();
    for (const rid of vectors.keys()) partition.upsert(meta(rid), undefined);
    const read = (rids: number[], matrix: Float32Array) => {
      // Rows come back in another order than asked, and one has no vector: codes go by row id.
      const found = [...source(rids)].reverse().filter(([rid]) => rid !== 77);
      for (const [i, [, vector]] of found.entries()) matrix.set(vector, i * 1536);
      return found.map(([rid]) => rid);
    };
    partition.buildAnnFrom(read, 500);
    expect(partition.heldCodes()?.codes.byteLength).toBe(1_500 * 768);
    expect(partition.ann?.size).toBe(1_499);
    const query = vectors.get(400)!;
    const top: VectorHit[] = [];
    partition.search(query, { includeSuperseded: false }, 20, top, source);
    expect(top).toHaveLength(20);
    // Scores are the int4 codes' cosines: near, not equal to, the float cosine 1 of its own vector.
    expect(top[0]).toMatchObject({ rid: 400 });
    expect(top[0]!.score).toBeGreaterThan(0.97);
  });

  it("adopts saved codes by row id, re-encodes changed rows, reads the missing, and refuses a failed read", () => {
    const { partition, vectors, source } = fill(300, undefined, 1536);
    partition.buildAnn();
    const saved = partition.heldCodes()!;
    expect(saved.rids).toHaveLength(300);
    const loaded = new VectorPartition(1536);
    loaded.deferCodes();
    for (const rid of [...vectors.keys()].reverse()) loaded.upsert(meta(rid), undefined);
    loaded.useAnn(partition.ann!);
    expect(saved.rowBytes).toBe(768);
    const replay = (rowBytes: number, take: (rid: number, code: Int8Array) => void) => {
      expect(rowBytes).toBe(768);
      // Row 5 was not saved (added later); row 9's saved code is stale (changed since).
      for (const [i, rid] of saved.rids.entries())
        if (rid !== 5) take(rid, rid === 9 ? new Int8Array(768) : saved.codes.subarray(i * 768, (i + 1) * 768));
      return true;
    };
    const asked: number[][] = [];
    expect(loaded.adoptCodes(replay, new Map([[9, vectors.get(9)!]]), (rids) => (asked.push(rids), source(rids)))).toBe(
      true,
    );
    expect(asked).toEqual([[5]]);
    // Every row holds the code it was saved with (slots differ: the rows were loaded in reverse).
    const held = loaded.heldCodes()!;
    const codeOf = (c: { rids: number[]; codes: Int8Array }, rid: number) => {
      const i = c.rids.indexOf(rid);
      return Buffer.from(c.codes.buffer, c.codes.byteOffset + i * 768, 768).toString("hex");
    };
    const differing = saved.rids.filter((rid) => codeOf(held, rid) !== codeOf(saved, rid));
    // Rows 5 and 9 were coded from their float vectors (the saved ones from the int8 scan codes),
    // not left empty or stale.
    expect(differing.every((rid) => rid === 5 || rid === 9)).toBe(true);
    for (const rid of [5, 9]) expect(codeOf(held, rid)).not.toBe("00".repeat(768));
    for (const rid of [5, 9, 200]) {
      const top: VectorHit[] = [];
      loaded.search(vectors.get(rid)!, { includeSuperseded: false }, 20, top, source);
      expect(top).toHaveLength(20);
      expect(top[0]).toMatchObject({ rid });
      expect(top[0]!.score).toBeGreaterThan(0.97);
    }
    const refused = new VectorPartition(1536);
    refused.deferCodes();
    for (const rid of vectors.keys()) refused.upsert(meta(rid), undefined);
    refused.useAnn(partition.ann!);
    expect(refused.adoptCodes(() => false, new Map(), source)).toBe(false);
    expect(refused.heldCodes()).toBeUndefined();
  });

  it("agrees with an index that misses one sampled row in eight, not with one that misses more", () => {
    const { partition, vectors, source } = fill(1_600);
    const ann = partition.buildAnn();
    // 16 rows are sampled, one every 100 slots; the index is made to hold another vector for some.
    const sampled = partition.rids().filter((_, slot) => slot % 100 === 0);
    expect(sampled).toHaveLength(16);
    const stray = (rid: number) => ann.upsert(rid, vec(900_000 + rid));
    stray(sampled[3]!);
    stray(sampled[9]!);
    expect(partition.annAgrees(ann, source)).toBe(true);
    stray(sampled[12]!);
    expect(partition.annAgrees(ann, source)).toBe(false);
    // An index of other vectors altogether.
    const other = fill(1_600, undefined).partition;
    const foreign = new VectorPartition(DIMS);
    for (const rid of vectors.keys()) foreign.upsert(meta(rid), vec(500_000 + rid));
    expect(other.annAgrees(foreign.buildAnn(), source)).toBe(false);
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
