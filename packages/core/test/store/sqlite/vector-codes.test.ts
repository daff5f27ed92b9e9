import { semanticEmbedding } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { dot } from "../../../src/embedder/embedder.js";
import { cosineInt8, grownCapacity, toInt8 } from "../../../src/store/sqlite/vector-codes.js";

const vec = (text: string, dims = 384): Float32Array => Float32Array.from(semanticEmbedding(text, dims));

describe("int8 vector codes", () => {
  it("scale each vector so its largest component is ±127", () => {
    const codes = toInt8(Float32Array.from([0.5, -0.25, 0.125, 0]));
    expect(Array.from(codes)).toEqual([127, -63, 32, 0]); // -63.5 rounds up
    expect(Array.from(toInt8(Float32Array.from([-0.01, 0.002])))).toEqual([-127, 25]);
    expect(Array.from(toInt8(new Float32Array(3)))).toEqual([0, 0, 0]);
  });

  it("keep cosines within 0.01 of the float ones, at model sizes", () => {
    for (const dims of [384, 1536]) {
      for (let i = 0; i < 20; i++) {
        const a = vec(`alpha ${i} beta ${i * 3}`, dims);
        const b = vec(`alpha ${i} gamma ${i * 5}`, dims);
        const exact = dot(a, b);
        expect(Math.abs(cosineInt8(toInt8(a), 0, toInt8(b), 0, dims) - exact)).toBeLessThan(0.01);
      }
    }
  });

  it("give 0 for an all-zero code instead of NaN", () => {
    expect(cosineInt8(new Int8Array(4), 0, Int8Array.from([1, 2, 3, 4]), 0, 4)).toBe(0);
  });

  it("grow capacity by doubling from one row", () => {
    expect(grownCapacity(0, 1)).toBe(1);
    expect(grownCapacity(1, 2)).toBe(2);
    expect(grownCapacity(2, 3)).toBe(4);
    expect(grownCapacity(4, 4)).toBe(4);
    expect(grownCapacity(4, 9)).toBe(16);
  });
});
