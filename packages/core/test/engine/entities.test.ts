import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractEntities } from "../../src/engine/entities.js";

interface Labelled {
  text: string;
  entities: string[];
}

/** Micro-averaged precision and recall of `extractEntities` over a hand-labelled set (exact strings). */
function score(file: string): { precision: number; recall: number; misses: string[] } {
  const { cases } = JSON.parse(readFileSync(new URL(`../fixtures/${file}`, import.meta.url), "utf8")) as {
    cases: Labelled[];
  };
  let right = 0;
  let predicted = 0;
  let expected = 0;
  const misses: string[] = [];
  for (const c of cases) {
    const got = extractEntities(c.text);
    const hits = got.filter((e) => c.entities.includes(e)).length;
    right += hits;
    predicted += got.length;
    expected += c.entities.length;
    if (hits !== got.length || hits !== c.entities.length)
      misses.push(`${JSON.stringify(c.text)} → ${JSON.stringify(got)}`);
  }
  return { precision: right / predicted, recall: right / expected, misses };
}

describe("rule-based entities on hand-labelled sentences (figures in docs/EXTRACTION.md)", () => {
  it("keeps precision and recall on the set the rules were written against (0.981 / 0.981)", () => {
    const s = score("entities.json");
    expect(s.precision, s.misses.join("\n")).toBeGreaterThanOrEqual(0.98);
    expect(s.recall, s.misses.join("\n")).toBeGreaterThanOrEqual(0.98);
  });

  it("keeps precision and recall on the held-out set written afterwards (0.871 / 0.900)", () => {
    const s = score("entities-held-out.json");
    expect(s.precision, s.misses.join("\n")).toBeGreaterThanOrEqual(0.87);
    expect(s.recall, s.misses.join("\n")).toBeGreaterThanOrEqual(0.9);
  });

  it("does not take sentence-opening words or words joined across lines for names", () => {
    expect(extractEntities("Prefers window seats")).toEqual([]);
    expect(extractEntities("Yesterday we hiked")).toEqual([]);
    expect(extractEntities("User: I use Google\nAssistant: Nice")).toEqual(["Google"]);
    expect(extractEntities("Ask Google\nAssistant")).toEqual(["Google"]);
  });

  it("keeps names that open a sentence when no dictionary knows them as words", () => {
    expect(extractEntities("Alice moved to Berlin. Daniel's dog is Rex.")).toEqual([
      "Alice",
      "Berlin",
      "Daniel",
      "Rex",
    ]);
    expect(extractEntities("Visited Kyoto with Dr. Okafor in May")).toEqual(["Kyoto", "Okafor"]);
    expect(extractEntities("Maria likes tea. Will is a word here.")).toEqual(["Maria"]);
  });
});
