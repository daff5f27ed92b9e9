import { describe, expect, it } from "vitest";
import { rank } from "../../src/engine/scoring.js";
import type { RankingInputs } from "../../src/engine/scoring.js";
import { openMemory } from "../helpers.js";

const W = { vectorWeight: 1, keywordWeight: 0, importanceWeight: 0, recencyWeight: 0, recencyHalfLifeDays: 30 };
const now = new Date("2024-06-01T00:00:00Z");

describe("rank: the query's factor on the vector part", () => {
  it("weighs each cosine by its factor and rescales so the best keeps the best cosine", () => {
    const inputs = new Map<string, RankingInputs>([
      ["a", { importance: 0, observedAt: 0 }],
      ["b", { importance: 0, observedAt: 0, vectorFactor: 4 }],
      ["c", { importance: 0, observedAt: 0, vectorFactor: 4 }],
    ]);
    const vector = [
      { id: "a", score: 0.8 },
      { id: "b", score: 0.4 },
      { id: "c", score: 0.05 },
    ];
    // Weighed: a .8, b 1.6, c .2 (below the floor before weighing: stays 0); rescaled by .8 / 1.6.
    const ranked = rank(vector, [], inputs, { ...W, vectorFloor: 0.1 }, now);
    expect(ranked.map((r) => [r.id, r.scoreParts.vector])).toEqual([
      ["b", 0.8],
      ["a", 0.4],
    ]);
    // Without factors, the cosines as they are.
    const plain = new Map([...inputs].map(([id, i]) => [id, { importance: i.importance, observedAt: i.observedAt }]));
    expect(rank(vector, [], plain, W, now).map((r) => [r.id, r.scoreParts.vector])).toEqual([
      ["a", 0.8],
      ["b", 0.4],
      ["c", 0.05],
    ]);
  });
});

// Vector part alone (keyword weight 0): only the factor core applies to the vectors can reorder.
const VECTORS_ONLY = { memory: { vectorWeight: 1, keywordWeight: 0 } };

describe("hybrid search weighs the vector part by the query's dates and names", () => {
  it("ranks the memory said within the date the query names first", async () => {
    const memory = await openMemory(VECTORS_ONLY);
    const at = (d: string) => ({ userId: "u", infer: false, timestamp: d });
    await memory.add("where did I go hiking last weekend? I went hiking in the hills", at("2023-06-10T10:00:00Z"));
    await memory.add("a hiking trip up to the mountain lakes", at("2023-05-08T10:00:00Z"));
    await memory.add("I bought new boots for the garden", at("2023-05-09T10:00:00Z"));
    const plain = await memory.search("where did I go hiking?", { userId: "u" });
    expect(plain[0]?.content).toMatch(/hills/);
    const dated = await memory.search("where did I go hiking in May 2023?", { userId: "u" });
    expect(dated[0]?.content).toBe("a hiking trip up to the mountain lakes");
    expect(dated[0]?.scoreParts.vector).toBeGreaterThan(dated[1]?.scoreParts.vector ?? 1);
    // The best weighed cosine is rescaled to the best cosine: the vector part stays in 0..1.
    expect(dated.every((h) => h.scoreParts.vector <= 1)).toBe(true);
  });

  it("ranks what the named speaker said first, in either add form", async () => {
    const memory = await openMemory(VECTORS_ONLY);
    await memory.add(
      [
        { role: "user", name: "Ana", content: "Ben, where did you go hiking with the dog? The hills again?" },
        { role: "user", name: "Ben", content: "up to the mountain lakes this time" },
      ],
      { userId: "u", infer: false },
    );
    await memory.add("Ana: Ben, where did you go hiking with the dog? The hills again?", { userId: "v", infer: false });
    await memory.add("Ben: up to the mountain lakes this time", { userId: "v", infer: false });
    for (const userId of ["u", "v"]) {
      const hits = await memory.search("where did Ben go hiking with the dog?", { userId });
      expect(hits[0]?.content).toMatch(/mountain lakes/);
      // The same question not naming Ben: Ana's question, closer in words, comes first.
      const unnamed = await memory.search("where did you go hiking with the dog?", { userId });
      expect(unnamed[0]?.content).toMatch(/hills again/);
    }
  });

  it("with vectors 0.3 and keywords 0.7, both parts weighed, the dated memory comes first", async () => {
    const memory = await openMemory({ memory: { vectorWeight: 0.3, keywordWeight: 0.7 } });
    const at = (d: string) => ({ userId: "u", infer: false, timestamp: d });
    await memory.add("I went hiking in the hills, hiking all day", at("2023-06-10T10:00:00Z"));
    await memory.add("a hiking trip to the lakes", at("2023-05-08T10:00:00Z"));
    const hits = await memory.search("hiking in May 2023", { userId: "u" });
    expect(hits[0]?.content).toBe("a hiking trip to the lakes");
    expect(hits[0]?.scoreParts.vector).toBeGreaterThan(0);
  });
});
