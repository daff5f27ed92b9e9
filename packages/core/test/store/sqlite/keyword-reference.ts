/**
 * The keyword partition as it was before its columnar layout (session 6, commit 1ad6f87), kept
 * unchanged as the reference the layout is proven against: scores and rankings bit for bit.
 */
import { BM25, termFrequencies } from "../../../src/indexing/search-tags.js";
import {
  CONTEXT_COVERAGE_POWER,
  OWN_COVERAGE_POWER,
  coverage,
  termBit,
} from "../../../src/store/sqlite/query-coverage.js";
import { TimeNeighbours } from "./time-neighbours-reference.js";
import { speakerTerms } from "../../../src/indexing/query-speaker.js";
import type { QueryFactor } from "../../../src/indexing/query-factor.js";
import { allows } from "../../../src/store/sqlite/vector-partition.js";
import type { RowPredicate } from "../../../src/store/sqlite/vector-partition.js";

const { k1: K1, b: B } = BM25;

/** BM25 statistics of several partitions searched together. */
export interface CorpusStats {
  n: number;
  totalLength: number;
  df: Map<string, number>;
}

/** The statistics of `partitions` together, for the terms of `query`. */
export function corpusStats(partitions: ReferencePartition[], query: string[]): CorpusStats {
  const df = new Map(query.map((t) => [t, partitions.reduce((sum, p) => sum + p.df(t), 0)]));
  return {
    n: partitions.reduce((sum, p) => sum + p.size, 0),
    totalLength: partitions.reduce((sum, p) => sum + p.totalLength, 0),
    df,
  };
}

interface Doc {
  id: string;
  importance: number;
  observedAt: number;
  agentId: string | null;
  runId: string | null;
  superseded: boolean;
  expiresAt: number | null;
  terms: string[];
  len: number;
  /** Index terms of who said it (its actor, or the "Name:" it starts with). */
  speaker: readonly string[];
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
 * the shared tokenizer, `indexing/`), the
 * same scoring FTS5's bm25() gives but without its per-row function-call cost: postings are flat
 * `[rid, tf, length]` triples, so a common word over 100k memories scores in well under a millisecond.
 */
export class ReferencePartition {
  readonly #postings = new Map<string, number[]>();
  readonly #docs = new Map<number, Doc>();
  readonly #neighbours = new TimeNeighbours();
  #totalLen = 0;
  /** How many memories each speaker term has said (`speakerTerms`). */
  readonly #speakers = new Map<string, number>();

  get size(): number {
    return this.#docs.size;
  }

  /** Sum of the documents' lengths (for statistics over several partitions). */
  get totalLength(): number {
    return this.#totalLen;
  }

