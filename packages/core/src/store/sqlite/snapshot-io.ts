type Column = Int32Array | Uint8Array | Float32Array | Float64Array;

/**
 * Writes a snapshot: magic (u32), format version (u32), a JSON text, then typed arrays, each as
 * its byte length (u32) and its bytes, little-endian, padded to 4 bytes.
 */
export class SnapshotWriter {
  readonly #parts: Uint8Array[] = [];
  #size = 0;

  constructor(magic: number, version: number, json: string) {
    const head = new Uint8Array(8);
    const view = new DataView(head.buffer);
    view.setUint32(0, magic, true);
    view.setUint32(4, version, true);
    this.#push(head);
    this.#block(new TextEncoder().encode(json));
  }

  /** Appends `columns`, in order. */
  put(...columns: Column[]): void {
    for (const c of columns) this.#block(new Uint8Array(c.buffer, c.byteOffset, c.byteLength));
  }

  /**
   * Appends a list of strings as two blocks: each one's length (UTF-16 units) and their UTF-8
   * concatenation, which {@link SnapshotReader.strings} turns back into strings with one decode and
   * a slice each (a JSON array of 10k ids took a cold process ~15 ms to parse). A list holding an
   * unpaired surrogate (which UTF-8 cannot carry) is written as JSON instead, length column `[-1]`.
   */
  putStrings(list: readonly string[]): void {
    const text = list.join("");
    if ((text as unknown as { isWellFormed(): boolean }).isWellFormed()) {
      this.put(Int32Array.from(list, (s) => s.length));
      this.#block(new TextEncoder().encode(text));
    } else {
      this.put(Int32Array.of(-1));
      this.#block(new TextEncoder().encode(JSON.stringify(list)));
    }
  }

  /** The whole snapshot. */
  bytes(): Uint8Array {
    const out = new Uint8Array(this.#size);
    let at = 0;
    for (const p of this.#parts) {
      out.set(p, at);
      at += p.byteLength;
    }
    return out;
  }

  #block(bytes: Uint8Array): void {
    const size = new Uint8Array(4);
    new DataView(size.buffer).setUint32(0, bytes.byteLength, true);
    this.#push(size);
    this.#push(bytes);
    if (bytes.byteLength % 4) this.#push(new Uint8Array(4 - (bytes.byteLength % 4)));
  }

  #push(part: Uint8Array): void {
    this.#parts.push(part);
    this.#size += part.byteLength;
  }
}

/** Reads what {@link SnapshotWriter} wrote, in the same order; `refuse` makes the error for bytes that don't fit. */
export class SnapshotReader {
  readonly #view: DataView;
  #at = 8;

  constructor(
    private readonly bytes: Uint8Array,
    private readonly refuse: (why: string) => Error,
  ) {
    this.#view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  }

  /** True when `bytes` start with `magic` and `version`. */
  static matches(bytes: Uint8Array, magic: number, version: number): boolean {
    if (bytes.byteLength < 8) return false;
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    return view.getUint32(0, true) === magic && view.getUint32(4, true) === version;
  }

  json(): string {
    return new TextDecoder().decode(this.#block(1));
  }

  /** The next list written by {@link SnapshotWriter.putStrings}, checked to hold `count` strings when given. */
  strings(count?: number): string[] {
    const lengths = this.i32();
    const text = new TextDecoder().decode(this.#block(1));
    if (lengths.length === 1 && lengths[0] === -1) {
      let list: unknown;
      try {
        list = JSON.parse(text);
      } catch {
        throw this.refuse("a string list that is not JSON");
      }
      if (!Array.isArray(list) || !list.every((s) => typeof s === "string")) throw this.refuse("not a string list");
      if (count !== undefined && list.length !== count)
        throw this.refuse(`${list.length} strings where ${count} were expected`);
      return list as string[];
    }
    if (count !== undefined && lengths.length !== count)
      throw this.refuse(`${lengths.length} strings where ${count} were expected`);
    const list = new Array<string>(lengths.length);
    let at = 0;
    for (let i = 0; i < lengths.length; i++) {
      const end = at + (lengths[i] as number);
      if (end < at || end > text.length) throw this.refuse("string lengths past the text");
      list[i] = text.slice(at, end);
      at = end;
    }
    if (at !== text.length) throw this.refuse("string lengths short of the text");
    return list;
  }

  i32(count?: number): Int32Array<ArrayBuffer> {
    return new Int32Array(this.#copy(4, count));
  }

  u8(count?: number): Uint8Array<ArrayBuffer> {
    return new Uint8Array(this.#copy(1, count));
  }

  f32(count?: number): Float32Array<ArrayBuffer> {
    return new Float32Array(this.#copy(4, count));
  }

  f64(count?: number): Float64Array<ArrayBuffer> {
    return new Float64Array(this.#copy(8, count));
  }

  /** Throws unless every byte was read. */
  end(): void {
    if (this.#at !== this.bytes.byteLength) throw this.refuse(`${this.bytes.byteLength - this.#at} bytes left over`);
  }

  /** A fresh (aligned) copy of the next block, checked to hold `count` items of `width` bytes when given. */
  #copy(width: number, count?: number): ArrayBuffer {
    const block = this.#block(width);
    if (count !== undefined && block.byteLength !== count * width)
      throw this.refuse(`a column of ${block.byteLength / width} items where ${count} were expected`);
    return block.slice().buffer as ArrayBuffer;
  }

  #block(width: number): Uint8Array {
    if (this.#at + 4 > this.bytes.byteLength) throw this.refuse("cut short");
    const size = this.#view.getUint32(this.#at, true);
    const from = this.#at + 4;
    if (size % width || from + size > this.bytes.byteLength) throw this.refuse("cut short");
    this.#at = from + size + ((4 - (size % 4)) % 4);
    return this.bytes.subarray(from, from + size);
  }
}
