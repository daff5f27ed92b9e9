import { documentTerms, queryFactors, queryTerms, rank } from "@cortex-mem/core/engine";
import type { RankingInputs } from "@cortex-mem/core/engine";
import { localEmbedding } from "@cortex-mem/core/providers";
import type { Capture, CapturedQuestion, Hit } from "./fusion-capture.js";
import { SEARCH_POOL, vectorText } from "./fusion-capture.js";

/** A fusion rule: the ranked memory ids of one question, best first. */
export type Fusion = (q: CapturedQuestion, c: Capture) => string[];

const dot = (a: Float32Array, b: Float32Array): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

/** The ranking inputs of the hits, with the query's factor on the vector hits, as `MemoryManager.search` builds them. */
function inputsOf(q: CapturedQuestion, c: Capture, vector: Hit[]): Map<string, RankingInputs> {
  const inputs = new Map<string, RankingInputs>();
  for (const h of [...vector, ...q.keyword]) {
    const m = c.memories.get(h.id);
    if (m) inputs.set(h.id, { importance: m.importance, observedAt: new Date(m.observedAt).getTime() });
  }
  const said = vector.flatMap((h) => c.memories.get(h.id) ?? []);
  for (const [id, f] of queryFactors(q.question, said) ?? []) (inputs.get(id) as RankingInputs).vectorFactor = f;
  return inputs;
}

/** `rank`'s weighted sum with the vector share `wv` (0: keyword only), over `vector` hits (default: the store's). */
export function weighted(wv: number, vectorOf?: (q: CapturedQuestion, c: Capture) => Hit[]): Fusion {
  return (q, c) => {
    const vector = wv > 0 ? (vectorOf ? vectorOf(q, c) : q.vector) : [];
    const w = { ...c.weights, vectorWeight: wv, keywordWeight: 1 - wv };
    return rank(vector, q.keyword, inputsOf(q, c, vector), w, c.now).map((r) => r.id);
  };
}

/** The factor-weighed, floored cosines of the vector hits rescaled so the best keeps the best cosine (as `rank` does), best first. */
function weighedVector(q: CapturedQuestion, c: Capture): Hit[] {
  const floor = c.weights.vectorFloor ?? 0;
  const inputs = inputsOf(q, c, q.vector);
  const cos = q.vector.map((h) => (h.score > floor ? h.score : 0));
  const hits = q.vector.map((h, i) => ({
    id: h.id,
    score: (cos[i] as number) * (inputs.get(h.id)?.vectorFactor ?? 1),
  }));
  const maxCos = Math.max(0, ...cos);
  const maxWeighed = Math.max(0, ...hits.map((h) => h.score));
  if (maxWeighed > maxCos) for (const h of hits) h.score = (h.score * maxCos) / maxWeighed;
  return hits.filter((h) => h.score > 0).sort((a, b) => b.score - a.score);
}

/** Ranks fused relevances with the importance and recency factor, as `rank` weighs every relevance. */
function weigh(q: CapturedQuestion, c: Capture, relevance: Map<string, number>): string[] {
  const hits = [...relevance].map(([id, score]) => ({ id, score }));
  const w = { ...c.weights, vectorWeight: 0, keywordWeight: 1 };
  return rank([], hits, inputsOf(q, c, q.vector), w, c.now).map((r) => r.id);
}

/** Reciprocal-rank fusion: 1/(k + BM25 rank) + α/(k + vector rank). */
export function rrf(k: number, alpha: number): Fusion {
  return (q, c) => {
    const s = new Map<string, number>();
    q.keyword.forEach((h, i) => s.set(h.id, 1 / (k + i + 1)));
    weighedVector(q, c).forEach((h, i) => s.set(h.id, (s.get(h.id) ?? 0) + alpha / (k + i + 1)));
    return weigh(q, c, s);
  };
}

