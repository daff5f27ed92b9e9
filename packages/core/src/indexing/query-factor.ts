import { SAID_WITHIN_FACTOR, dateFactor } from "./query-dates.js";
import { SPEAKER_FACTOR, speakerFactor } from "./query-speaker.js";
import { queryTerms } from "./tokenizer.js";

/** What the query's factor reads of a memory: when it was said, and by whom (index terms). */
export interface FactorDoc {
  observedAt: number;
  speaker: readonly string[];
}

/** A per-memory factor of the keyword score, and the most it can give (so a search skips memories it cannot lift). */
export interface QueryFactor {
  max: number;
  of: (doc: FactorDoc) => number;
}

/**
 * The factor a query gives each memory it matched: the dates it names against when the memory was
 * said (`query-dates.ts`) times its names against who said it (`query-speaker.ts`), counting only
 * the query terms for which `speaks` is true (terms naming a speaker of the memories searched, so a
 * query naming nobody costs nothing). Undefined when neither applies.
 */
export function queryFactor(
  text: string,
  query: readonly string[],
  speaks: (term: string) => boolean,
): QueryFactor | undefined {
  const dates = dateFactor(text);
  const names = query.filter(speaks);
  const speakers = names.length ? speakerFactor(names) : undefined;
  if (dates && speakers) return { max: SAID_WITHIN_FACTOR * SPEAKER_FACTOR, of: (d) => dates(d) * speakers(d) };
  if (dates) return { max: SAID_WITHIN_FACTOR, of: dates };
  if (speakers) return { max: SPEAKER_FACTOR, of: speakers };
  return undefined;
}

/**
 * The query's factor over a set of candidates that carry who said them (a store without a keyword
 * partition, and core's vector part): the query terms that name a speaker of one of `docs` count as
 * names. Gives each candidate the same factor {@link queryFactor} gives it in the SQLite partition.
 */
export function candidatesFactor(text: string, docs: readonly FactorDoc[]): QueryFactor | undefined {
  const speakers = new Set<string>();
  for (const d of docs) for (const t of d.speaker) speakers.add(t);
  return queryFactor(text, queryTerms(text), (t) => speakers.has(t));
}

/**
 * `hits` (best first by `score`) weighed by the query's factor and cut to `limit`, best first; cut
 * only when the query names no date and no speaker of them. For a store that scores keywords
 * elsewhere (Qdrant): it asks for a larger pool, then weighs it here.
 */
export function weighByQuery<T extends FactorDoc & { score: number }>(text: string, hits: T[], limit: number): T[] {
  const factor = candidatesFactor(text, hits);
  if (!factor) return hits.slice(0, limit);
  return hits
    .map((h) => ({ ...h, score: h.score * factor.of(h) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, limit);
}
