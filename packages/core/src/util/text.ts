import { createHash } from "node:crypto";

/** Common English function words, left out of keyword queries and of the local embedding's word features. */
export const STOPWORDS: ReadonlySet<string> = new Set(
  (
    "a an and are as at be been but by can could did do does for from had has have he her hers him his how i if in into is it its " +
    "me my of on or our ours she so than that the their them then there these they this those to too us was we were what when " +
    "where which who whom why will with would you your yours am just about also up out very really oh yeah ok okay"
  ).split(" "),
);

const NON_ASCII = /[\u0080-\uffff]/;

/** Lowercase words of a text (letters and digits of any script; accents and apostrophes folded). */
export function words(text: string): string[] {
  // ASCII text (most of it) has nothing to fold: the same words without the Unicode passes.
  if (!NON_ASCII.test(text))
    return (
      text
        .toLowerCase()
        .replace(/'/g, "")
        .match(/[a-z0-9]+/g) ?? []
    );
  return (
    text
      .toLowerCase()
      .normalize("NFKD")
      .replace(/\p{M}/gu, "")
      .replace(/['’]/g, "")
      .match(/[\p{L}\p{N}]+/gu) ?? []
  );
}

const VOWEL = /[aeiou]/;
const isConsonant = (w: string, i: number): boolean => {
  const c = w[i] as string;
  if (VOWEL.test(c)) return false;
  return c !== "y" || i === 0 || !isConsonant(w, i - 1);
};
/** Porter's measure m: the number of vowel-consonant sequences. */
const measure = (w: string): number => {
  let m = 0;
  let prevVowel = false;
  for (let i = 0; i < w.length; i++) {
    const vowel = !isConsonant(w, i);
    if (!vowel && prevVowel) m++;
    prevVowel = vowel;
  }
  return m;
};
const hasVowel = (w: string): boolean => [...w].some((_, i) => !isConsonant(w, i));
const endsCvc = (w: string): boolean => {
  const n = w.length;
  return n >= 3 && isConsonant(w, n - 3) && !isConsonant(w, n - 2) && isConsonant(w, n - 1) && !/[wxy]$/.test(w);
};

/**
 * Step 1 of the Porter stemmer (plurals, -ed, -ing, -y), plus -ly: "hikes", "hiking", "hiked"
 * all become "hike"; "ponies" "poni". Words with digits are left alone.
 */
export function stem(word: string): string {
  if (word.length <= 2 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith("sses")) w = w.slice(0, -2);
  else if (w.endsWith("ies")) w = w.slice(0, -2);
  else if (!w.endsWith("ss") && w.endsWith("s")) w = w.slice(0, -1);
  if (w.endsWith("eed")) {
    if (measure(w.slice(0, -3)) > 0) w = w.slice(0, -1);
  } else {
    const suffix = w.endsWith("ed") ? 2 : w.endsWith("ing") ? 3 : 0;
    if (suffix && hasVowel(w.slice(0, -suffix))) {
      w = w.slice(0, -suffix);
      if (/(at|bl|iz)$/.test(w)) w += "e";
      else if (/([^aeiouylsz])\1$/.test(w)) w = w.slice(0, -1);
      else if (measure(w) === 1 && endsCvc(w)) w += "e";
    }
  }
  if (w.endsWith("ly") && measure(w.slice(0, -2)) > 0) w = w.slice(0, -2);
  else if (w.endsWith("y") && hasVowel(w.slice(0, -1))) w = `${w.slice(0, -1)}i`;
  return w;
}

/** Content with case, white space and trailing punctuation folded: what "the same memory" means. */
export function normalizeContent(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim()
    .replace(/[.!?]+$/, "");
}

/** Stable hash of normalised content (dedup key). */
export function contentHash(text: string): string {
  return createHash("sha256").update(normalizeContent(text)).digest("hex").slice(0, 32);
}
