/** Offset of the second memo of {@link KeywordScratch.memoFor}. */
export const MEMO = 2 ** 12;

/**
 * Working arrays of a keyword search, by slot, shared by every partition of the process (searches
 * run one at a time on the event loop): a stamp says which search last wrote a slot, so nothing is
 * cleared between searches and no map is built per search.
 */
export class KeywordScratch {
  /** Per slot: 2·epoch when matched this search, 2·epoch + 1 when only credited by a neighbour. */
  stamp = new Uint32Array(0);
  /** Per slot: BM25 × own coverage (what a match lends), and the score with what it was lent. */
  score = new Float64Array(0);
  acc = new Float64Array(0);
  /** Per slot: query-term bits of the memory itself, and with those lent to it. */
  own = new Int32Array(0);
  bits = new Int32Array(0);
  /** Slots matched or credited, in first-touch order. */
  list = new Int32Array(0);
  /** Coverage powers by mask, for queries of few terms (NaN: not computed yet this search). */
  memo = new Float64Array(0);
  epoch = 0;

  /** Room for `slots` slots, and a new epoch (stamps of older searches no longer count). */
  begin(slots: number): number {
    if (this.stamp.length < slots) {
      const n = Math.max(16, Math.ceil(slots * 1.25));
      this.stamp = new Uint32Array(n);
      this.score = new Float64Array(n);
      this.acc = new Float64Array(n);
      this.own = new Int32Array(n);
      this.bits = new Int32Array(n);
      this.list = new Int32Array(n);
      this.epoch = 0;
    }
    this.epoch += 1;
    if (2 * this.epoch + 1 > 0xffff_ffff) {
      this.stamp.fill(0);
      this.epoch = 1;
    }
    return 2 * this.epoch;
  }

  /**
   * Two memos of `2^terms` entries each (at 0 and at {@link MEMO}), all NaN, for a query of at
   * most 12 terms; undefined for a longer one.
   */
  memoFor(terms: number): Float64Array | undefined {
    if (terms > 12) return undefined;
    const n = 2 ** terms;
    if (this.memo.length === 0) this.memo = new Float64Array(2 * MEMO);
    this.memo.fill(NaN, 0, n);
    this.memo.fill(NaN, MEMO, MEMO + n);
    return this.memo;
  }
}

/** The one scratch of the process. */
export const scratch = new KeywordScratch();
