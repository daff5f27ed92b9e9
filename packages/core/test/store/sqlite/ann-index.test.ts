import { join } from "node:path";
import { semanticEmbedding } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { dot } from "../../../src/embedder/embedder.js";
import {
  AnnIndex,
  BINARY_MIN_DIMENSIONS,
  BINARY_OVERSAMPLE,
  CONNECTIVITY,
  annCodeFor,
} from "../../../src/store/sqlite/ann-index.js";
import { tempHome } from "../../helpers.js";

const DIMS = 1536;
const words = ["river", "otter", "jade", "lemon", "harbour", "violin", "cedar", "falcon", "pepper", "quartz"];
const text = (i: number) =>
  Array.from({ length: 6 }, (_, j) => words[(i * (j + 3) + j * j) % words.length]).join(" ") + ` note ${i}`;

const vectors = Array.from({ length: 600 }, (_, i) => Float32Array.from(semanticEmbedding(text(i), DIMS)));
const exactTop = (query: Float32Array, k: number): number[] =>
  vectors
    .map((v, i) => ({ rid: i + 1, score: dot(query, v) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, k)
    .map((h) => h.rid);

/** The largest gap between an index's score of a hit and its float cosine, over 20 queries' top 10. */
function worstScoreGap(index: AnnIndex): number {
  let worst = 0;
  for (let q = 0; q < 20; q++) {
    const query = Float32Array.from(semanticEmbedding(`${text(q * 7)} extra words`, DIMS));
    for (const hit of index.search(query, 10))
      worst = Math.max(worst, Math.abs(hit.score - dot(query, vectors[hit.rid - 1] as Float32Array)));
  }
  return worst;
}

describe("AnnIndex's code", () => {
  it("is binary from BINARY_MIN_DIMENSIONS on, int8 below", () => {
    expect(BINARY_MIN_DIMENSIONS).toBe(1024);
    expect(annCodeFor(1024)).toBe("b1");
    expect(annCodeFor(1536)).toBe("b1");
    expect(annCodeFor(1023)).toBe("i8");
    expect(annCodeFor(384)).toBe("i8");
    expect(new AnnIndex(DIMS).code).toBe("b1");
    expect(new AnnIndex(768).code).toBe("i8");
  });
});

describe("AnnIndex with binary codes at model size (1536-d)", () => {
  const index = new AnnIndex(DIMS);
  index.addMany(
    vectors.map((_, i) => i + 1),
    Float32Array.from(vectors.flatMap((v) => [...v])),
  );

  it("asks for BINARY_OVERSAMPLE hits per row wanted, an int8 index for as many as wanted", () => {
    expect(index.shortlist(20)).toBe(20 * BINARY_OVERSAMPLE);
    expect(new AnnIndex(DIMS, undefined, undefined, "i8").shortlist(20)).toBe(20);
  });

  it("scores a hit cos(π × hamming / dims): a row's own vector 1, others near their float cosine", () => {
    const own = index.search(vectors[3] as Float32Array, 1)[0];
    expect(own).toEqual({ rid: 4, score: 1 });
    const worst = worstScoreGap(index);
    // One bit a component estimates the angle, not the cosine to 1e-3: within 0.1, far from exact.
    expect(worst).toBeGreaterThan(0.005);
    expect(worst).toBeLessThan(0.1);
  });

  it("holds the exact top 10 within its shortlist, where its own first 10 alone miss some", () => {
    let inShortlist = 0;
    let inFirstTen = 0;
    for (let q = 0; q < 20; q++) {
      const query = Float32Array.from(semanticEmbedding(`${text(q * 11)} more`, DIMS));
      const exact = exactTop(query, 10);
      const hits = index.search(query, index.shortlist(10)).map((h) => h.rid);
      inShortlist += exact.filter((rid) => hits.includes(rid)).length;
      inFirstTen += exact.filter((rid) => hits.slice(0, 10).includes(rid)).length;
    }
    expect(inShortlist / 200).toBeGreaterThanOrEqual(0.95);
    expect(inFirstTen).toBeLessThan(inShortlist);
  });

  it("saves and loads as a binary index", () => {
    const path = join(tempHome(), "binary.usearch");
    index.save(path);
    const loaded = AnnIndex.load(path, DIMS);
    expect(loaded.code).toBe("b1");
    expect(() => AnnIndex.load(path, DIMS, "i8")).toThrow(/192-byte rows, not i8/);
    expect(loaded.size).toBe(600);
    expect(loaded.search(vectors[7] as Float32Array, 1)[0]).toEqual({ rid: 8, score: 1 });
  });
});

describe("AnnIndex with int8 codes at model size (1536-d)", () => {
  const index = new AnnIndex(DIMS, undefined, undefined, "i8");
  index.addMany(
    vectors.map((_, i) => i + 1),
    Float32Array.from(vectors.flatMap((v) => [...v])),
  );

  it("scores with its int8 codes within 0.005 of the float cosine", () => {
    // usearch's own float → int8 cast truncates x × 127 / |x|: at 1536-d that was off by up to 0.018
    // here, and found 0.89 of the exact top 10 where these codes find at least 0.95.
    const worst = worstScoreGap(index);
    expect(worst).toBeLessThan(0.005);
  });

  it("finds the exact top 10 of clustered model-like vectors", () => {
    let found = 0;
    for (let q = 0; q < 20; q++) {
      const query = Float32Array.from(semanticEmbedding(`${text(q * 11)} more`, DIMS));
      const exact = exactTop(query, 10);
      const approx = index.search(query, 10).map((h) => h.rid);
      found += exact.filter((rid) => approx.includes(rid)).length;
    }
    expect(found / 200).toBeGreaterThanOrEqual(0.95);
  });

  it("replaces a row on upsert and forgets it on remove", () => {
    const other = new AnnIndex(DIMS, undefined, undefined, "i8");
    other.addMany([1, 2], Float32Array.from([...(vectors[0] as Float32Array), ...(vectors[1] as Float32Array)]));
    other.upsert(1, vectors[5] as Float32Array);
    expect(other.size).toBe(2);
    expect(other.search(vectors[5] as Float32Array, 1)[0]).toMatchObject({ rid: 1 });
    other.remove(2);
    other.remove(99);
    expect(other.size).toBe(1);
    expect(other.search(vectors[1] as Float32Array, 5).map((h) => h.rid)).toEqual([1]);
  });

  it("loads a saved index of its own connectivity and refuses one built with another", () => {
    const dir = tempHome();
    const path = join(dir, "same.usearch");
    index.save(path);
    const loaded = AnnIndex.load(path, DIMS, "i8");
    expect(loaded.code).toBe("i8");
    expect(loaded.size).toBe(600);
    expect(loaded.search(vectors[7] as Float32Array, 1)[0]).toMatchObject({ rid: 8 });
    // An index of int8 codes is never taken for a binary one (usearch would load it as what it is).
    expect(() => AnnIndex.load(path, DIMS, "b1")).toThrow(/1536-byte rows, not b1/);

    const other = new AnnIndex(DIMS, undefined, CONNECTIVITY === 32 ? 24 : 32, "i8");
    other.addMany([1, 2], Float32Array.from([...(vectors[0] as Float32Array), ...(vectors[1] as Float32Array)]));
    other.save(join(dir, "other.usearch"));
    // usearch takes the file's connectivity, so without the check this index would load and be searched.
    expect(() => AnnIndex.load(join(dir, "other.usearch"), DIMS, "i8")).toThrow(/connectivity/);
  });
});
