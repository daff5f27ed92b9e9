import { describe, expect, it } from "vitest";
import { hashEmbedding } from "../src/hash-embedding.js";
import { semanticEmbedding } from "../src/semantic-embedding.js";

const cos = (a: number[], b: number[]): number => a.reduce((s, x, i) => s + x * (b[i] as number), 0);

describe("semanticEmbedding", () => {
  it("is deterministic, unit length and of the asked dimension", () => {
    const a = semanticEmbedding("my dog likes the park", 1536);
    expect(a).toHaveLength(1536);
    expect(semanticEmbedding("my dog likes the park", 1536)).toEqual(a);
    expect(Math.abs(cos(a, a) - 1)).toBeLessThan(1e-5);
    expect(semanticEmbedding("x", 768)).toHaveLength(768);
  });

  it("puts texts sharing words closer than texts that share none (on average over 100 pairs)", () => {
    let near = 0;
    let far = 0;
    for (let i = 0; i < 100; i++) {
      const base = semanticEmbedding(`a${i} b${i} c${i} d${i} e${i} f${i}`, 768);
      near += cos(base, semanticEmbedding(`a${i} b${i} g${i} h${i} j${i} k${i}`, 768)) / 100;
      far += cos(base, semanticEmbedding(`m${i} n${i} p${i} q${i} r${i} s${i}`, 768)) / 100;
    }
    expect(near).toBeGreaterThan(far + 0.15);
  });

  it("has the geometry of model embeddings, not of hashed ones: unrelated texts are not orthogonal", () => {
    const texts = Array.from({ length: 40 }, (_, i) => `sentence number ${i} about topic ${i * 7919}`);
    const pairs = (embed: (t: string) => number[]): number => {
      const v = texts.map(embed);
      let sum = 0;
      let n = 0;
      for (let i = 0; i < v.length; i++)
        for (let j = i + 1; j < v.length; j++, n++) sum += Math.abs(cos(v[i] as number[], v[j] as number[]));
      return sum / n;
    };
    // Hashed bag-of-words vectors of texts sharing few words are near-orthogonal; model-like ones are not.
    expect(pairs((t) => semanticEmbedding(t, 384))).toBeGreaterThan(pairs((t) => hashEmbedding(t, 384)) + 0.1);
  });

  it("spans a low-dimensional subspace (intrinsic dimension well below the ambient one)", () => {
    // Power iteration over 200 vectors: the top 64 directions carry almost all energy.
    const v = Array.from({ length: 200 }, (_, i) => semanticEmbedding(`w${i} w${i * 3} w${i * 5 + 1} common`, 256));
    const energy = v.length; // each vector has unit norm
    let explained = 0;
    const basis: number[][] = [];
    for (let k = 0; k < 64; k++) {
      let u = Array.from({ length: 256 }, (_, d) => Math.sin(d * (k + 1)));
      for (let it = 0; it < 30; it++) {
        const next = new Array<number>(256).fill(0);
        for (const x of v) {
          const p = cos(x, u);
          for (let d = 0; d < 256; d++) next[d] = (next[d] as number) + p * (x[d] as number);
        }
        for (const b of basis) {
          const p = cos(next, b);
          for (let d = 0; d < 256; d++) next[d] = (next[d] as number) - p * (b[d] as number);
        }
        const n = Math.sqrt(cos(next, next)) || 1;
        u = next.map((x) => x / n);
      }
      basis.push(u);
      explained += v.reduce((s, x) => s + cos(x, u) ** 2, 0);
    }
    expect(explained / energy).toBeGreaterThan(0.9);
  });
});
