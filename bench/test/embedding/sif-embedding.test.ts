import { readFileSync, writeFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import { commonDirection, loadWordVectors, sifEmbedder } from "../../src/embedding/sif-embedding.js";
import { tinyVectorsFile, tinyWeight } from "./tiny-vectors.js";

const file = tinyVectorsFile();
afterAll(() => file.remove());
const close = (a: Float32Array, b: number[]) => b.forEach((x, i) => expect(a[i]).toBeCloseTo(x, 5));

describe("SIF sentence vectors over word vectors", () => {
  const table = loadWordVectors(file.path);
  const embed = sifEmbedder(table);

  it("loads the words in rank order with their components", () => {
    expect(table.dimensions).toBe(2);
    expect(table.rank.get("kitten")).toBe(2);
    expect([...table.vectors.slice(4, 6)].map((x) => Math.round(x * 10) / 10)).toEqual([0.2, 1]);
  });

  it("averages the lowercased known words, each weighed by a/(a+p), and normalises", () => {
    const [wThe, wCat] = [tinyWeight(0), tinyWeight(1)];
    const norm = Math.hypot(wThe, wCat);
    close(embed("The CAT, a zebra!"), [wThe / norm, wCat / norm]);
    // A frequent word weighs less than a rare one: "stock" (rank 4) outweighs "the" (rank 1).
    const v = embed("the stock");
    expect(v[1] as number).toBeGreaterThan(0.6);
  });

  it("gives the zero vector to a text without a known word", () => {
    close(embed("zebra 42"), [0, 0]);
  });

  it("removes the common direction when asked, so every vector is orthogonal to it", () => {
    const u = commonDirection(table, 1e-3);
    const v = sifEmbedder(table, 1e-3, u)("the cat kitten");
    expect((v[0] as number) * (u[0] as number) + (v[1] as number) * (u[1] as number)).toBeCloseTo(0, 5);
    expect(Math.hypot(v[0] as number, v[1] as number)).toBeCloseTo(1, 5);
  });

  it("refuses a file whose rows are not at their rank", () => {
    const bad = tinyVectorsFile({ the: [1, 0], cat: [0, 1] });
    try {
      const json = JSON.parse(readFileSync(bad.path, "utf8"));
      json.vectors.cat[3] = 7;
      writeFileSync(bad.path, JSON.stringify(json));
      expect(() => loadWordVectors(bad.path)).toThrow(/"cat" is missing or not at rank 1/);
    } finally {
      bad.remove();
    }
  });
});
