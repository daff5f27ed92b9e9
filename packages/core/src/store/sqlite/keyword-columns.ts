/** Bit of {@link DocColumns.flags}: the slot holds a memory (else it was removed and awaits compaction). */
export const ALIVE = 1;
/** Bit of {@link DocColumns.flags}: the memory is superseded. */
export const SUPERSEDED = 2;
const NONE: readonly string[] = [];

/** Strings held once and named by a small number: agent and run ids, speaker term lists. */
export class Interned<T> {
  readonly values: T[] = [];
  readonly #index = new Map<string, number>();

  /** The number of `value` (its `key`), added when new. */
  of(key: string, value: T): number {
    let at = this.#index.get(key);
    if (at === undefined) this.#index.set(key, (at = this.values.push(value) - 1));
    return at;
  }
}

/**
 * The memories of one keyword partition as columns indexed by a dense slot (a memory's slot is
 * given when it is stored and changes only when {@link compact} closes the gaps removals leave):
 * typed arrays grown by doubling instead of one object per memory, so 100k memories cost a few MB.
 * Agent and run ids are interned (-1: none), and so are speaker term lists.
 */
export class DocColumns {
  /** Slots used so far (live or removed), and the live ones. */
  used = 0;
  live = 0;
  rid = new Int32Array(0);
  flags = new Uint8Array(0);
  agent = new Int32Array(0);
  run = new Int32Array(0);
  speaker = new Int32Array(0);
  importance = new Float64Array(0);
  observedAt = new Float64Array(0);
  /** When the memory expires (epoch ms); NaN: never. */
  expiresAt = new Float64Array(0);
  len = new Float64Array(0);
  ids: string[] = [];
  readonly names = new Interned<string>();
  readonly speakers = new Interned<readonly string[]>();
  /** Slot of each live rid. */
  readonly slot = new Map<number, number>();

  constructor() {
    this.speakers.of("", NONE);
  }

  /** The interned number of an agent or run id (-1 for none). */
  name(value: string | null): number {
    return value === null ? -1 : this.names.of(value, value);
  }

  /** The agent or run id of an interned number. */
  nameOf(at: number): string | null {
    return at < 0 ? null : (this.names.values[at] as string);
  }

  /** The speaker terms of a slot. */
  speakerOf(slot: number): readonly string[] {
    return this.speakers.values[this.speaker[slot] as number] as readonly string[];
  }

  /** A new slot at the end (columns grown when full); the caller fills it. */
  append(): number {
    if (this.used === this.rid.length) this.resize(Math.max(16, this.used * 2));
    this.live++;
    return this.used++;
  }

  /** Room for `slots` slots in all, allocated once (a load that knows its row count); never shrinks. */
  reserve(slots: number): void {
    if (slots > this.rid.length) this.resize(slots);
  }

  /** Columns of `capacity` slots, keeping the first {@link used}. */
  resize(capacity: number): void {
    const grow = <A extends Int32Array | Uint8Array | Float64Array>(a: A, make: (n: number) => A): A => {
      const b = make(capacity);
      b.set(a.subarray(0, Math.min(this.used, capacity)));
      return b;
    };
    const i32 = (n: number) => new Int32Array(n);
    const f64 = (n: number) => new Float64Array(n);
    this.rid = grow(this.rid, i32);
    this.flags = grow(this.flags, (n) => new Uint8Array(n));
    this.agent = grow(this.agent, i32);
    this.run = grow(this.run, i32);
    this.speaker = grow(this.speaker, i32);
    this.importance = grow(this.importance, f64);
    this.observedAt = grow(this.observedAt, f64);
    this.expiresAt = grow(this.expiresAt, f64);
    this.len = grow(this.len, f64);
  }

  /**
   * Closes the gaps of removed slots, keeping the live ones in order; returns the new slot of each
   * old one (-1: removed), for the postings and time order to follow.
   */
  compact(): Int32Array {
    const map = new Int32Array(this.used).fill(-1);
    const cols = [this.rid, this.flags, this.agent, this.run, this.speaker];
    const f64s = [this.importance, this.observedAt, this.expiresAt, this.len];
    let to = 0;
    for (let from = 0; from < this.used; from++) {
      if (!((this.flags[from] as number) & ALIVE)) continue;
      map[from] = to;
      for (const c of cols) c[to] = c[from] as number;
      for (const c of f64s) c[to] = c[from] as number;
      this.ids[to] = this.ids[from] as string;
      this.slot.set(this.rid[to] as number, to);
      to++;
    }
    this.ids.length = to;
    this.used = to;
    this.resize(Math.max(16, to * 2));
    return map;
  }
}
