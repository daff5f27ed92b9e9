import { BM25 } from "../../indexing/search-tags.js";
import type { FactorDoc, QueryFactor } from "../../indexing/query-factor.js";
import { CONTEXT_COVERAGE_POWER, OWN_COVERAGE_POWER, coverage, termBit } from "./query-coverage.js";
import { ALIVE, SUPERSEDED } from "./keyword-columns.js";
import type { DocColumns } from "./keyword-columns.js";
import type { Postings } from "./keyword-postings.js";
import { MEMO, scratch } from "./keyword-scratch.js";
import { spread } from "./keyword-spread.js";
import type { TimeNeighbours } from "./time-neighbours.js";
import type { RowPredicate } from "./vector-partition.js";

const { k1: K1, b: B } = BM25;

/** BM25 statistics of several partitions searched together. */
export interface CorpusStats {
  n: number;
  totalLength: number;
  df: Map<string, number>;
}

/** A keyword hit as the search cache collects them, best first. */
export type KeywordHit = { id: string; score: number; importance: number; observedAt: number };

/** What {@link searchKeywords} reads of one partition. */
export interface KeywordParts {
  docs: DocColumns;
  postings: Postings;
  neighbours: TimeNeighbours;
  totalLength: number;
}

/**
 * The search of `KeywordPartition.search` over its columns (see there for what it computes). The
 * floating-point operations are those of the map-based search it replaced, in the same order, so
 * scores and rankings are identical to the bit (test/store/sqlite/keyword-reference.ts).
 */
export function searchKeywords(
  parts: KeywordParts,
  query: string[],
  pass: RowPredicate,
  k: number,
  top: KeywordHit[],
  corpus: CorpusStats | undefined,
  neighbours: boolean,
  factor: QueryFactor | undefined,
): void {
  const { docs, postings } = parts;
  if (docs.live === 0) return;
  const n = corpus?.n ?? docs.live;
  const avg = (corpus ? corpus.totalLength : parts.totalLength) / n || 1;
  postings.trim();
  const e = scratch.begin(docs.used);
  const { stamp, score, own, list } = scratch;
  const { slots, tfs, start, count } = postings;
  const len = docs.len;
  let m = 0;
  const idfs = new Array<number>(query.length);
  for (let qi = 0; qi < query.length; qi++) {
    const term = query[qi] as string;
    const tid = postings.ids.get(term);
    const c = tid === undefined ? 0 : (count[tid] as number);
    if (c === 0) {
      idfs[qi] = 0;
      continue;
    }
    const df = corpus?.df.get(term) ?? c;
    const idf = Math.log(1 + (n - df + 0.5) / (df + 0.5));
    const bit = termBit(qi);
    const from = start[tid as number] as number;
    for (let i = from; i < from + c; i++) {
      const tf = tfs[i] as number;
      const slot = slots[i] as number;
      const s = (idf * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * (len[slot] as number)) / avg));
      if (stamp[slot] !== e) {
        stamp[slot] = e;
        score[slot] = 0 + s;
        own[slot] = 0 | bit;
        list[m++] = slot;
      } else {
        score[slot] = (score[slot] as number) + s;
        own[slot] = (own[slot] as number) | bit;
      }
    }
    idfs[qi] = idf;
  }
  const memo = scratch.memoFor(query.length);
  const powered = (mask: number, at: number, power: number): number => {
    if (!memo) return Math.pow(coverage(mask, idfs), power);
    let v = memo[at + mask] as number;
    if (v !== v) memo[at + mask] = v = Math.pow(coverage(mask, idfs), power);
    return v;
  };
  for (let j = 0; j < m; j++) {
    const slot = list[j] as number;
    score[slot] = (score[slot] as number) * powered(own[slot] as number, 0, OWN_COVERAGE_POWER);
  }
  // An expired memory is gone for this search: it lends no credit to its neighbours either.
  if (pass.liveAt !== undefined) {
    let kept = 0;
    for (let j = 0; j < m; j++) {
      const slot = list[j] as number;
      if ((docs.expiresAt[slot] as number) <= pass.liveAt) stamp[slot] = 0;
      else list[kept++] = slot;
    }
    m = kept;
  }
  const total = neighbours && m > 0 ? spread(parts.neighbours, m, e) : m;
  const values = neighbours ? scratch.acc : score;
  const masks = neighbours ? scratch.bits : own;
  const view: FactorDoc = { observedAt: 0, speaker: [] };
  let floor = top.length >= k ? (top[top.length - 1] as KeywordHit).score : 0;
  for (let j = 0; j < total; j++) {
    const slot = list[j] as number;
    let s = (values[slot] as number) * powered(masks[slot] as number, MEMO, CONTEXT_COVERAGE_POWER);
    if (factor) {
      if (s * factor.max <= floor) continue;
      view.observedAt = docs.observedAt[slot] as number;
      view.speaker = docs.speakerOf(slot);
      s *= factor.of(view);
    }
    if (s <= floor) continue;
    if (!allowsSlot(docs, pass, slot)) continue;
    let i = top.length;
    while (i > 0 && (top[i - 1] as KeywordHit).score < s) i--;
    const importance = docs.importance[slot] as number;
    top.splice(i, 0, {
      id: docs.ids[slot] as string,
      score: s,
      importance,
      observedAt: docs.observedAt[slot] as number,
    });
    if (top.length > k) top.pop();
    if (top.length >= k) floor = (top[top.length - 1] as KeywordHit).score;
  }
}

/** `allows` of `vector-partition.ts` over the columns of a slot. */
function allowsSlot(docs: DocColumns, pass: RowPredicate, slot: number): boolean {
  const flags = docs.flags[slot] as number;
  if (!(flags & ALIVE)) return false;
  if (flags & SUPERSEDED && !pass.includeSuperseded) return false;
  if (pass.liveAt !== undefined && (docs.expiresAt[slot] as number) <= pass.liveAt) return false;
  if (pass.agentId !== undefined && docs.nameOf(docs.agent[slot] as number) !== pass.agentId) return false;
  if (pass.runId !== undefined && docs.nameOf(docs.run[slot] as number) !== pass.runId) return false;
  return !pass.allowed || pass.allowed.has(docs.rid[slot] as number);
}