/** BM25's relevance as it is; a vector-only candidate whose weighed cosine is ≥ τ enters with w·cos. */
export function rescue(tau: number, w: number): Fusion {
  return (q, c) => {
    const max = q.keyword[0]?.score ?? 1;
    const s = new Map(q.keyword.map((h) => [h.id, h.score / max]));
    for (const h of weighedVector(q, c)) if (!s.has(h.id) && h.score >= tau) s.set(h.id, w * h.score);
    return weigh(q, c, s);
  };
}

/** The share of the query's terms (the index's tokenizer) that none of BM25's candidates holds in content or speaker. */
export function unmatchedShare(q: CapturedQuestion, c: Capture): number {
  const held = new Set<string>();
  for (const h of q.keyword) {
    const m = c.memories.get(h.id);
    for (const t of m ? documentTerms(`${m.content} ${m.actorId ?? ""}`) : []) held.add(t);
  }
  const terms = queryTerms(q.question);
  return terms.length ? terms.filter((t) => !held.has(t)).length / terms.length : 0;
}

/** Coverage gate: the weighted sum with the vector share w0 × {@link unmatchedShare}. */
export const coverageGate =
  (w0: number): Fusion =>
  (q, c) =>
    weighted(w0 * unmatchedShare(q, c))(q, c);

const vectors = new WeakMap<Capture, Map<string, Float32Array>>();
/** Local vectors of every memory, as stored (the local embedder over `embeddingText`). */
function vectorsOf(c: Capture): Map<string, Float32Array> {
  let v = vectors.get(c);
  if (!v) {
    v = new Map([...c.memories.values()].map((m) => [m.id, localEmbedding(vectorText(m))]));
    vectors.set(c, v);
  }
  return v;
}

/**
 * Pseudo-relevance feedback in vector space (Rocchio): the query's local vector plus β × the mean
 * of the vectors of BM25's best `m` hits, normalised; exact cosine over the user's memories.
 */
export function rocchioHits(beta: number, m: number): (q: CapturedQuestion, c: Capture) => Hit[] {
  return (q, c) => {
    const all = vectorsOf(c);
    const v = localEmbedding(q.question);
    const top = q.keyword.slice(0, m);
    for (const h of top) {
      const d = all.get(h.id) as Float32Array;
      for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) + (beta / top.length) * (d[i] as number);
    }
    const norm = Math.sqrt(dot(v, v)) || 1;
    for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) / norm;
    return (c.byUser.get(`conv-${q.conv}`) ?? [])
      .map((id) => ({ id, score: dot(v, all.get(id) as Float32Array) }))
      .sort((a, b) => b.score - a.score)
      .slice(0, SEARCH_POOL);
  };
}

/** How {@link poolNormalised} maps a question's cosines: over the pool's `min` or its `median`. */
export type PoolBase = "min" | "median";

/**
 * The vector hits with their cosines normalised per query over the pool, as BM25's part is
 * (`bm25/max`): `(cos − base)/(max − base)` clipped at 0, `base` the pool's least or median cosine.
 * Blind to the model's cosine offset and scale (an affine change of every cosine gives the same parts).
 */
export function poolNormalised(base: PoolBase): (q: CapturedQuestion) => Hit[] {
  return (q) => {
    const cos = q.vector.map((h) => h.score).sort((a, b) => a - b);
    const max = cos[cos.length - 1] ?? 0;
    const low = base === "min" ? (cos[0] ?? 0) : (cos[Math.floor((cos.length - 1) / 2)] ?? 0);
    const span = max - low;
    return q.vector.map((h) => ({ id: h.id, score: span > 1e-9 ? Math.max(0, (h.score - low) / span) : 1 }));
  };
}

/** {@link poolNormalised} `min` on both parts: BM25 too as `(bm25 − min)/(max − min)` over its pool (a symmetric sum). */
export function minMaxBoth(wv: number): Fusion {
  return (q, c) => {
    const vector = wv > 0 ? poolNormalised("min")(q) : [];
    const keyword = poolNormalised("min")({ ...q, vector: q.keyword });
    const w = { ...c.weights, vectorWeight: wv, keywordWeight: 1 - wv };
    return rank(vector, keyword, inputsOf(q, c, vector), w, c.now).map((r) => r.id);
  };
}
