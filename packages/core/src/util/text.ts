import { createHash } from "node:crypto";

/** Common English function words, left out of keyword queries and of the local embedding's word features. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  ("a an and are as at be been but by can could did do does for from had has have he her hers him his how i if in into is it its " +
    "me my of on or our ours she so than that the their them then there these they this those to too us was we were what when " +
    "where which who whom why will with would you your yours am just about also up out very really oh yeah ok okay").split(" "),
);

/** Lowercase words of a text (letters and digits of any script; apostrophes folded). */
export function words(text: string): string[] {
  return text.toLowerCase().normalize("NFKC").replace(/['’]/g, "").match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** A light English stemmer: enough to make "hiking"/"hikes"/"hiked" meet, harmless elsewhere. */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  const rules: [RegExp, string][] = [
    [/ies$/, "y"],
    [/(ss|us|is)$/, "$1"],
    [/([^s])s$/, "$1"],
    [/ing$/, ""],
    [/edly$/, ""],
    [/ed$/, ""],
    [/ly$/, ""],
  ];
  for (const [re, rep] of rules) {
    if (re.test(word)) {
      const out = word.replace(re, rep);
      return out.length >= 3 ? out : word;
    }
  }
  return word;
}

/** Content with case, white space and trailing punctuation folded: what "the same memory" means. */
export function normalizeContent(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\s+/g, " ").trim().replace(/[.!?]+$/, "");
}

/** Stable hash of normalised content (dedup key). */
export function contentHash(text: string): string {
  return createHash("sha256").update(normalizeContent(text)).digest("hex").slice(0, 32);
}
