import { describe, expect, it } from "vitest";
import { rank, rankingInputs } from "../../src/engine/scoring.js";
import type { RankingInputs, ScoringWeights } from "../../src/engine/scoring.js";

const DAY = 86_400_000;
const now = new Date("2024-06-01T00:00:00Z");
const W: ScoringWeights = {
  vectorWeight: 0.3,
  keywordWeight: 0.7,
  importanceWeight: 0.1,
  recencyWeight: 0.05,
  recencyHalfLifeDays: 30,
};
const inputs = (entries: [string, number, number][]): Map<string, RankingInputs> =>
  new Map(entries.map(([id, importance, ageDays]) => [id, { importance, observedAt: now.getTime() - ageDays * DAY }]));

describe("rank: the scoring formula, values computed by hand", () => {
  // a: cos .8, bm25 4 (the best, so 1); importance .5, 30 days old (recency .5).
  //    relevance = .3·.8 + .7·1 = .94; factor = 1 − .1 − .05 + .1·.5 + .05·.5 = .925; score = .8695
  // c: no vector hit, bm25 2 (→ .5); importance 0, 60 days old (recency .25).
  //    relevance = .7·.5 = .35; factor = .85 + .05·.25 = .8625; score = .301875 → .3019
  // b: cos −.2 (counts as 0), no keyword hit: relevance 0, so it is left out whatever its importance.
  const vector = [
    { id: "a", score: 0.8 },
    { id: "b", score: -0.2 },
  ];
  const keyword = [
    { id: "a", score: 4 },
    { id: "c", score: 2 },
    { id: "gone", score: 1 },
  ];
  // Computed inside each test (not at collection), so that mutation testing sees which test covers it.
  const ranked = () =>
    rank(
      vector,
      keyword,
      inputs([
        ["a", 0.5, 30],
        ["b", 1, 0],
        ["c", 0, 60],
      ]),
      W,
      now,
    );

  it("gives each candidate the hand-computed score and parts, best first", () => {
    expect(ranked()).toEqual([
      {
        id: "a",
        score: 0.8695,
        scoreParts: { vector: 0.8, keyword: 1, relevance: 0.94, importance: 0.5, recency: 0.5 },
      },
      {
        id: "c",
        score: 0.3019,
        scoreParts: { vector: 0, keyword: 0.5, relevance: 0.35, importance: 0, recency: 0.25 },
      },
    ]);
  });

  it("leaves out candidates without ranking inputs (deleted since the index answered)", () => {
    expect(ranked().map((r) => r.id)).not.toContain("gone");
  });

  it("divides by the sum of the two retriever weights", () => {
    const w = { ...W, vectorWeight: 1, keywordWeight: 1, importanceWeight: 0, recencyWeight: 0 };
    const [only] = rank([{ id: "a", score: 0.5 }], [], inputs([["a", 0.5, 0]]), w, now);
    expect(only).toMatchObject({ score: 0.25, scoreParts: { relevance: 0.25 } });
  });

  it("with both retriever weights at zero nothing is relevant (no NaN scores)", () => {
    const w = { ...W, vectorWeight: 0, keywordWeight: 0 };
    expect(rank([{ id: "a", score: 0.9 }], [{ id: "a", score: 3 }], inputs([["a", 1, 0]]), w, now)).toEqual([]);
  });

  it("a cosine at or below the embedder's noise floor counts as 0", () => {
    const w = { ...W, vectorWeight: 1, keywordWeight: 0, importanceWeight: 0, recencyWeight: 0, vectorFloor: 0.2 };
    const hits = [
      { id: "at", score: 0.2 },
      { id: "above", score: 0.21 },
      { id: "below", score: 0.1 },
    ];
    const r = rank(
      hits,
      [],
      inputs([
        ["at", 0, 0],
        ["above", 0, 0],
        ["below", 0, 0],
      ]),
      w,
      now,
    );
    expect(r.map((x) => [x.id, x.score])).toEqual([["above", 0.21]]);
    const negative = { ...w, vectorFloor: -1 };
    expect(rank([{ id: "n", score: -0.5 }], [], inputs([["n", 0, 0]]), negative, now)).toEqual([]);
  });

  it("a memory observed in the future counts as new (recency 1), not more than new", () => {
    const [only] = rank(
      [{ id: "a", score: 1 }],
      [],
      inputs([["a", 1, -10]]),
      { ...W, vectorWeight: 1, keywordWeight: 0 },
      now,
    );
    expect(only?.scoreParts.recency).toBe(1);
    expect(only?.score).toBe(1);
  });

  it("importance and recency reorder equally relevant memories", () => {
    const hits = [
      { id: "old", score: 0.5 },
      { id: "new", score: 0.5 },
      { id: "key", score: 0.5 },
    ];
    const order = rank(
      hits,
      [],
      inputs([
        ["old", 0.5, 300],
        ["new", 0.5, 0],
        ["key", 1, 300],
      ]),
      W,
      now,
    ).map((r) => r.id);
    // new: .5·(.85+.05+.05) = .475; key: .5·(.85+.1+.05·2^−10) ≈ .475; old: .5·(.85+.05+tiny) ≈ .45
    expect(order[2]).toBe("old");
  });

  it("keyword hits that all score 0 give a keyword part of 0, never NaN", () => {
    const w = { ...W, importanceWeight: 0, recencyWeight: 0 };
    expect(rank([], [{ id: "z", score: 0 }], inputs([["z", 0, 0]]), w, now)).toEqual([]);
    const [only] = rank([{ id: "a", score: 0.5 }], [{ id: "a", score: 0 }], inputs([["a", 0, 0]]), w, now);
    expect(only).toMatchObject({ score: 0.15, scoreParts: { keyword: 0, relevance: 0.15 } });
  });

  it("keyword scores are normalised by the best keyword score, whatever their scale", () => {
    const w = { ...W, vectorWeight: 0, keywordWeight: 1, importanceWeight: 0, recencyWeight: 0 };
    const r = rank(
      [],
      [
        { id: "a", score: 12 },
        { id: "b", score: 3 },
      ],
      inputs([
        ["a", 0, 0],
        ["b", 0, 0],
      ]),
      w,
      now,
    );
    expect(r.map((x) => [x.id, x.score])).toEqual([
      ["a", 1],
      ["b", 0.25],
    ]);
  });
});

describe("rankingInputs", () => {
  it("takes importance and time from the hits, by memory id", () => {
    const got = rankingInputs([
      { id: "a", score: 1, importance: 0.4, observedAt: 5 },
      { id: "b", score: 2, importance: 0.9, observedAt: 7 },
    ]);
    expect([...got]).toEqual([
      ["a", { importance: 0.4, observedAt: 5 }],
      ["b", { importance: 0.9, observedAt: 7 }],
    ]);
  });
});

describe("rank with the inputs hits carry", () => {
  it("scores a hit found by both retrievers from its own importance and age", () => {
    const observedAt = now.getTime() - 30 * DAY;
    const hits = [{ id: "a", score: 0.8, importance: 0.5, observedAt }];
    const [hit] = rank(hits, [{ id: "a", score: 4 }], rankingInputs(hits), W, now);
    expect(hit).toMatchObject({ id: "a", score: 0.8695, scoreParts: { relevance: 0.94, recency: 0.5 } });
  });
});
