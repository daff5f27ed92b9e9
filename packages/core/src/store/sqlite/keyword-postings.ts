/**
 * The postings of one keyword partition: each term held once (a term id), and each term's
 * `(slot, tf)` entries, slots ascending, in one arena of two typed arrays (a term's run is moved to
 * the end with twice the room when it fills; the arena is rewritten tight when half of it is
 * garbage). Term frequencies are halves (tags weigh 0.5), exact in a 32-bit float. Each slot's term
 * ids are kept too, so a removal finds its entries without reading every posting.
 */
export class Postings {
  readonly ids = new Map<string, number>();
  terms: string[] = [];
  start = new Int32Array(0);
  count = new Int32Array(0);
  cap = new Int32Array(0);
  slots = new Int32Array(0);
  tfs = new Float32Array(0);
  end = 0;
  #garbage = 0;
  /** By slot: where its term ids start in {@link docTerms}, and how many. */
  docStart = new Int32Array(0);
  docCount = new Int32Array(0);
  docTerms = new Int32Array(0);
  docEnd = 0;
  /**
   * Entries added since the arena was last brought up to date ({@link flush}): their term ids are
   * {@link docTerms} from `#pendingFrom` on, their frequencies here, their slots in order of adding.
   * A bulk load thus builds the arena once, each run sized to its count, instead of growing it
   * entry by entry (whose replaced arrays stayed in the C heap until a garbage collection).
   */
  #pendingFrom = 0;
  #pendingTfs = new Float32Array(0);
  #pendingSlots: number[] = [];

  /** Entries of `slot` (higher than every slot held) for `terms` with frequencies `tfs`. */
  add(slot: number, terms: readonly string[], tfs: readonly number[]): void {
    if (slot >= this.docStart.length) {
      this.docStart = grown(this.docStart, slot + 1);
      this.docCount = grown(this.docCount, slot + 1);
    }
    if (this.docEnd + terms.length > this.docTerms.length)
      this.docTerms = grown(this.docTerms, this.docEnd + terms.length);
    if (this.#pendingSlots.length === 0) this.#pendingFrom = this.docEnd;
    const pending = this.docEnd - this.#pendingFrom;
    if (pending + terms.length > this.#pendingTfs.length)
      this.#pendingTfs = grown(this.#pendingTfs, pending + terms.length);
    this.docStart[slot] = this.docEnd;
    this.docCount[slot] = terms.length;
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i] as string;
      let tid = this.ids.get(term);
      if (tid === undefined) tid = this.#term(term);
      this.#pendingTfs[this.docEnd - this.#pendingFrom] = tfs[i] as number;
      this.docTerms[this.docEnd++] = tid;
    }
    this.#pendingSlots.push(slot);
  }

  /** Room for `slots` slots in the by-slot arrays, allocated once (a load that knows its row count). */
  reserve(slots: number): void {
    if (slots <= this.docStart.length) return;
    const docStart = new Int32Array(slots);
    const docCount = new Int32Array(slots);
    docStart.set(this.docStart);
    docCount.set(this.docCount);
    [this.docStart, this.docCount] = [docStart, docCount];
  }

  /**
   * Puts the entries added since the last call into the arena ({@link count} and the runs are
   * current afterwards): many at once rewrite the arena in one allocation, each run sized to its
   * new count; a few are pushed into their runs.
   */
  flush(): void {
    const slots = this.#pendingSlots;
    if (slots.length === 0) return;
    const added = this.docEnd - this.#pendingFrom;
    if (added > this.end >> 3) this.#merge();
    else
      for (const slot of slots) {
        const s = this.docStart[slot] as number;
        for (let i = s; i < s + (this.docCount[slot] as number); i++)
          this.#push(this.docTerms[i] as number, slot, this.#pendingTfs[i - this.#pendingFrom] as number);
      }
    this.#pendingSlots = [];
    this.#pendingTfs = new Float32Array(0);
  }

