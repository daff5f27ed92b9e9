import { semanticEmbedding } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { dot } from "../../../src/embedder/embedder.js";
import { RerankCodes } from "../../../src/store/sqlite/rerank-codes.js";

const vec = (i: number, dims: number) => Float32Array.from(semanticEmbedding(`w${i % 13} y${i} z${i % 5}`, dims));

describe("RerankCodes", () => {
  for (const dims of [64, 1536, 21, 1030]) {
    it(`at ${dims}-d (${dims % 8 === 0 ? "word" : "byte"} unpacking) ranks a shortlist as the float cosines do, within int4 noise`, () => {
      const codes = new RerankCodes(dims);
      expect(codes.rowBytes).toBe(Math.ceil(dims / 2));
      const rows = Array.from({ length: 60 }, (_, i) => vec(i, dims));
      for (const [slot, v] of rows.entries()) codes.set(slot, v);
      expect(codes.bytes).toBeGreaterThanOrEqual(60 * codes.rowBytes);
      const query = vec(1_000, dims);
      const hits = rows.map((_, i) => ({ rid: 500 + i, score: 0 }));
      // Slot -1: a hit whose row is not held is left out.
      const slots = hits.map((_, i) => (i === 7 ? -1 : i));
      const ranked = codes.rerank(query, hits, slots);
      expect(ranked).toHaveLength(59);
      expect(ranked.map((h) => h.rid)).not.toContain(507);
      for (const h of ranked) expect(Math.abs(h.score - dot(query, rows[h.rid - 500]!))).toBeLessThan(0.08);
      const exactBest = rows
        .map((v, i) => ({ rid: 500 + i, score: dot(query, v) }))
        .filter((h) => h.rid !== 507)
        .sort((a, b) => b.score - a.score)[0]!;
      expect(ranked.slice(0, 3).map((h) => h.rid)).toContain(exactBest.rid);
      for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1]!.score).toBeGreaterThanOrEqual(ranked[i]!.score);
    });
  }

  it("moves a row's code into another slot and takes codes read from a file", () => {
    const dims = 64;
    const codes = new RerankCodes(dims, 2);
    codes.set(0, vec(1, dims));
    codes.set(5, vec(2, dims));
    const five = Int8Array.from(codes.rows(6).subarray(5 * 32, 6 * 32));
    codes.move(5, 0);
    expect([...codes.rows(1)]).toEqual([...five]);
    const other = new RerankCodes(dims);
    other.put(3, five);
    expect([...other.rows(4).subarray(3 * 32)]).toEqual([...five]);
    const query = vec(2, dims);
    const [best] = other.rerank(query, [{ rid: 9, score: 0 }], [3]);
    expect(best!.rid).toBe(9);
    expect(best!.score).toBeGreaterThan(0.97);
  });
});
