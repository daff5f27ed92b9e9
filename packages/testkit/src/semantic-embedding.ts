// Stand-in embeddings with the geometry of real text-embedding models, for benchmarks at model size.
import { seededRandom } from "./seeded-random.js";

/** Latent dimension: real text embeddings of 768–1536 dims have an intrinsic dimension of a few dozen. */
const LATENT = 64;
/** Number of topics words are drawn around: vectors of texts on one topic form a cluster. */
const TOPICS = 64;

function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Standard normal draws from a seeded uniform source (Box–Muller). */
function gaussian(random: () => number): () => number {
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Topic centroids around a shared direction (every text is somewhat alike, as with real models). */
const centroids = (() => {
  const normal = gaussian(seededRandom(0x5eed));
  const shared = Float64Array.from({ length: LATENT }, normal);
  return Array.from({ length: TOPICS }, () => Float64Array.from(shared, (s) => 0.45 * s + normal()));
})();
const projections = new Map<number, Float64Array>();
const words = new Map<string, Float64Array>();

/** The fixed LATENT × dimensions projection into the embedding space, one per dimension. */
function projection(dimensions: number): Float64Array {
  let p = projections.get(dimensions);
  if (!p) {
    const normal = gaussian(seededRandom(dimensions));
    p = Float64Array.from({ length: LATENT * dimensions }, normal);
    projections.set(dimensions, p);
  }
  return p;
}

/** A word's latent vector: its topic's centroid plus a word-specific offset (seeded by the word). */
function wordVector(word: string): Float64Array {
  let v = words.get(word);
  if (!v) {
    const hash = fnv1a(word);
    const centroid = centroids[hash % TOPICS] as Float64Array;
    const normal = gaussian(seededRandom(hash));
    v = Float64Array.from(centroid, (c) => c + 1.2 * normal());
    if (words.size < 200_000) words.set(word, v);
  }
  return v;
}

/**
 * A model-like embedding: each word is a point near one of 64 topic centroids in a 64-dimensional
 * latent space; a text is the mean of its words' points, projected into `dimensions` by a fixed
 * Gaussian matrix, plus a little isotropic noise (a tenth of the signal), then L2-normalised.
 * So, like vectors of real text-embedding models (and unlike hashed or random vectors), texts on
 * one topic cluster, texts sharing words are close, unrelated texts still have a positive cosine,
 * and the vectors span a low-dimensional subspace — the geometry HNSW and quantization are built
 * for. Deterministic: the same text and dimension always give the same float32-exact vector.
 */
export function semanticEmbedding(text: string, dimensions: number): number[] {
  if (!Number.isInteger(dimensions) || dimensions < 1) {
    throw new RangeError(`dimensions must be a positive integer, got ${dimensions}`);
  }
  const tokens = text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [text];
  const latent = new Float64Array(LATENT);
  for (const token of tokens) {
    const w = wordVector(token);
    for (let i = 0; i < LATENT; i++) latent[i] = (latent[i] as number) + (w[i] as number) / tokens.length;
  }
  const p = projection(dimensions);
  const noise = gaussian(seededRandom(fnv1a(text) ^ 0x9e3779b9));
  const out = new Float64Array(dimensions);
  let signal = 0;
  for (let d = 0; d < dimensions; d++) {
    let x = 0;
    for (let i = 0; i < LATENT; i++) x += (latent[i] as number) * (p[i * dimensions + d] as number);
    out[d] = x;
    signal += x * x;
  }
  const sigma = 0.1 * Math.sqrt(signal / dimensions);
  let norm = 0;
  for (let d = 0; d < dimensions; d++) {
    const x = (out[d] as number) + sigma * noise();
    out[d] = x;
    norm += x * x;
  }
  norm = Math.sqrt(norm) || 1;
  return Array.from(out, (x) => Math.fround(x / norm));
}
