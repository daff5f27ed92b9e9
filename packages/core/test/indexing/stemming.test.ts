import { describe, expect, it } from "vitest";
import { indexStem } from "../../src/indexing/stemming.js";

describe("indexStem", () => {
  it("brings English word forms to one stem", () => {
    expect(new Set(["hiking", "hikes", "hiked", "hike"].map(indexStem)).size).toBe(1);
    expect(indexStem("generously")).toBe(indexStem("generous"));
    expect(indexStem("volunteering")).toBe(indexStem("volunteered"));
  });

  it("keeps words of other scripts, short words and words with digits whole", () => {
    for (const w of ["москва", "東京", "2023", "b12s", "is"]) expect(indexStem(w)).toBe(w);
  });
});
