import type { ScoreParts } from "../types/memory.js";
import type { StoreHit } from "../store/memory-store.js";

/** Weights of the final score; see {@link rank}. */
export interface ScoringWeights {
  vectorWeight: number;
  keywordWeight: number;
  importanceWeight: number;
  recencyWeight: number;
  recencyHalfLifeDays: number;
  /** Cosine similarity at or below which the vector part counts as 0: the embedder's noise (see `Embedder.noiseFloor`). */
  vectorFloor?: number;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/** What ranking needs to know of a memory besides its retriever scores. */
export interface RankingInputs {
  importance: number;
  /** Epoch milliseconds. */
  observedAt: number;
  /**
   * The query's factor for this memory (the dates it names against when it was said, its names
   * against who said it: `indexing/query-factor.ts`), for its vector part. The keyword part holds
   * it already (the store weighs BM25 by it); absent: 1.
   */
  vectorFactor?: number;
}

/** A retriever's candidate: an id and its raw score. */
export type Candidate = Pick<StoreHit, "id" | "score">;

/** A candidate's place in the ranking: its score and the parts of it. */
export interface Ranked {
  id: string;
  score: number;
  scoreParts: ScoreParts;
}

/**
 * Fuses the two retrievers and weighs the result:
 * relevance = (wv·max(cos, 0) + wk·bm25/max bm25) / (wv + wk), then
 * score = relevance · (1 − wi − wr + wi·importance + wr·recency), recency = 2^(−age / half-life).
 * So importance and recency reorder relevant memories but never lift an irrelevant one.
 * A cosine at or below `w.vectorFloor` counts as 0, and a candidate whose relevance is 0 is left
 * out (as are candidates without ranking inputs): an unrelated query finds nothing. Best first.
 * A candidate's `vectorFactor` weighs its cosine as the store weighed its BM25 score, and the
 * weighed cosines are rescaled so the best keeps the best cosine: the vector part stays in 0..1
 * and the query's dates and names count in both parts of the fusion.
 */
export function rank(
  vectorHits: Candidate[],
  keywordHits: Candidate[],
  inputs: Map<string, RankingInputs>,
  w: ScoringWeights,
  now: Date,
): Ranked[] {
  const maxKeyword = keywordHits.reduce((max, h) => Math.max(max, h.score), 0);
  const parts = new Map<string, { vector: number; keyword: number }>();
  const floor = Math.max(0, w.vectorFloor ?? 0);
  let maxCos = 0;
  let maxWeighed = 0;
  for (const h of vectorHits) {
    const cos = h.score > floor ? h.score : 0;
    const vector = cos * (inputs.get(h.id)?.vectorFactor ?? 1);
    maxCos = Math.max(maxCos, cos);
    maxWeighed = Math.max(maxWeighed, vector);
    parts.set(h.id, { vector, keyword: 0 });
  }
  if (maxWeighed > maxCos) for (const p of parts.values()) p.vector = (p.vector * maxCos) / maxWeighed;
  for (const h of keywordHits) {
    const keyword = maxKeyword > 0 ? h.score / maxKeyword : 0;
    const entry = parts.get(h.id);
    if (entry) entry.keyword = keyword;
    else parts.set(h.id, { vector: 0, keyword });
  }
  const total = w.vectorWeight + w.keywordWeight || 1;
  const out: Ranked[] = [];
  for (const [id, p] of parts) {
    const input = inputs.get(id);
    if (!input) continue;
    const relevance = (w.vectorWeight * p.vector + w.keywordWeight * p.keyword) / total;
    if (!(relevance > 0)) continue;
    const ageDays = Math.max(0, now.getTime() - input.observedAt) / 86_400_000;
    const recency = Math.pow(2, -ageDays / w.recencyHalfLifeDays);
    const factor =
      1 - w.importanceWeight - w.recencyWeight + w.importanceWeight * input.importance + w.recencyWeight * recency;
    out.push({
      id,
      score: round(relevance * factor),
      scoreParts: {
        vector: round(p.vector),
        keyword: round(p.keyword),
        relevance: round(relevance),
        importance: input.importance,
        recency: round(recency),
      },
    });
  }
  return out.sort((a, b) => b.score - a.score);
}

/** The ranking inputs every store hit carries, by memory id. */
export function rankingInputs(hits: StoreHit[]): Map<string, RankingInputs> {
  return new Map(hits.map((h) => [h.id, { importance: h.importance, observedAt: h.observedAt }]));
}