  /** How many documents hold `term`. */
  df(term: string): number {
    return (this.#postings.get(term)?.length ?? 0) / 3;
  }

  /** Whether `term` names who said one of the memories held (see `indexing/query-speaker.ts`). */
  speaks(term: string): boolean {
    return this.#speakers.has(term);
  }

  upsert(doc: KeywordDoc): void {
    this.remove(doc.rid);
    const { tf, length: len } = termFrequencies(doc.content, doc.tags);
    for (const [term, count] of tf) {
      let posting = this.#postings.get(term);
      if (!posting) this.#postings.set(term, (posting = []));
      posting.push(doc.rid, count, len);
    }
    this.#docs.set(doc.rid, {
      id: doc.id,
      importance: doc.importance,
      observedAt: doc.observedAt,
      agentId: doc.agentId,
      runId: doc.runId,
      superseded: doc.superseded,
      expiresAt: doc.expiresAt ?? null,
      terms: [...tf.keys()],
      len,
      speaker: speakerTerms(doc.actorId ?? null, doc.content),
    });
    for (const t of (this.#docs.get(doc.rid) as Doc).speaker) this.#speakers.set(t, (this.#speakers.get(t) ?? 0) + 1);
    this.#totalLen += len;
    this.#neighbours.add(doc.rid, doc);
  }

  remove(rid: number): void {
    const doc = this.#docs.get(rid);
    if (!doc) return;
    for (const term of doc.terms) {
      const posting = this.#postings.get(term);
      if (!posting) continue;
      const kept: number[] = [];
      for (let i = 0; i < posting.length; i += 3)
        if (posting[i] !== rid) kept.push(posting[i] as number, posting[i + 1] as number, posting[i + 2] as number);
      if (kept.length) this.#postings.set(term, kept);
      else this.#postings.delete(term);
    }
    this.#docs.delete(rid);
    this.#totalLen -= doc.len;
    for (const t of doc.speaker) {
      const left = (this.#speakers.get(t) ?? 1) - 1;
      if (left > 0) this.#speakers.set(t, left);
      else this.#speakers.delete(t);
    }
    this.#neighbours.remove(rid);
  }

  /**
   * Keeps the best `k` BM25 matches passing `pass` into `top` (sorted best first); each match
   * lends part of its score to the memories said just before and after it when `neighbours` is set
   * ({@link TimeNeighbours}). Scores are weighed by query coverage (`query-coverage.ts`): a
   * match's own before it lends, and that of the match with the neighbours that lent to it after. `corpus` gives the statistics (document count, average length,
   * document frequencies) when several partitions are searched together, so equal documents
   * score equally whichever partition holds them. `factor`, when given, multiplies each memory's
   * final score (the query's dates against when it was said, its names against who said it:
   * `indexing/query-dates.ts`, `indexing/query-speaker.ts`).
   */
  search(
    query: string[],
    pass: RowPredicate,
    k: number,
    top: { id: string; score: number; importance: number; observedAt: number }[],
    corpus?: CorpusStats,
    neighbours = false,
    factor?: QueryFactor,
  ): void {
    if (this.#docs.size === 0) return;
    const n = corpus?.n ?? this.#docs.size;
    const avg = (corpus ? corpus.totalLength : this.#totalLen) / n || 1;
    const scores = new Map<number, number>();
    const masks = new Map<number, number>();
    const idfs = query.map((term, qi) => {
      const posting = this.#postings.get(term);
      if (!posting) return 0;
      const df = corpus?.df.get(term) ?? posting.length / 3;
      const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
      const bit = termBit(qi);
      for (let i = 0; i < posting.length; i += 3) {
        const tf = posting[i + 1] as number;
        const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (posting[i + 2] as number)) / avg));
        const rid = posting[i] as number;
        scores.set(rid, (scores.get(rid) ?? 0) + s);
        masks.set(rid, (masks.get(rid) ?? 0) | bit);
      }
      return idf;
    });
    for (const [rid, score] of scores)
      scores.set(rid, score * Math.pow(coverage(masks.get(rid) ?? 0, idfs), OWN_COVERAGE_POWER));
    // An expired memory is gone for this search: it lends no credit to its neighbours either.
    if (pass.liveAt !== undefined)
      for (const rid of scores.keys()) {
        const expiresAt = (this.#docs.get(rid) as Doc).expiresAt;
        if (expiresAt !== null && expiresAt <= pass.liveAt) scores.delete(rid);
      }
    let floor = top.length >= k ? (top[top.length - 1] as { score: number }).score : 0;
    const spread = neighbours
      ? this.#neighbours.spread(scores, this.#docs, masks)
      : {
          rids: [...scores.keys()],
          scores: [...scores.values()],
          masks: [...scores.keys()].map((r) => masks.get(r) ?? 0),
        };
    for (let at = 0; at < spread.rids.length; at++) {
      const rid = spread.rids[at] as number;
      const bits = spread.masks[at] as number;
      let score = (spread.scores[at] as number) * Math.pow(coverage(bits, idfs), CONTEXT_COVERAGE_POWER);
      let doc: Doc | undefined;
      if (factor) {
        if (score * factor.max <= floor) continue;
        score *= factor.of((doc = this.#docs.get(rid) as Doc));
      }
      if (score <= floor) continue;
      doc ??= this.#docs.get(rid) as Doc;
      if (!allows(pass, rid, doc)) continue;
      let i = top.length;
      while (i > 0 && (top[i - 1] as { score: number }).score < score) i--;
      top.splice(i, 0, { id: doc.id, score, importance: doc.importance, observedAt: doc.observedAt });
      if (top.length > k) top.pop();
      if (top.length >= k) floor = (top[top.length - 1] as { score: number }).score;
    }
  }
}
