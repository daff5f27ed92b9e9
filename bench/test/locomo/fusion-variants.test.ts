import { describe, expect, it } from "vitest";
import type { CapturedQuestion } from "../../src/locomo/fusion-capture.js";
import { poolNormalised } from "../../src/locomo/fusion-variants.js";

const question = (cosines: number[]): CapturedQuestion => ({
  conv: 0,
  category: 1,
  question: "q",
  evidence: new Set(),
  keyword: [],
  vector: cosines.map((score, i) => ({ id: `m${i}`, score })),
});
const scores = (cosines: number[], base: "min" | "median"): number[] =>
  poolNormalised(base)(question(cosines)).map((h) => Math.round(h.score * 1e6) / 1e6);

describe("cosines normalised per query over the pool", () => {
  it("maps the pool's least cosine to 0 and its best to 1 (min)", () => {
    expect(scores([0.9, 0.8, 0.7, 0.5], "min")).toEqual([1, 0.75, 0.5, 0]);
  });

  it("clips everything at or below the pool's median to 0 (median)", () => {
    expect(scores([0.9, 0.8, 0.7, 0.5, 0.1], "median")).toEqual([1, 0.5, 0, 0, 0]);
  });

  it("gives the same parts whatever the model's cosine offset and scale", () => {
    const cos = [0.42, 0.31, 0.3, 0.12, 0.05];
    for (const base of ["min", "median"] as const)
      expect(
        scores(
          cos.map((c) => 0.7 + 0.25 * c),
          base,
        ),
      ).toEqual(scores(cos, base));
  });

  it("gives every hit 1 when the pool's cosines are all equal", () => {
    expect(scores([0.6, 0.6], "min")).toEqual([1, 1]);
  });
});
