import { describe, expect, it } from "vitest";
import { rank } from "../../src/engine/scoring.js";
import { openMemory } from "../helpers.js";

const weights = {
  vectorWeight: 0.3,
  keywordWeight: 0.7,
  importanceWeight: 0.2,
  recencyWeight: 0.1,
  recencyHalfLifeDays: 30,
};
const now = new Date("2025-01-01T00:00:00Z");
const inputs = new Map(["a", "b", "c"].map((id) => [id, { importance: 1, observedAt: now.getTime() }]));

describe("relevance", () => {
  it("rank leaves out candidates without relevance and counts cosines at or below the floor as none", () => {
    const vector = [
      { id: "a", score: 0.5 },
      { id: "b", score: 0.08 },
      { id: "c", score: -0.2 },
    ];
    expect(rank(vector, [], inputs, weights, now).map((r) => r.id)).toEqual(["a", "b"]);
    const floored = rank(vector, [], inputs, { ...weights, vectorFloor: 0.1 }, now);
    expect(floored.map((r) => [r.id, r.score])).toEqual([["a", 0.15]]);
    expect(
      rank(vector, [{ id: "c", score: 2 }], inputs, { ...weights, vectorFloor: 0.1 }, now).map((r) => r.id),
    ).toEqual(["c", "a"]);
  });

  it("an unrelated query finds nothing; threshold cuts on score (0..1) after that", async () => {
    const memory = await openMemory();
    // Said days apart, so none lends another context as a neighbour in time.
    const facts = [
      "I'm vegetarian and allergic to peanuts",
      "We adopted a puppy (2024-05-07)",
      "My sister lives in Berlin",
      "Deploy with pnpm build then git push",
    ];
    for (const [i, f] of facts.entries())
      await memory.add(f, { userId: "alice", infer: false, timestamp: new Date(Date.UTC(2024, 0, 1 + 3 * i)) });
    for (const query of ["quantum chromodynamics lecture", "what can alice not eat?", "zzz"]) {
      expect(await memory.search(query, { userId: "alice" })).toEqual([]);
    }
    expect(await memory.search("quantum chromodynamics lecture", {})).toEqual([]);
    const hits = await memory.search("where does my sister live?", { userId: "alice" });
    expect(hits.map((h) => h.content)).toEqual(["My sister lives in Berlin"]);
    const score = hits[0]!.score;
    expect(score).toBeGreaterThan(0);
    expect(score).toBeLessThanOrEqual(1);
    expect(await memory.search("where does my sister live?", { userId: "alice", threshold: score + 0.0001 })).toEqual(
      [],
    );
    expect(await memory.search("where does my sister live?", { userId: "alice", threshold: score })).toHaveLength(1);
  });

  it("identical content of two users scores identically in an unscoped search", async () => {
    const memory = await openMemory();
    // Said days apart (and at the same moment for both users), so no neighbour in time lends either twin context.
    const day = (d: number) => new Date(Date.UTC(2024, 0, d));
    await memory.add("I'm vegetarian and allergic to peanuts", { userId: "alice", infer: false, timestamp: day(1) });
    for (const [i, f] of ["peanuts are in the cupboard", "we ran out of peanuts", "the garden needs water"].entries())
      await memory.add(f, { userId: "alice", infer: false, timestamp: day(5 + 3 * i) });
    await memory.add("I'm vegetarian and allergic to peanuts", { userId: "bob", infer: false, timestamp: day(1) });
    const hits = await memory.search("allergic to peanuts", { limit: 10 });
    const twins = hits.filter((h) => h.content === "I'm vegetarian and allergic to peanuts");
    expect(twins.map((h) => h.userId).sort()).toEqual(["alice", "bob"]);
    expect(twins[0]!.score).toBe(twins[1]!.score);
    expect(twins[0]!.scoreParts).toEqual(twins[1]!.scoreParts);
  });
});
