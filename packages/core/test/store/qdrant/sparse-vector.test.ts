import { describe, expect, it } from "vitest";
import { indexTerm as term } from "../../../src/indexing/tokenizer.js";
import { documentVector, queryVector, termIndex } from "../../../src/store/qdrant/sparse-vector.js";

const doc = (content: string, extra: { topics?: string[]; entities?: string[]; actorId?: string } = {}) =>
  documentVector({
    content,
    entities: extra.entities ?? [],
    topics: extra.topics ?? [],
    ...(extra.actorId ? { actorId: extra.actorId } : {}),
  });
const weightOf = (v: { indices: number[]; values: number[] }, word: string): number =>
  v.values[v.indices.indexOf(termIndex(term(word)))] ?? 0;

describe("sparse BM25-style vectors", () => {
  it("word forms meet on one term; Latin diacritics fold; other scripts stay whole", () => {
    expect(new Set(["hiking", "hikes", "hiked", "hike"].map(term)).size).toBe(1);
    expect(term("café")).toBe(term("cafe"));
    expect(term("北京")).toBe("北京");
    expect(term("the")).toBe("the");
  });

  it("document vectors have unique sorted uint32 indices and positive weights", () => {
    const v = doc("Ana hikes and hikes, then hiking again in the Alps", { topics: ["Travel"], actorId: "ana" });
    expect(v.indices).toEqual([...new Set(v.indices)].sort((a, b) => a - b));
    for (const i of v.indices) expect(Number.isInteger(i) && i >= 0 && i <= 0xffffffff).toBe(true);
    expect(v.values.length).toBe(v.indices.length);
    for (const w of v.values) expect(w).toBeGreaterThan(0);
    expect(weightOf(v, "travel")).toBeGreaterThan(0);
  });

  it("term frequency saturates, long documents weigh a match less, and tags count half", () => {
    const once = weightOf(doc("hiking in the hills"), "hiking");
    const thrice = weightOf(doc("hiking hiking hiking in the"), "hiking");
    expect(thrice).toBeGreaterThan(once);
    expect(thrice).toBeLessThan(3 * once);
    expect(weightOf(doc(`hiking ${"and more words ".repeat(20)}`), "hiking")).toBeLessThan(once);
    expect(weightOf(doc("in the hills", { topics: ["hiking"] }), "hiking")).toBeLessThan(
      weightOf(doc("hiking in the hills"), "hiking"),
    );
  });

  it("query vectors take distinct content words with weight 1, stopwords only when nothing else is left", () => {
    const q = queryVector("What does Ana like to drink? Ana likes tea");
    expect(q?.values.every((w) => w === 1)).toBe(true);
    expect(q?.indices).toContain(termIndex(term("tea")));
    expect(q?.indices).not.toContain(termIndex(term("what")));
    expect(new Set(q?.indices).size).toBe(q?.indices.length);
    expect(queryVector("what is the")?.indices).toContain(termIndex(term("the")));
    expect(queryVector('" AND * NEAR( ?!')?.indices).toEqual([termIndex(term("near"))]);
    expect(queryVector("  ?!  ")).toBeNull();
    expect(queryVector(Array.from({ length: 50 }, (_, i) => `word${i}`).join(" "), 32)?.indices).toHaveLength(32);
  });
});
