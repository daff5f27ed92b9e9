import { describe, expect, it } from "vitest";
import { COVERAGE_TERMS, coverage, termBit } from "../../../src/store/sqlite/query-coverage.js";

describe("query coverage", () => {
  it("is the IDF-weighted share of the query terms set in the mask", () => {
    const idfs = [3, 1, 0, 2];
    expect(coverage(0, idfs)).toBe(0);
    expect(coverage(termBit(0), idfs)).toBeCloseTo(3 / 6);
    expect(coverage(termBit(1) | termBit(3), idfs)).toBeCloseTo(3 / 6);
    // A term absent from the index (IDF 0) neither helps nor hurts.
    expect(coverage(termBit(0) | termBit(1) | termBit(3), idfs)).toBe(1);
    expect(coverage(termBit(2), idfs)).toBe(0);
  });

  it("is 0 when no term has weight, and ignores terms past COVERAGE_TERMS", () => {
    expect(coverage(termBit(0), [0, 0])).toBe(0);
    expect(coverage(0, [])).toBe(0);
    const idfs = Array.from({ length: COVERAGE_TERMS + 5 }, () => 1);
    expect(termBit(COVERAGE_TERMS)).toBe(0);
    const all = Array.from({ length: COVERAGE_TERMS }, (_, i) => termBit(i)).reduce((a, b) => a | b, 0);
    expect(coverage(all, idfs)).toBe(1);
    expect(coverage(termBit(COVERAGE_TERMS - 1), idfs)).toBeCloseTo(1 / COVERAGE_TERMS);
  });
});
