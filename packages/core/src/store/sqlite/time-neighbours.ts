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
  #last: { rid: number; observedAt: number } | undefined;
  #stale = false;

  /** A memory was added: appended when it comes last in time, else the order is rebuilt later. */
  add(rid: number, doc: TimedDoc): void {
    const last = this.#last;
    if (
      this.#stale ||
      this.#pos.has(rid) ||
      (last && (doc.observedAt < last.observedAt || (doc.observedAt === last.observedAt && rid < last.rid)))
    ) {
      this.#stale = true;
      return;
    }
    this.#pos.set(rid, this.#order.length);
    this.#order.push(rid);
    this.#last = { rid, observedAt: doc.observedAt };
  }

  /** A memory was removed (or is about to be replaced): the order is rebuilt on the next search. */
  remove(rid: number): void {
    if (this.#pos.has(rid)) this.#stale = true;
  }

  #rebuild(docs: ReadonlyMap<number, TimedDoc>): void {
    const at = (rid: number) => (docs.get(rid) as TimedDoc).observedAt;
    this.#order = [...docs.keys()].sort((a, b) => at(a) - at(b) || a - b);
    this.#pos.clear();
    this.#order.forEach((rid, i) => this.#pos.set(rid, i));
    const rid = this.#order[this.#order.length - 1];
    this.#last = rid === undefined ? undefined : { rid, observedAt: at(rid) };
    this.#stale = false;
  }

  /**
   * The scores with each scored memory's neighbours credited `share / distance` of its score:
   * a reply is found by the question it answers, and a turn by the turns that name its subject.
   * `masks` (which query terms each memory matched, as bits), when given, is updated in place:
   * a neighbour credited by a memory also gets its bits, so coverage can count them together.
   */
  spread(
    scores: ReadonlyMap<number, number>,
    docs: ReadonlyMap<number, TimedDoc>,
    masks?: Map<number, number>,
  ): Map<number, number> {
    const out = new Map(scores);
    const own = masks ? new Map(masks) : undefined;
    if (scores.size === 0) return out;
    if (this.#stale) this.#rebuild(docs);
    for (const [rid, score] of scores) {
      const at = this.#pos.get(rid);
      const doc = docs.get(rid);
      if (at === undefined || !doc) continue;
      for (const step of [-1, 1]) {
        for (let d = 1; d <= NEIGHBOUR_REACH; d++) {
          const other = this.#order[at + step * d];
          const near = other === undefined ? undefined : docs.get(other);
          if (
            !near ||
            Math.abs(near.observedAt - doc.observedAt) > NEIGHBOUR_WINDOW_MS ||
            near.agentId !== doc.agentId ||
            near.runId !== doc.runId
          )
            break;
          out.set(other as number, (out.get(other as number) ?? 0) + (NEIGHBOUR_SHARE * score) / d);
          if (masks && own) masks.set(other as number, (masks.get(other as number) ?? 0) | (own.get(rid) ?? 0));
        }
      }
    }
    return out;
  }
}
