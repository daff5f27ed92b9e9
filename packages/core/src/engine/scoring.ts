import type { Memory, ScoredMemory } from "../types/memory.js";
import type { StoreHit } from "../store/memory-store.js";

/** Weights of the final score; see {@link fuse}. */
export interface ScoringWeights {
  vectorWeight: number;
  keywordWeight: number;
  importanceWeight: number;
  recencyWeight: number;
  recencyHalfLifeDays: number;
}

const round = (x: number): number => Math.round(x * 10_000) / 10_000;

/**
 * Fuses the two retrievers and weighs the result:
 * relevance = (wv·max(cos, 0) + wk·bm25/max bm25) / (wv + wk), then
 * score = relevance · (1 − wi − wr + wi·importance + wr·recency), recency = 2^(−age / half-life).
 * So importance and recency reorder relevant memories but never lift an irrelevant one.
 */
export function fuse(vectorHits: StoreHit[], keywordHits: StoreHit[], memories: Map<string, Memory>, w: ScoringWeights, now: Date): ScoredMemory[] {
  const maxKeyword = keywordHits.reduce((max, h) => Math.max(max, h.score), 0);
  const parts = new Map<string, { vector: number; keyword: number }>();
  for (const h of vectorHits) parts.set(h.id, { vector: Math.max(0, h.score), keyword: 0 });
  for (const h of keywordHits) {
    const keyword = maxKeyword > 0 ? h.score / maxKeyword : 0;
    const entry = parts.get(h.id);
    if (entry) entry.keyword = keyword;
    else parts.set(h.id, { vector: 0, keyword });
  }
  const total = w.vectorWeight + w.keywordWeight || 1;
  const out: ScoredMemory[] = [];
  for (const [id, p] of parts) {
    const memory = memories.get(id);
    if (!memory) continue;
    const relevance = (w.vectorWeight * p.vector + w.keywordWeight * p.keyword) / total;
    const ageDays = Math.max(0, now.getTime() - memory.observedAt.getTime()) / 86_400_000;
    const recency = Math.pow(2, -ageDays / w.recencyHalfLifeDays);
    const factor = 1 - w.importanceWeight - w.recencyWeight + w.importanceWeight * memory.importance + w.recencyWeight * recency;
    const score = relevance * factor;
    out.push({
      ...memory,
      score: round(score),
      scoreParts: { vector: round(p.vector), keyword: round(p.keyword), relevance: round(relevance), importance: memory.importance, recency: round(recency) },
    });
  }
  return out.sort((a, b) => b.score - a.score);
}
