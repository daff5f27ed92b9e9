import { describe, expect, it } from "vitest";
import { decodeFloat32Base64, encodeFloat32Base64, hashEmbedding } from "../src/index.js";

const cosine = (a: number[], b: number[]) => a.reduce((sum, x, i) => sum + x * (b[i] ?? 0), 0);

describe("hashEmbedding", () => {
  it("is deterministic, unit length and case-insensitive", () => {
    const v = hashEmbedding("Alice likes green tea", 32);
    expect(v).toHaveLength(32);
    expect(hashEmbedding("alice LIKES green tea!", 32)).toEqual(v);
    expect(Math.hypot(...v)).toBeCloseTo(1, 6);
  });

  it("puts texts sharing words closer than unrelated texts", () => {
    const base = hashEmbedding("Alice likes green tea");
    const related = hashEmbedding("Alice drinks green tea daily");
    const unrelated = hashEmbedding("quarterly revenue forecast spreadsheet");
    expect(cosine(base, related)).toBeGreaterThan(cosine(base, unrelated) + 0.3);
  });

  it("gives a unit vector even for text without words, and rejects bad dimensions", () => {
    expect(Math.hypot(...hashEmbedding("", 16))).toBeCloseTo(1, 6);
    expect(Math.hypot(...hashEmbedding("?!", 16))).toBeCloseTo(1, 6);
    expect(() => hashEmbedding("x", 0)).toThrow(RangeError);
    expect(() => hashEmbedding("x", 2.5)).toThrow(RangeError);
  });

  it("survives a float32 base64 round trip exactly", () => {
    const v = hashEmbedding("round trip me", 24);
    expect(decodeFloat32Base64(encodeFloat32Base64(v))).toEqual(v);
    expect(Buffer.from(encodeFloat32Base64([1]), "base64")).toEqual(Buffer.from([0, 0, 0x80, 0x3f]));
  });
});
