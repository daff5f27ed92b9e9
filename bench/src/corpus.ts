import { seededRandom } from "@cortex-mem/testkit";

/**
 * Synthetic memories with a realistic word distribution: a 20k-word vocabulary drawn with Zipf's
 * law (a few words very common, most rare), short sentences like the facts agents store.
 * Deterministic for a seed, so both sides of a comparison see the same data.
 */
const SYLLABLES = [
  "ka",
  "lo",
  "mi",
  "ra",
  "ten",
  "vo",
  "shi",
  "an",
  "del",
  "po",
  "ru",
  "zen",
  "qua",
  "bri",
  "tor",
  "el",
  "mon",
  "ca",
  "sa",
  "fi",
];
const COMMON =
  "the a to and of in is it for on with my i was at we have like about this that you go went get love work new time day friend family really".split(
    " ",
  );

function vocabulary(size: number): string[] {
  const words: string[] = [...COMMON];
  for (let i = 0; words.length < size; i++) {
    let w = "";
    let n = i + 1;
    do {
      w += SYLLABLES[n % SYLLABLES.length];
      n = Math.floor(n / SYLLABLES.length);
    } while (n > 0);
    words.push(w);
  }
  return words;
}

/** Draws word indexes with P(rank r) ∝ 1/r. */
function zipf(size: number, random: () => number): () => number {
  const cdf = new Float64Array(size);
  let sum = 0;
  for (let r = 0; r < size; r++) cdf[r] = sum += 1 / (r + 1);
  return () => {
    const x = random() * sum;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cdf[mid] as number) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

/** `n` sentences of 6–16 words. */
export function sentences(n: number, seed = 1): string[] {
  const vocab = vocabulary(20_000);
  const random = seededRandom(seed);
  const draw = zipf(vocab.length, random);
  return Array.from({ length: n }, () =>
    Array.from({ length: 6 + Math.floor(random() * 11) }, () => vocab[draw()]).join(" "),
  );
}

/** Queries of 3–6 words taken from random sentences of the corpus (so they have answers). */
export function queries(corpus: string[], n: number, seed = 2): string[] {
  const random = seededRandom(seed);
  return Array.from({ length: n }, () => {
    const words = (corpus[Math.floor(random() * corpus.length)] as string).split(" ");
    const len = 3 + Math.floor(random() * 4);
    const start = Math.floor(random() * Math.max(1, words.length - len));
    return words.slice(start, start + len).join(" ");
  });
}
