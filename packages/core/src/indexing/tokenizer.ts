import { STOPWORDS, words } from "../util/text.js";
import { indexStem } from "./stemming.js";

/**
 * The one tokenizer of every keyword index (the SQLite store's BM25 partitions and the Qdrant
 * store's sparse vectors), so a query finds the same memories whichever store holds them. A text
 * becomes its words (lowercase, accents and apostrophes folded: {@link words}), stemmed by
 * {@link indexStem}.
 */

/** The index term of one word: folded like {@link words} does, then stemmed. */
export function indexTerm(word: string): string {
  return indexStem(word.toLowerCase().normalize("NFKD").replace(/\p{M}/gu, ""));
}

/** The terms a document contributes to an index: its words without stopwords, stemmed, in order. */
export function documentTerms(text: string): string[] {
  return words(text)
    .filter((w) => !STOPWORDS.has(w))
    .map(indexStem);
}

/**
 * The distinct terms of a query: its content words, or every word when it has nothing but
 * stopwords (which then match nothing: documents do not index stopwords), at most `maxTerms`.
 * Empty when the text has no words at all. Query syntax (FTS operators, quotes) is never
 * interpreted: it is punctuation, or a word like any other.
 */
export function queryTerms(text: string, maxTerms = Number.POSITIVE_INFINITY): string[] {
  const content = documentTerms(text);
  const chosen = content.length ? content : words(text).map(indexStem);
  return [...new Set(chosen)].slice(0, maxTerms);
}
