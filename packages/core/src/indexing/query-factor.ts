import { SAID_WITHIN_FACTOR, dateFactor } from "./query-dates.js";
import { SPEAKER_FACTOR, speakerFactor } from "./query-speaker.js";

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
