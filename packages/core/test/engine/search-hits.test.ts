import { describe, expect, it } from "vitest";
import { openMemory } from "../helpers.js";

describe("search hits", () => {
  it("are the stored memories with score and scoreParts last, new objects on every search", async () => {
    const memory = await openMemory();
    for (const f of ["My sister lives in Berlin", "My brother lives in Paris", "I play the piano"])
      await memory.add(f, { userId: "u", infer: false, topics: ["family"], metadata: { k: 1 } });
    const first = await memory.search("where does my sister live?", { userId: "u" });
    expect(first.length).toBeGreaterThan(1);
    for (const hit of first) {
      const stored = await memory.get(hit.id);
      expect(Object.keys(hit)).toEqual([...Object.keys(stored), "score", "scoreParts"]);
      const { score, scoreParts, ...rest } = hit;
      expect(rest).toEqual(stored);
      expect(score).toBeGreaterThan(0);
      expect(scoreParts.keyword).toBeGreaterThan(0);
    }
    // What a caller does with its hits reaches neither the store nor the next search.
    const snapshot = structuredClone(first);
    for (const hit of first) {
      hit.content = "changed";
      hit.topics.push("x");
      hit.scoreParts.keyword = -1;
    }
    const second = await memory.search("where does my sister live?", { userId: "u" });
    expect(second).toEqual(snapshot);
    for (const [i, hit] of second.entries()) expect(hit).not.toBe(first[i]);
  });
});