  /** Drops the entries of `slot`. */
  remove(slot: number): void {
    this.flush();
    const from = this.docStart[slot] as number;
    for (let i = from; i < from + (this.docCount[slot] as number); i++) {
      const tid = this.docTerms[i] as number;
      const s = this.start[tid] as number;
      const n = this.count[tid] as number;
      let lo = s;
      let hi = s + n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if ((this.slots[mid] as number) < slot) lo = mid + 1;
        else hi = mid;
      }
      if (this.slots[lo] !== slot) continue;
      this.slots.copyWithin(lo, lo + 1, s + n);
      this.tfs.copyWithin(lo, lo + 1, s + n);
      this.count[tid] = n - 1;
    }
  }

  /** Renumbers slots after `DocColumns.compact` (`map`: old slot → new, -1 removed) and packs the arena. */
  compact(map: Int32Array, used: number): void {
    this.flush();
    this.#pack(map);
    const docStart = new Int32Array(Math.max(16, used * 2));
    const docCount = new Int32Array(docStart.length);
    const docTerms = new Int32Array(Math.max(16, this.docEnd));
    let d = 0;
    for (let old = 0; old < map.length; old++) {
      const to = map[old] as number;
      if (to < 0) continue;
      const s = this.docStart[old] as number;
      const n = this.docCount[old] as number;
      docTerms.set(this.docTerms.subarray(s, s + n), d);
      [docStart[to], docCount[to], d] = [d, n, d + n];
    }
    [this.docStart, this.docCount, this.docTerms, this.docEnd] = [docStart, docCount, docTerms, d];
  }

  /** Packs the arena when more than a quarter of it is garbage (a search calls it: after a bulk load, say). */
  trim(): void {
    this.flush();
    if (this.#garbage > this.end >> 2) this.#pack();
  }

  /**
   * Rewrites the arena without garbage, each run with an eighth of room to grow; slots renumbered
   * through `map` when given.
   */
  #pack(map?: Int32Array): void {
    let size = 16;
    for (let tid = 0; tid < this.terms.length; tid++) size += roomFor(this.count[tid] as number);
    const slots = new Int32Array(size);
    const tfs = new Float32Array(size);
    let at = 0;
    for (let tid = 0; tid < this.terms.length; tid++) {
      const s = this.start[tid] as number;
      const n = this.count[tid] as number;
      this.start[tid] = at;
      this.cap[tid] = roomFor(n);
      for (let i = s; i < s + n; i++)
        slots[at + i - s] = map ? (map[this.slots[i] as number] as number) : (this.slots[i] as number);
      tfs.set(this.tfs.subarray(s, s + n), at);
      at += roomFor(n);
    }
    [this.slots, this.tfs, this.end, this.#garbage] = [slots, tfs, at, 0];
  }

  /** The arena rewritten with the pending entries after each run's own (their slots are higher), one allocation. */
  #merge(): void {
    const terms = this.terms.length;
    const added = new Int32Array(terms);
    for (let i = this.#pendingFrom; i < this.docEnd; i++) {
      const tid = this.docTerms[i] as number;
      added[tid] = (added[tid] as number) + 1;
    }
    let size = 16;
    for (let tid = 0; tid < terms; tid++) size += roomFor((this.count[tid] as number) + (added[tid] as number));
    const slots = new Int32Array(size);
    const tfs = new Float32Array(size);
    let at = 0;
    for (let tid = 0; tid < terms; tid++) {
      const s = this.start[tid] as number;
      const n = this.count[tid] as number;
      slots.set(this.slots.subarray(s, s + n), at);
      tfs.set(this.tfs.subarray(s, s + n), at);
      [this.start[tid], this.cap[tid]] = [at, roomFor(n + (added[tid] as number))];
      at += this.cap[tid] as number;
    }
    for (const slot of this.#pendingSlots) {
      const s = this.docStart[slot] as number;
      for (let i = s; i < s + (this.docCount[slot] as number); i++) {
        const tid = this.docTerms[i] as number;
        const n = this.count[tid] as number;
        slots[(this.start[tid] as number) + n] = slot;
        tfs[(this.start[tid] as number) + n] = this.#pendingTfs[i - this.#pendingFrom] as number;
        this.count[tid] = n + 1;
      }
    }
    [this.slots, this.tfs, this.end, this.#garbage] = [slots, tfs, at, 0];
  }

  #term(term: string): number {
    const tid = this.terms.push(term) - 1;
    this.ids.set(term, tid);
    if (tid >= this.start.length) {
      this.start = grown(this.start, tid + 1);
      this.count = grown(this.count, tid + 1);
      this.cap = grown(this.cap, tid + 1);
    }
    return tid;
  }

  #push(tid: number, slot: number, tf: number): void {
    if (this.count[tid] === this.cap[tid]) this.#grow(tid);
    const at = (this.start[tid] as number) + (this.count[tid] as number);
    this.slots[at] = slot;
    this.tfs[at] = tf;
    this.count[tid] = (this.count[tid] as number) + 1;
  }

  /** Twice the room for the run of `tid`: in place when it ends the arena, else moved to the end. */
  #grow(tid: number): void {
    if (this.#garbage > this.end >> 2 && this.end + 2 * (this.cap[tid] as number) + 1 > this.slots.length) this.#pack();
    const s = this.start[tid] as number;
    const n = this.count[tid] as number;
    const cap = this.cap[tid] as number;
    const room = cap === 0 ? 1 : cap * 2;
    if (cap > 0 && s + cap === this.end) this.#reserve(this.end + room - cap);
    else {
      this.#reserve(this.end + room);
      this.slots.copyWithin(this.end, s, s + n);
      this.tfs.copyWithin(this.end, s, s + n);
      this.#garbage += cap;
      this.start[tid] = this.end;
    }
    this.cap[tid] = room;
    this.end = (this.start[tid] as number) + room;
  }

  #reserve(size: number): void {
    if (size <= this.slots.length) return;
    this.slots = grown(this.slots, size);
    this.tfs = grown(this.tfs, size);
  }
}

/** Room a packed run of `n` entries gets. */
const roomFor = (n: number): number => n + (n >> 3);

/** A copy of `a` with room for at least `size` (×1.5, at least 16). */
function grown<A extends Int32Array | Float32Array>(a: A, size: number): A {
  const b = new (a.constructor as new (n: number) => A)(Math.max(16, size, Math.ceil(a.length * 1.5)));
  b.set(a);
  return b;
}
