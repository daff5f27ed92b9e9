import { fnv1a } from "../indexing/fnv1a.js";
import { mapYielding } from "../util/yield.js";
import { STOPWORDS, stem, words } from "../util/text.js";
import type { Embedder } from "./embedder.js";
import { normalize } from "./embedder.js";
import { offlineProbe } from "../providers/probe.js";
import type { ProbeResult } from "../providers/probe.js";

/** Default size of local vectors. */
export const LOCAL_EMBEDDING_DIMENSIONS = 384;

function addFeature(v: Float32Array, feature: string, weight: number): void {
  const h = fnv1a(feature);
  const index = h % v.length;
  v[index] = (v[index] as number) + ((h & 0x80000000) === 0 ? weight : -weight);
}

/**
 * Turns one text into a unit vector by signed feature hashing: stemmed content words, word
 * bigrams, and character trigrams (which catch typos and inflections the stemmer misses).
 * Deterministic, offline, no model file.
 */
export function localEmbedding(text: string, dimensions = LOCAL_EMBEDDING_DIMENSIONS): Float32Array {
  const v = new Float32Array(dimensions);
  const all = words(text);
  const content = all.filter((w) => !STOPWORDS.has(w)).map(stem);
  const counts = new Map<string, number>();
  for (const w of content) counts.set(w, (counts.get(w) ?? 0) + 1);
  for (const [w, n] of counts) {
    addFeature(v, `w:${w}`, 1 + Math.log(n));
    const padded = `#${w}#`;
    const grams = padded.length - 2;
    for (let i = 0; i < grams; i++) addFeature(v, `c:${padded.slice(i, i + 3)}`, 0.35 / Math.sqrt(grams));
  }
  for (let i = 0; i + 1 < content.length; i++) addFeature(v, `b:${content[i]} ${content[i + 1]}`, 0.5);
  if (counts.size === 0) for (const w of all) addFeature(v, `w:${w}`, 1);
  return normalize(v);
}

/** The no-network default embedder (see {@link localEmbedding}). */
export class LocalEmbedder implements Embedder {
  readonly id: string;
  /**
   * Hashed features collide: unrelated short texts reach cosines of a few hundredths (0.098 at the
   * 95th percentile of 190 unrelated pairs), while one shared content word gives 0.3 and more.
   */
  readonly noiseFloor = 0.1;
  readonly #dimensions: number;

  constructor(options: { dimensions?: number } = {}) {
    this.#dimensions = options.dimensions ?? LOCAL_EMBEDDING_DIMENSIONS;
    this.id = `local-hash-v2:${this.#dimensions}`;
  }

  async dimensions(): Promise<number> {
    return this.#dimensions;
  }

  /** Offline: nothing to reach. */
  async probe(): Promise<ProbeResult> {
    return offlineProbe(
      { provider: "local", model: this.id, baseUrl: null },
      `offline, ${this.#dimensions} dimensions, no model file`,
    );
  }

  /** CPU-bound: yields to the event loop between small batches, so a large add never stalls other requests. */
  async embed(texts: string[]): Promise<Float32Array[]> {
    return mapYielding(texts, (t) => localEmbedding(t, this.#dimensions));
  }
}
