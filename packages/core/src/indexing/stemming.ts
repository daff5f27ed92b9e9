import { stem } from "porter2";

const ENGLISH_WORD = /^[a-z]+$/;
const CACHE_LIMIT = 50_000;
const cache = new Map<string, string>();

/**
 * The index stem of a lowercase, accent-folded word, shared by every keyword index (the SQLite
 * BM25 index and Qdrant's sparse vectors) so queries and documents meet: the Snowball English
 * stemmer (Porter2, from `porter2`, which gives the reference Snowball stems ~15× faster than a
 * generic Snowball port: it is on the path of every keyword partition's first load), so "hiking",
 * "hikes" and "hiked" all index as "hike" and "generously" as "generous". Words of other scripts
 * and words with digits are kept whole.
 */
export function indexStem(word: string): string {
  if (!ENGLISH_WORD.test(word) || word.length <= 2) return word;
  let stemmed = cache.get(word);
  if (stemmed === undefined) {
    stemmed = stem(word);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(word, stemmed);
  }
  return stemmed;
}
