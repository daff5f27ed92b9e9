import { documentTerms } from "./tokenizer.js";

/**
 * Who said a memory, against the names a query holds: a question about Melanie ("what has Melanie
 * painted?") is answered by what Melanie said more often than by what was said to her ("Wow,
 * Melanie, ..."), which BM25 alone ranks as high. The speaker is the memory's actor (a message's
 * `name`), or for content added as `"Name: text"` (one add per turn, as many agents do) that name.
 */

/** How much more a memory said by someone the query names scores. */
export const SPEAKER_FACTOR = 3;

const NAME_PREFIX = /^\s*(\p{L}[\p{L}\p{M} .'’-]{0,39}):\s/u;
const NONE: readonly string[] = [];
const CACHE_LIMIT = 10_000;
const cache = new Map<string, readonly string[]>();

/** The index terms of a name, shared between the memories of one speaker (a speaker costs one array). */
function nameTerms(name: string): readonly string[] {
  let terms = cache.get(name);
  if (terms === undefined) {
    const found = documentTerms(name);
    terms = found.length ? found : NONE;
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(name, terms);
  }
  return terms;
}

/**
 * The index terms of who said a memory: its actor's name, else the name its content starts with
 * (`"Caroline: I went to a support group"`, a name of at most 40 letters, spaces, dots,
 * apostrophes or hyphens before a colon and a space); empty when neither.
 */
export function speakerTerms(actorId: string | null, content: string): readonly string[] {
  if (actorId) return nameTerms(actorId);
  const m = NAME_PREFIX.exec(content);
  return m ? nameTerms(m[1] as string) : NONE;
}

/**
 * The factor of each memory's keyword score for a query of these index terms: ×
 * {@link SPEAKER_FACTOR} when one of the query's terms names its speaker, ×1 otherwise. It only
 * reweighs memories that matched the query's words. (Chosen on LoCoMo 0–2, kept on 3–4:
 * docs/BENCHMARKS.md.)
 */
export function speakerFactor(query: readonly string[]): (doc: { speaker: readonly string[] }) => number {
  const named = new Set(query);
  return ({ speaker }) => {
    for (let i = 0; i < speaker.length; i++) if (named.has(speaker[i] as string)) return SPEAKER_FACTOR;
    return 1;
  };
}
