import type { Embedder } from "./embedder.js";
import { probeEmbedder } from "../providers/probe.js";
import type { ProbeResult } from "../providers/probe.js";

/** Texts to embed ahead, in the same request as the first call, and where their vectors go. */
export interface EmbedAhead {
  texts: string[];
  onVectors(vectors: Map<string, Float32Array>): void;
}

/**
 * An embedder for one add run by the job worker: texts whose vectors were fetched ahead (by an
 * earlier job's request) are served from `known`; the rest go to `inner`, and the first request
 * also carries `ahead` — the texts of the adds queued behind — so N queued adds cost one request.
 */
export class FetchAheadEmbedder implements Embedder {
  readonly id: string;
  readonly noiseFloor?: number;
  readonly #inner: Embedder;
  readonly #known: Map<string, Float32Array>;
  #ahead: EmbedAhead | undefined;

  constructor(inner: Embedder, known: Map<string, Float32Array>, ahead?: EmbedAhead) {
    this.#inner = inner;
    this.id = inner.id;
    if (inner.noiseFloor !== undefined) this.noiseFloor = inner.noiseFloor;
    this.#known = known;
    this.#ahead = ahead;
  }

  dimensions(signal?: AbortSignal): Promise<number> {
    return this.#inner.dimensions(signal);
  }

  /** The inner embedder's probe. */
  probe(signal?: AbortSignal): Promise<ProbeResult> {
    return probeEmbedder(this.#inner, signal);
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const missing = [...new Set(texts.filter((t) => !this.#known.has(t)))];
    const ahead = this.#ahead;
    this.#ahead = undefined;
    const extra = ahead ? [...new Set(ahead.texts.filter((t) => !this.#known.has(t) && !missing.includes(t)))] : [];
    if (missing.length + extra.length > 0) {
      const vectors = await this.#inner.embed([...missing, ...extra], signal);
      missing.forEach((t, i) => this.#known.set(t, vectors[i] as Float32Array));
      if (ahead) ahead.onVectors(new Map(extra.map((t, i) => [t, vectors[missing.length + i] as Float32Array])));
    }
    return texts.map((t) => this.#known.get(t) as Float32Array);
  }
}
