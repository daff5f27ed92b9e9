import { describe, expect, it } from "vitest";
import { KeywordPartition } from "../../../src/store/sqlite/keyword-partition.js";
import type { KeywordDoc } from "../../../src/store/sqlite/keyword-partition.js";

const doc = (rid: number, content: string, observedAt = rid * 1_000): KeywordDoc => ({
  rid,
  id: `m${rid}`,
  importance: 0.5,
  observedAt,
  agentId: null,
  runId: null,
  superseded: false,
  content,
  tags: "",
});
const pass = { includeSuperseded: false };

function search(p: KeywordPartition, query: string[], neighbours = false) {
  const top: { id: string; score: number; importance: number; observedAt: number }[] = [];
  p.search(query, pass, 10, top, undefined, neighbours);
  return top;
}

describe("KeywordPartition", () => {
  it("ranks a memory holding both query words above one repeating the rarer word alone", () => {
    const p = new KeywordPartition();
    p.upsert(doc(1, "violin violin violin violin recital"));
    p.upsert(doc(2, "violin lessons with my sister"));
    // "sister" is common in this scope, "violin" rarer: raw BM25 puts memory 1 first.
    for (let rid = 3; rid < 8; rid++) p.upsert(doc(rid, `my sister called about dinner number ${rid}`));
    const top = search(p, ["violin", "sister"]);
    expect(top[0]?.id).toBe("m2");
    expect(top.map((h) => h.id)).toContain("m1");
  });

  it("weighs a match by its own coverage before it lends, and by what it and its lenders cover after", () => {
    const p = new KeywordPartition();
    ["instrument question", "cello reply", "cooking", "chatter", "weather"].forEach((text, i) =>
      p.upsert(doc(i + 1, text)),
    );
    const raw = (term: string, id: string) => search(p, [term]).find((h) => h.id === id)?.score ?? 0;
    const top = search(p, ["instrument", "cello"], true);
    const score = (id: string) => top.find((h) => h.id === id)?.score ?? 0;
    const half = Math.sqrt(0.5); // each memory matches one of two equally rare words
    // Memory 2 and the one before it cover the query together: full coverage after lending.
    expect(score("m2")).toBeCloseTo((raw("cello", "m2") + 0.5 * raw("instrument", "m1")) * half);
    // Memory 4 is two steps from memory 2 and three from memory 1: lent "cello" alone, half covered.
    expect(score("m4")).toBeCloseTo(0.25 * raw("cello", "m2") * half * 0.5);
    expect(score("m5")).toBe(0);
  });

  it("finds nothing for words no memory holds", () => {
    const p = new KeywordPartition();
    p.upsert(doc(1, "violin lessons"));
    expect(search(p, ["trombone"], true)).toEqual([]);
  });
});
