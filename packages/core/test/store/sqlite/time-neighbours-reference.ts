/**
 * The keyword partition as it was before its columnar layout (session 6, commit 1ad6f87), kept
 * unchanged as the reference the layout is proven against: scores and rankings bit for bit.
 */
/** What the neighbour order needs of a memory. */
export interface TimedDoc {
  observedAt: number;
  agentId: string | null;
  runId: string | null;
}

/** Share of a memory's keyword score lent to the memory said just before and just after it. */
export const NEIGHBOUR_SHARE = 0.5;
/** How many memories on each side receive a share (the d-th one gets share / d). */
export const NEIGHBOUR_REACH = 2;
/** Memories said further apart than this are not neighbours (another conversation). */
export const NEIGHBOUR_WINDOW_MS = 3_600_000;

/**
 * The memories of one user in the order they were said (observed time, then insertion order),
 * for context at query time: a turn added on its own (one `add` per message, as most agents
 * call it) still gets the turns around it as context, as the messages of one `add` get each
 * other's. Neighbours share agent and run and lie within {@link NEIGHBOUR_WINDOW_MS}. The order
 * grows in place as memories arrive in time order and is rebuilt lazily (on the next search) after
 * anything else: a removal, a change, a memory dated before the last one.
 */
export class TimeNeighbours {
  #order: number[] = [];
  readonly #pos = new Map<number, number>();
  /**
   * Per position in {@link #order}: how many memories before it (bits 0–3) and after it (bits 4–7)
   * are its neighbours, found when the order is built or grown, so a search reads no other memory.
   */
  #reach: number[] = [];
  /** The last {@link NEIGHBOUR_REACH} memories of the order, to find the reach of the next one. */
  #tail: TimedDoc[] = [];
  #stale = false;
  /** Scratch of {@link spread}, by position: the summed score, and the search that last wrote it. */
  #acc = new Float64Array(0);
  #stamp = new Uint32Array(0);
  #epoch = 0;
  /** Scratch of {@link spread}, by position: query-term bits, with those lent; and the memory's own. */
  #bits = new Int32Array(0);
  #own = new Int32Array(0);

  /** A memory was added: appended when it comes last in time, else the order is rebuilt later. */
  add(rid: number, doc: TimedDoc): void {
    const tail = this.#tail;
    const last = tail[tail.length - 1];
    const lastRid = this.#order[this.#order.length - 1] as number;
    if (
      this.#stale ||
      this.#pos.has(rid) ||
      (last && (doc.observedAt < last.observedAt || (doc.observedAt === last.observedAt && rid < lastRid)))
    ) {
      this.#stale = true;
      return;
    }
    this.#append(rid, { observedAt: doc.observedAt, agentId: doc.agentId, runId: doc.runId });
  }

  /** A memory was removed (or is about to be replaced): the order is rebuilt on the next search. */
  remove(rid: number): void {
    if (this.#pos.has(rid)) this.#stale = true;
  }

  /** Puts `rid` last in the order, with its reach backwards and the reach forwards of the ones before it. */
  #append(rid: number, doc: TimedDoc): void {
    const at = this.#order.length;
    const tail = this.#tail;
    let before = 0;
    for (let d = 1; d <= tail.length && near(doc, tail[tail.length - d] as TimedDoc); d++) before = d;
    // The d-th before it reaches forwards to it when it reached all d-1 in between and is near it.
    for (let d = 1; d <= tail.length; d++) {
      const reach = this.#reach[at - d] as number;
      if (reach >> 4 === d - 1 && near(tail[tail.length - d] as TimedDoc, doc)) this.#reach[at - d] = reach + 16;
    }
    this.#pos.set(rid, at);
    this.#order.push(rid);
    this.#reach.push(before);
    tail.push(doc);
    if (tail.length > NEIGHBOUR_REACH) tail.shift();
  }

