import { termFrequencies } from "../../indexing/search-tags.js";
import { speakerTerms } from "../../indexing/query-speaker.js";
import type { QueryFactor } from "../../indexing/query-factor.js";
import { ALIVE, DocColumns, SUPERSEDED } from "./keyword-columns.js";
import { Postings } from "./keyword-postings.js";
import { searchKeywords } from "./keyword-search.js";
import type { CorpusStats, KeywordHit } from "./keyword-search.js";
import { decodeSnapshot, encodeSnapshot } from "./keyword-snapshot.js";
import { TimeNeighbours } from "./time-neighbours.js";
import type { RowPredicate } from "./vector-partition.js";

export type { CorpusStats } from "./keyword-search.js";

/** The statistics of `partitions` together, for the terms of `query`. */
export function corpusStats(partitions: KeywordPartition[], query: string[]): CorpusStats {
  const df = new Map(query.map((t) => [t, partitions.reduce((sum, p) => sum + p.df(t), 0)]));
  return {
    n: partitions.reduce((sum, p) => sum + p.size, 0),
    totalLength: partitions.reduce((sum, p) => sum + p.totalLength, 0),
    df,
  };
}

/** What one memory contributes to the index. */
export interface KeywordDoc {
  rid: number;
  id: string;
  importance: number;
  observedAt: number;
  agentId: string | null;
  runId: string | null;
  superseded: boolean;
  /** When it expires (epoch ms), null: never. */
  expiresAt?: number | null;
  content: string;
  tags: string;
  /** Who said it (`actorId`), when known. */
  actorId?: string | null;
}

/**
 * An in-process BM25 index of one user's memories (content, plus tags at half weight; terms from
 * the shared tokenizer, `indexing/`), the same scoring FTS5's bm25() gives without its per-row
 * function-call cost. Memories live in columns by slot (`keyword-columns.ts`), terms once each with
 * their postings in one typed arena (`keyword-postings.ts`), and a search works in scratch arrays
 * shared by all partitions (`keyword-search.ts`): 100k memories take a few tens of MB.
 */
export class KeywordPartition {
  readonly #docs = new DocColumns();
  readonly #postings = new Postings();
  readonly #neighbours = new TimeNeighbours(this.#docs);
  #totalLen = 0;
  /** How many memories each speaker term has said (`speakerTerms`). */
  readonly #speakers = new Map<string, number>();

  get size(): number {
    return this.#docs.live;
  }

  /** Sum of the documents' lengths (for statistics over several partitions). */
  get totalLength(): number {
    return this.#totalLen;
  }

