import type { Memory } from "../types/memory.js";
import { documentTerms } from "./tokenizer.js";

/** Weight of a word in the tags (speaker, entities, topics, neighbouring messages) against one in the content. */
export const TAG_WEIGHT = 0.5;

/** BM25's term-frequency saturation (k1) and length normalisation (b), the same in every store. */
export const BM25 = { k1: 1.2, b: 0.75 } as const;

/** What of a memory the keyword index sees: content, speaker, entities, topics, neighbouring messages. */
export type IndexedParts = Pick<Memory, "content" | "entities" | "topics"> & {
  actorId?: string | null;
  context?: string | null;
};

/** Text the keyword index sees besides the content: who said it, entities, topics and the surrounding messages. */
export function searchTags(m: Omit<IndexedParts, "content">): string {
  return [...(m.actorId ? [m.actorId] : []), ...m.entities, ...m.topics, ...(m.context ? [m.context] : [])].join(" ");
}

/** A document's weighted term frequencies and its length (tags count {@link TAG_WEIGHT}). */
export interface TermFrequencies {
  tf: Map<string, number>;
  length: number;
}

/** The term frequencies of a document made of `content` and `tags` (the text of {@link searchTags}). */
export function termFrequencies(content: string, tags: string): TermFrequencies {
  const tf = new Map<string, number>();
  const contentTerms = documentTerms(content);
  const tagTerms = documentTerms(tags);
  for (const t of contentTerms) tf.set(t, (tf.get(t) ?? 0) + 1);
  for (const t of tagTerms) tf.set(t, (tf.get(t) ?? 0) + TAG_WEIGHT);
  return { tf, length: contentTerms.length + TAG_WEIGHT * tagTerms.length };
}
