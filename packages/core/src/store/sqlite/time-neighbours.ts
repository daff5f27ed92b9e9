import type { DocColumns } from "./keyword-columns.js";

/** Share of a memory's keyword score lent to the memory said just before and just after it. */
export const NEIGHBOUR_SHARE = 0.5;
/** How many memories on each side receive a share (the d-th one gets share / d). */
export const NEIGHBOUR_REACH = 2;
/** Memories said further apart than this are not neighbours (another conversation). */
export const NEIGHBOUR_WINDOW_MS = 3_600_000;

/**
 * The memories of one keyword partition in the order they were said (observed time, then rid),
 * by slot of {@link DocColumns}, for context at query time: a turn added on its own (one `add` per
 * message, as most agents call it) still gets the turns around it as context, as the messages of
 * one `add` get each other's. Neighbours share agent and run and lie within
 * {@link NEIGHBOUR_WINDOW_MS}. The order grows in place as memories arrive in time order and is
 * rebuilt lazily ({@link ensure}) after anything else: a removal, a change, an earlier memory.
 */
export class TimeNeighbours {
  /** Slots in time order, the first {@link size} used. */
  order: Int32Array = new Int32Array(0);
  size = 0;
  /** By slot: its position in {@link order}. */
  pos = new Int32Array(0);
  /**
   * By position: how many memories before it (bits 0–3) and after it (bits 4–7) are its
   * neighbours, found when the order is built or grown, so a search reads no other memory.
   */
  reach: Uint8Array = new Uint8Array(0);
  #stale = false;

  constructor(private readonly docs: DocColumns) {}

  /** A memory was stored in `slot`: appended when it comes last in time, else the order is rebuilt later. */
  add(slot: number): void {
    if (this.#stale) return;
    const last = this.size > 0 ? (this.order[this.size - 1] as number) : -1;
    const { observedAt, rid } = this.docs;
    const at = observedAt[slot] as number;
    const lastAt = observedAt[last] as number;
    if (last >= 0 && (at < lastAt || (at === lastAt && (rid[slot] as number) < (rid[last] as number))))
      this.#stale = true;
    else this.#append(slot);
  }

  /** The order must be rebuilt (a memory was removed, or slots were renumbered). */
  invalidate(): void {
    this.#stale = true;
  }

  /** Rebuilds the order when stale; afterwards {@link order}, {@link pos} and {@link reach} are current. */
  ensure(): void {
    if (!this.#stale) return;
    const { observedAt, rid, flags, used } = this.docs;
    const slots: number[] = [];
    for (let s = 0; s < used; s++) if ((flags[s] as number) & 1) slots.push(s);
    slots.sort(
      (a, b) => (observedAt[a] as number) - (observedAt[b] as number) || (rid[a] as number) - (rid[b] as number),
    );
    this.size = 0;
    this.#stale = false;
    for (const s of slots) this.#append(s);
  }

  /** Restores a saved order (slots in time order and their reach), as {@link ensure} would build it. */
  load(order: Int32Array, reach: Uint8Array): void {
    this.order = order;
    this.reach = reach;
    this.size = order.length;
    this.pos = new Int32Array(Math.max(16, this.docs.rid.length));
    for (let p = 0; p < order.length; p++) this.pos[order[p] as number] = p;
    this.#stale = false;
  }

  /** Room for `slots` memories in the order, allocated once (a load that knows its row count). */
  reserve(slots: number): void {
    if (slots <= this.order.length) return;
    const order = new Int32Array(slots);
    order.set(this.order.subarray(0, this.size));
    const reach = new Uint8Array(slots);
    reach.set(this.reach.subarray(0, this.size));
    [this.order, this.reach] = [order, reach];
  }

  /** Puts `slot` last in the order, with its reach backwards and the reach forwards of the ones before it. */
  #append(slot: number): void {
    const at = this.size;
    if (at === this.order.length) {
      const order = new Int32Array(Math.max(16, at * 2));
      order.set(this.order);
      const reach = new Uint8Array(order.length);
      reach.set(this.reach);
      [this.order, this.reach] = [order, reach];
    }
    if (slot >= this.pos.length) {
      const pos = new Int32Array(Math.max(16, this.docs.rid.length, slot + 1));
      pos.set(this.pos);
      this.pos = pos;
    }
    const tail = Math.min(at, NEIGHBOUR_REACH);
    let before = 0;
    for (let d = 1; d <= tail && this.#near(slot, this.order[at - d] as number); d++) before = d;
    // The d-th before it reaches forwards to it when it reached all d-1 in between and is near it.
    for (let d = 1; d <= tail; d++) {
      const reach = this.reach[at - d] as number;
      if (reach >> 4 === d - 1 && this.#near(this.order[at - d] as number, slot)) this.reach[at - d] = reach + 16;
    }
    this.pos[slot] = at;
    this.order[at] = slot;
    this.reach[at] = before;
    this.size = at + 1;
  }

  /** Said close enough in time, by the same agent in the same run: one conversation. */
  #near(a: number, b: number): boolean {
    const { observedAt, agent, run } = this.docs;
    return (
      Math.abs((observedAt[a] as number) - (observedAt[b] as number)) <= NEIGHBOUR_WINDOW_MS &&
      agent[a] === agent[b] &&
      run[a] === run[b]
    );
  }
}