  /** How many documents hold `term`. */
  df(term: string): number {
    this.#postings.flush();
    const tid = this.#postings.ids.get(term);
    return tid === undefined ? 0 : (this.#postings.count[tid] as number);
  }

  /** Whether `term` names who said one of the memories held (see `indexing/query-speaker.ts`). */
  speaks(term: string): boolean {
    return this.#speakers.has(term);
  }

  /** The memory id held for `rid`, if any (to check a restored partition against its database). */
  idOf(rid: number): string | undefined {
    const slot = this.#docs.slot.get(rid);
    return slot === undefined ? undefined : this.#docs.ids[slot];
  }

  /**
   * Makes room for `more` memories beyond those held, each column allocated once at its final
   * size, for a load that knows how many rows it will add (grown by doubling otherwise, the
   * replaced arrays held in the C heap until a garbage collection).
   */
  reserve(more: number): void {
    const slots = this.#docs.used + more;
    this.#docs.reserve(slots);
    this.#postings.reserve(slots);
    this.#neighbours.reserve(slots);
  }

  /** Indexes `doc` (replacing the memory of the same rid, if held). */
  upsert(doc: KeywordDoc): void {
    const { tf, length } = termFrequencies(doc.content, doc.tags);
    const speaker = speakerTerms(doc.actorId ?? null, doc.content);
    this.remove(doc.rid);
    const docs = this.#docs;
    // Full of removed slots: close the gaps instead of growing.
    if (docs.used === docs.rid.length && docs.used - docs.live >= docs.live) {
      this.#postings.compact(docs.compact(), docs.used);
      this.#neighbours.invalidate();
    }
    const slot = docs.append();
    docs.rid[slot] = doc.rid;
    docs.flags[slot] = ALIVE | (doc.superseded ? SUPERSEDED : 0);
    docs.agent[slot] = docs.name(doc.agentId);
    docs.run[slot] = docs.name(doc.runId);
    docs.speaker[slot] = docs.speakers.of(speaker.join("\0"), speaker);
    docs.importance[slot] = doc.importance;
    docs.observedAt[slot] = doc.observedAt;
    docs.expiresAt[slot] = doc.expiresAt ?? NaN;
    docs.len[slot] = length;
    docs.ids[slot] = doc.id;
    docs.slot.set(doc.rid, slot);
    this.#postings.add(slot, [...tf.keys()], [...tf.values()]);
    for (const t of speaker) this.#speakers.set(t, (this.#speakers.get(t) ?? 0) + 1);
    this.#totalLen += length;
    this.#neighbours.add(slot);
  }

  /** Drops the memory of `rid`, if held (its slot is reused after the next compaction). */
  remove(rid: number): void {
    const docs = this.#docs;
    const slot = docs.slot.get(rid);
    if (slot === undefined) return;
    this.#postings.remove(slot);
    docs.slot.delete(rid);
    docs.flags[slot] = 0;
    docs.ids[slot] = "";
    docs.live--;
    this.#totalLen -= docs.len[slot] as number;
    for (const t of docs.speakerOf(slot)) {
      const left = (this.#speakers.get(t) ?? 1) - 1;
      if (left > 0) this.#speakers.set(t, left);
      else this.#speakers.delete(t);
    }
    this.#neighbours.invalidate();
  }

  /**
   * Keeps the best `k` BM25 matches passing `pass` into `top` (sorted best first); each match
   * lends part of its score to the memories said just before and after it when `neighbours` is set
   * ({@link TimeNeighbours}). Scores are weighed by query coverage (`query-coverage.ts`): a
   * match's own before it lends, and that of the match with the neighbours that lent to it after.
   * `corpus` gives the statistics (document count, average length, document frequencies) when
   * several partitions are searched together, so equal documents score equally whichever
   * partition holds them. `factor`, when given, multiplies each memory's final score (the query's
   * dates against when it was said, its names against who said it: `indexing/query-dates.ts`,
   * `indexing/query-speaker.ts`).
   */
  search(
    query: string[],
    pass: RowPredicate,
    k: number,
    top: KeywordHit[],
    corpus?: CorpusStats,
    neighbours = false,
    factor?: QueryFactor,
  ): void {
    const parts = {
      docs: this.#docs,
      postings: this.#postings,
      neighbours: this.#neighbours,
      totalLength: this.#totalLen,
    };
    searchKeywords(parts, query, pass, k, top, corpus, neighbours, factor);
  }

  /**
   * The partition as bytes (`keyword-snapshot.ts`), for {@link KeywordPartition.restore}: a
   * partition restored from them answers every search exactly as this one does.
   */
  snapshot(): Uint8Array {
    this.#postings.flush();
    this.#neighbours.ensure();
    return encodeSnapshot(this.#docs, this.#postings, this.#neighbours, this.#totalLen);
  }

  /**
   * The partition saved as `bytes` by {@link snapshot}. Throws `CortexMemError` `VALIDATION` for
   * bytes of another format version or cut short (see `isKeywordSnapshot`): rebuild from the store then.
   */
  static restore(bytes: Uint8Array): KeywordPartition {
    const partition = new KeywordPartition();
    partition.#totalLen = decodeSnapshot(bytes, partition.#docs, partition.#postings, partition.#neighbours);
    const docs = partition.#docs;
    const perList = new Int32Array(docs.speakers.values.length);
    for (let slot = 0; slot < docs.used; slot++) {
      const list = docs.speaker[slot] as number;
      perList[list] = (perList[list] as number) + 1;
    }
    docs.speakers.values.forEach((terms, i) => {
      if (perList[i] === 0) return;
      for (const t of terms) partition.#speakers.set(t, (partition.#speakers.get(t) ?? 0) + (perList[i] as number));
    });
    return partition;
  }
}
