import type { ProbeResult } from "../providers/probe.js";

/**
 * The embedding port: turns texts into unit-length vectors, in batches. `id` names the model and
 * version so a store can tell vectors of different embedders apart.
 */
export interface Embedder {
  readonly id: string;
  /**
   * Cosine similarity at or below which two texts share nothing for this embedder (its noise);
   * search counts such a vector score as no relevance. 0 when unknown.
   */
  readonly noiseFloor?: number;
  /** Vector size; probes the provider once when it was not configured. */
  dimensions(signal?: AbortSignal): Promise<number>;
  /** One vector per text, in order; fails with `EMBEDDING`/`TIMEOUT`/`RATE_LIMITED`, never returns a short list. */
  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
  /**
   * Checks the provider answers and accepts the credentials with its smallest real request; never
   * throws. Optional: `probeEmbedder` embeds one word for an embedder without it.
   */
  probe?(signal?: AbortSignal): Promise<ProbeResult>;
}

/** Scales `v` to unit length in place (a zero vector stays zero). */
export function normalize(v: Float32Array): Float32Array {
  let sum = 0;
  for (let i = 0; i < v.length; i++) sum += (v[i] as number) * (v[i] as number);
  if (sum === 0) return v;
  const inv = 1 / Math.sqrt(sum);
  for (let i = 0; i < v.length; i++) v[i] = (v[i] as number) * inv;
  return v;
}

/** Dot product of two vectors of equal length (cosine when both are unit length). */
export function dot(a: Float32Array, b: Float32Array): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  const n = a.length - (a.length % 4);
  for (let i = 0; i < n; i += 4) {
    s0 += (a[i] as number) * (b[i] as number);
    s1 += (a[i + 1] as number) * (b[i + 1] as number);
    s2 += (a[i + 2] as number) * (b[i + 2] as number);
    s3 += (a[i + 3] as number) * (b[i + 3] as number);
  }
  for (let i = n; i < a.length; i++) s0 += (a[i] as number) * (b[i] as number);
  return s0 + s1 + s2 + s3;
}