  #rebuild(docs: ReadonlyMap<number, TimedDoc>): void {
    const at = (rid: number) => (docs.get(rid) as TimedDoc).observedAt;
    const order = [...docs.keys()].sort((a, b) => at(a) - at(b) || a - b);
    this.#order = [];
    this.#pos.clear();
    this.#reach = [];
    this.#tail = [];
    this.#stale = false;
    for (const rid of order) {
      const doc = docs.get(rid) as TimedDoc;
      this.#append(rid, { observedAt: doc.observedAt, agentId: doc.agentId, runId: doc.runId });
    }
  }

  /**
   * The scores with each scored memory's neighbours credited `share / distance` of its score:
   * a reply is found by the question it answers, and a turn by the turns that name its subject.
   * Returns the memories in the order a `Map` would hold them (the matches as given, then each
   * neighbour when first credited) as parallel arrays: a search builds no map of its candidates.
   * `docs` are the memories the order was built from (read again only when it must be rebuilt).
   * `masks` (which query terms each memory matched, as bits), when given, gives `masks` in the
   * answer: a neighbour credited by a memory also gets its bits, so coverage can count them together.
   */
  spread(
    scores: ReadonlyMap<number, number>,
    docs: ReadonlyMap<number, TimedDoc>,
    masks?: ReadonlyMap<number, number>,
  ): Spread {
    if (scores.size === 0) return { rids: [], scores: [], masks: [] };
    if (this.#stale) this.#rebuild(docs);
    const size = this.#order.length;
    if (this.#acc.length < size) {
      this.#acc = new Float64Array(size * 2);
      this.#stamp = new Uint32Array(size * 2);
      this.#bits = new Int32Array(size * 2);
      this.#own = new Int32Array(size * 2);
      this.#epoch = 0;
    }
    const acc = this.#acc;
    const stamp = this.#stamp;
    const bits = this.#bits;
    const own = this.#own;
    if (++this.#epoch > 0xffff_ffff) {
      stamp.fill(0);
      this.#epoch = 1;
    }
    const epoch = this.#epoch;
    // Positions touched, in first-touch order; a match outside the order (none, in practice) as ~index.
    const touched: number[] = [];
    const loose: number[] = [];
    for (const [rid, score] of scores) {
      const at = this.#pos.get(rid);
      if (at === undefined) {
        touched.push(~loose.length);
        loose.push(rid, score);
        continue;
      }
      acc[at] = score;
      stamp[at] = epoch;
      bits[at] = own[at] = masks?.get(rid) ?? 0;
      touched.push(at);
    }
    const credit = (at: number, score: number, d: number, lent: number): void => {
      if (stamp[at] !== epoch) {
        stamp[at] = epoch;
        acc[at] = 0;
        bits[at] = masks?.get(this.#order[at] as number) ?? 0;
        touched.push(at);
      }
      acc[at] = (acc[at] as number) + (NEIGHBOUR_SHARE * score) / d;
      bits[at] = (bits[at] as number) | lent;
    };
    for (const [rid, score] of scores) {
      const at = this.#pos.get(rid);
      if (at === undefined) continue;
      const reach = this.#reach[at] as number;
      const lent = own[at] as number;
      for (let d = 1, before = reach & 15; d <= before; d++) credit(at - d, score, d, lent);
      for (let d = 1, after = reach >> 4; d <= after; d++) credit(at + d, score, d, lent);
    }
    const rids = new Array<number>(touched.length);
    const out = new Array<number>(touched.length);
    const outBits = new Array<number>(touched.length);
    for (let i = 0; i < touched.length; i++) {
      const at = touched[i] as number;
      rids[i] = at >= 0 ? (this.#order[at] as number) : (loose[~at] as number);
      out[i] = at >= 0 ? (acc[at] as number) : (loose[~at + 1] as number);
      outBits[i] = at >= 0 ? (bits[at] as number) : (masks?.get(rids[i] as number) ?? 0);
    }
    return { rids, scores: out, masks: outBits };
  }
}

/** Memories and their scores after {@link TimeNeighbours.spread}, index by index. */
export interface Spread {
  rids: number[];
  scores: number[];
  /** Query-term bits of each (0 when no `masks` were given). */
  masks: number[];
}

/** Said close enough in time, by the same agent in the same run: one conversation. */
function near(a: TimedDoc, b: TimedDoc): boolean {
  return Math.abs(a.observedAt - b.observedAt) <= NEIGHBOUR_WINDOW_MS && a.agentId === b.agentId && a.runId === b.runId;
}
