import type { Memory } from "../../types/memory.js";
import { indexStem } from "../../util/stemming.js";
import { STOPWORDS, words } from "../../util/text.js";
import { searchTags } from "../sqlite/rows.js";
import { fnv1a } from "./point-id.js";

/** A Qdrant sparse vector: unique uint32 indices and their weights. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** BM25's term-frequency saturation and length normalisation; Qdrant's `idf` modifier supplies the IDF. */
const K1 = 1.2;
const B = 0.75;
/** Assumed average length (in words) of a memory: memories are short facts. */
const AVG_LENGTH = 16;
/** Tags (speaker, entities, topics, context) count half, as the SQLite index weights its `tags` column. */
const TAG_WEIGHT = 0.5;
const LATIN = /^[\p{Script=Latin}\p{M}\p{N}]+$/u;

/**
 * The index term of a word: diacritics folded for Latin script (like FTS5's `remove_diacritics`),
 * then stemmed as the SQLite index stems ({@link indexStem}).
 */
export function term(word: string): string {
  return indexStem(LATIN.test(word) ? word.normalize("NFD").replace(/\p{M}/gu, "") : word);
}

/** The uint32 dimension of a term. */
export function termIndex(t: string): number {
  return fnv1a(t);
}

function toSparse(weights: Map<number, number>): SparseVector {
  const indices = [...weights.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((i) => weights.get(i) as number) };
}

/** The sparse document vector of a memory: BM25-saturated term frequencies of its content and tags. */
export function documentVector(
  memory: Pick<Memory, "content" | "actorId" | "entities" | "topics" | "context">,
): SparseVector {
  const tf = new Map<number, number>();
  let length = 0;
  const count = (text: string, weight: number): void => {
    for (const w of words(text)) {
      const index = termIndex(term(w));
      tf.set(index, (tf.get(index) ?? 0) + weight);
      length += weight;
    }
  };
  count(memory.content, 1);
  count(searchTags(memory as Memory), TAG_WEIGHT);
  const norm = K1 * (1 - B + (B * length) / AVG_LENGTH);
  const weights = new Map<number, number>();
  for (const [index, f] of tf) weights.set(index, (f * (K1 + 1)) / (f + norm));
  return toSparse(weights);
}

/**
 * The sparse query vector of free text: its distinct words (stopwords dropped unless nothing else
 * is left, at most `maxTerms`), each with weight 1. Null when the text has no words at all.
 */
export function queryVector(text: string, maxTerms = 32): SparseVector | null {
  const all = [...new Set(words(text))];
  const content = all.filter((w) => !STOPWORDS.has(w));
  const chosen = (content.length ? content : all).slice(0, maxTerms);
  if (chosen.length === 0) return null;
  return toSparse(new Map(chosen.map((w) => [termIndex(term(w)), 1])));
}
