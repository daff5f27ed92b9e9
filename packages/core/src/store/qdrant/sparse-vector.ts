import { fnv1a } from "../../indexing/fnv1a.js";
import { BM25, searchTags, termFrequencies } from "../../indexing/search-tags.js";
import type { IndexedParts } from "../../indexing/search-tags.js";
import { queryTerms } from "../../indexing/tokenizer.js";

/** A Qdrant sparse vector: unique uint32 indices and their weights. */
export interface SparseVector {
  indices: number[];
  values: number[];
}

/** Assumed average length (in terms) of a memory: memories are short facts (Qdrant's `idf` modifier gives the IDF). */
const AVG_LENGTH = 16;
/** At most this many query terms go into one sparse query. */
const MAX_QUERY_TERMS = 32;

/** The uint32 dimension of an index term (from the shared tokenizer, `indexing/tokenizer.ts`). */
export function termIndex(t: string): number {
  return fnv1a(t);
}

function toSparse(weights: Map<number, number>): SparseVector {
  const indices = [...weights.keys()].sort((a, b) => a - b);
  return { indices, values: indices.map((i) => weights.get(i) as number) };
}

/**
 * The sparse document vector of a memory: the terms the SQLite index gives it (content, tags at
 * half weight; `termFrequencies`), BM25-saturated. Two terms hashing to one index add up.
 */
export function documentVector(memory: IndexedParts): SparseVector {
  const { tf, length } = termFrequencies(memory.content, searchTags(memory));
  const norm = BM25.k1 * (1 - BM25.b + (BM25.b * length) / AVG_LENGTH);
  const counts = new Map<number, number>();
  for (const [t, f] of tf) counts.set(termIndex(t), (counts.get(termIndex(t)) ?? 0) + f);
  const weights = new Map<number, number>();
  for (const [index, f] of counts) weights.set(index, (f * (BM25.k1 + 1)) / (f + norm));
  return toSparse(weights);
}

/**
 * The sparse query vector of free text: its query terms (`queryTerms`: content words, stopwords
 * only when nothing else is left, at most `maxTerms`), each with weight 1. Null when the text has
 * no words at all.
 */
export function queryVector(text: string, maxTerms = MAX_QUERY_TERMS): SparseVector | null {
  const chosen = queryTerms(text, maxTerms);
  if (chosen.length === 0) return null;
  return toSparse(new Map(chosen.map((t) => [termIndex(t), 1])));
}
