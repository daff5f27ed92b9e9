import { candidatesFactor } from "../indexing/query-factor.js";
import { speakerTerms } from "../indexing/query-speaker.js";
import type { Memory } from "../types/memory.js";

/**
 * The query's factor for each of `memories` (the dates `text` names against when each was said,
 * the names in it against who said it: `indexing/query-factor.ts`, the code the stores weigh BM25
 * with), by id; undefined when the query names neither. Core applies it to the vector part of the
 * fusion (`scoring.ts` `rank`), so a query naming a date or a speaker favours the same memories
 * through vectors as through keywords.
 */
export function queryFactors(text: string, memories: readonly Memory[]): Map<string, number> | undefined {
  const docs = memories.map((m) => ({
    id: m.id,
    observedAt: new Date(m.observedAt).getTime(),
    speaker: speakerTerms(m.actorId ?? null, m.content),
  }));
  const factor = candidatesFactor(text, docs);
  return factor && new Map(docs.map((d) => [d.id, factor.of(d)]));
}
