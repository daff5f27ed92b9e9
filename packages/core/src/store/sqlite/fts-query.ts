import { STOPWORDS, words } from "../../util/text.js";

/**
 * Builds an FTS5 MATCH expression from free text: its words, each quoted (so `"`, `AND`, `*`,
 * `NEAR(` are only ever words), ORed. Stopwords are dropped unless nothing else is left.
 * Returns null when the text has no words at all.
 */
export function ftsMatchExpression(text: string, maxTerms = 32): string | null {
  const all = [...new Set(words(text))];
  const content = all.filter((w) => !STOPWORDS.has(w));
  const terms = (content.length ? content : all).slice(0, maxTerms);
  if (terms.length === 0) return null;
  return terms.map((t) => `"${t.replace(/"/g, '""')}"`).join(" OR ");
}
