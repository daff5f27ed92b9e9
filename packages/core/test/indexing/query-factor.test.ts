import { describe, expect, it } from "vitest";
import { queryFactor } from "../../src/indexing/query-factor.js";
import { SAID_WITHIN_FACTOR } from "../../src/indexing/query-dates.js";
import { SPEAKER_FACTOR } from "../../src/indexing/query-speaker.js";
import { KeywordPartition } from "../../src/store/sqlite/keyword-partition.js";

const MAY_8 = Date.UTC(2023, 4, 8);
const JUNE_8 = Date.UTC(2023, 5, 8);
const speaks = (t: string): boolean => t === "melani";

describe("queryFactor: the query's dates times its names", () => {
  it("is absent when the query names no date and no speaker of the memories searched", () => {
    expect(queryFactor("what did Melanie paint?", ["melani", "paint"], () => false)).toBeUndefined();
    expect(queryFactor("what did she paint?", ["paint"], speaks)).toBeUndefined();
  });

  it("multiplies the two, and says the most it can give", () => {
    const both = queryFactor("what did Melanie paint in May 2023?", ["melani", "paint", "may", "2023"], speaks);
    expect(both?.max).toBe(SAID_WITHIN_FACTOR * SPEAKER_FACTOR);
    expect(both?.of({ observedAt: MAY_8, speaker: ["melani"] })).toBe(SAID_WITHIN_FACTOR * SPEAKER_FACTOR);
    expect(both?.of({ observedAt: JUNE_8, speaker: ["melani"] })).toBe(SPEAKER_FACTOR);
    expect(both?.of({ observedAt: MAY_8, speaker: ["carolin"] })).toBe(SAID_WITHIN_FACTOR);
    expect(both?.of({ observedAt: JUNE_8, speaker: [] })).toBe(1);
    const names = queryFactor("what did Melanie paint?", ["melani", "paint"], speaks);
    expect(names?.max).toBe(SPEAKER_FACTOR);
    const dates = queryFactor("what was painted in June?", ["paint", "june"], speaks);
    expect(dates?.max).toBe(SAID_WITHIN_FACTOR);
    expect(dates?.of({ observedAt: JUNE_8, speaker: ["melani"] })).toBe(SAID_WITHIN_FACTOR);
  });
});

describe("KeywordPartition.speaks: the speakers it holds, counted", () => {
  const doc = (rid: number, actorId: string | null, content: string) => ({
    rid,
    id: `m${rid}`,
    importance: 0.5,
    observedAt: MAY_8 + rid,
    agentId: null,
    runId: null,
    superseded: false,
    content,
    tags: "",
    actorId,
  });

  it("knows a speaker while one of their memories is held, by actor or by a 'Name:' prefix", () => {
    const p = new KeywordPartition();
    p.upsert(doc(1, "Melanie", "I painted a lake"));
    p.upsert(doc(2, null, "Caroline: I went to a support group"));
    p.upsert(doc(3, "Melanie", "and a horse"));
    expect([p.speaks("melani"), p.speaks("carolin"), p.speaks("lake")]).toEqual([true, true, false]);
    p.remove(1);
    expect(p.speaks("melani")).toBe(true);
    p.remove(3);
    p.remove(2);
    expect([p.speaks("melani"), p.speaks("carolin")]).toEqual([false, false]);
  });
});
