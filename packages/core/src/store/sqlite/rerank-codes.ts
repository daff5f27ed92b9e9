import type { AnnHit } from "./ann-index.js";
import { exactTopK } from "./ann-index.js";
import { encodeInt8, grownCapacity, largestMagnitude } from "./vector-codes.js";

/** Int8 value pairs of every byte of int4 codes, as one little-endian 16-bit word (see {@link RerankCodes}). */
const PAIRS = (() => {
  const pairs = new Uint16Array(256);
  for (let b = 0; b < 256; b++) pairs[b] = (((b >> 4) - 8) & 0xff) | ((((b & 15) - 8) & 0xff) << 8);
  return pairs;
})();
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * The int4 codes a partition with a binary HNSW index keeps to re-rank the index's shortlist:
 * each vector scaled so its largest component is ±7, rounded, two components a byte (high nibble
 * first, offset by 8), in slot order. Sign bits alone rank too coarsely to hand on only the best
 * `k` (the shortlist would all be read from the file), int8 codes would cost as much memory as the
 * int8 index they replace (146 MiB at 100k × 1536, over the 400 MB the bench allows), int4 half
 * that. The shortlist's codes are unpacked to int8 and re-ranked natively against the query's
 * int8 code; the caller re-scores the best with the float vectors.
 */
export class RerankCodes {
  readonly dims: number;
  /** Bytes of one row's code. */
  readonly rowBytes: number;
  #codes: Int8Array;
  /** The codes as 32-bit words, when rows are whole words (`dims` a multiple of 8). */
  #codeWords: Uint32Array = new Uint32Array(0);
  #query: Int8Array;
  #scratch = new Int8Array(0);
  /** The scratch matrix seen as 32-bit words (four int8 values each). */
  #words: Uint32Array = new Uint32Array(0);

  /** Room for `rows` rows (more are added as {@link set} needs). */
  constructor(dims: number, rows = 0) {
    this.dims = dims;
    this.rowBytes = Math.ceil(dims / 2);
    this.#codes = new Int8Array(rows * this.rowBytes);
    this.#query = new Int8Array(dims);
    this.#wordsOfCodes();
  }

  /** Bytes held. */
  get bytes(): number {
    return this.#codes.byteLength;
  }

  /** The codes of the first `rows` slots (to write to a file). */
  rows(rows: number): Int8Array {
    return this.#codes.subarray(0, rows * this.rowBytes);
  }

  /** Codes `vector` into `slot`, growing the array by doubling when needed. */
  set(slot: number, vector: Float32Array): void {
    this.#room(slot);
    const max = largestMagnitude(vector);
    const scale = max > 0 ? 7 / max : 0;
    const at = slot * this.rowBytes;
    for (let i = 0; i < this.dims; i += 2) {
      const high = Math.round((vector[i] as number) * scale) + 8;
      const low = i + 1 < this.dims ? Math.round((vector[i + 1] as number) * scale) + 8 : 8;
      this.#codes[at + (i >> 1)] = (((high << 4) | low) << 24) >> 24;
    }
  }

  /** Copies a code read from a file (`rowBytes` bytes) into `slot`. */
  put(slot: number, code: Int8Array): void {
    this.#room(slot);
    this.#codes.set(code, slot * this.rowBytes);
  }

  /** Moves the code of slot `from` to slot `to` (a removal swaps the last row in). */
  move(from: number, to: number): void {
    const n = this.rowBytes;
    this.#codes.copyWithin(to * n, from * n, (from + 1) * n);
  }

  /**
   * Orders `hits` (slot of each hit in `slots`, -1: not held) by the cosine of their codes with
   * `query`'s, best first, scores being those cosines.
   */
  rerank(query: Float32Array, hits: readonly AnnHit[], slots: readonly number[]): AnnHit[] {
    const dims = this.dims;
    const kept: AnnHit[] = [];
    if (this.#scratch.length < hits.length * dims) {
      this.#scratch = new Int8Array(hits.length * dims);
      this.#words = new Uint32Array(this.#scratch.buffer);
    }
    for (const [i, hit] of hits.entries()) {
      const slot = slots[i] as number;
      if (slot < 0) continue;
      this.#unpack(slot, kept.length);
      kept.push(hit);
    }
    encodeInt8(query, this.#query);
    return exactTopK(this.#scratch, kept.length, dims, this.#query, kept.length).map((h) => ({
      rid: (kept[h.rid] as AnnHit).rid,
      score: h.score,
    }));
  }

  /**
   * Unpacks the code of `slot` into row `row` of the scratch matrix as int8 values: four code bytes
   * (eight values) a step through 32-bit words where the layout allows (random rows are cache
   * misses; a byte at a time took 0.47 ms for a 140-row shortlist at 1536-d, words 0.12).
   */
  #unpack(slot: number, row: number): void {
    const dims = this.dims;
    const from = slot * this.rowBytes;
    const to = row * dims;
    if (LITTLE_ENDIAN && dims % 8 === 0) {
      const codes = this.#codeWords;
      const words = this.#words;
      let at = to >> 2;
      for (let w = from >> 2, end = (from + this.rowBytes) >> 2; w < end; w++) {
        const x = codes[w] as number;
        words[at++] = (PAIRS[x & 255] as number) | ((PAIRS[(x >>> 8) & 255] as number) << 16);
        words[at++] = (PAIRS[(x >>> 16) & 255] as number) | ((PAIRS[x >>> 24] as number) << 16);
      }
      return;
    }
    for (let i = 0; i < dims; i++) {
      const byte = (this.#codes[from + (i >> 1)] as number) & 0xff;
      this.#scratch[to + i] = (i % 2 === 0 ? byte >> 4 : byte & 15) - 8;
    }
  }

  #room(slot: number): void {
    const needed = (slot + 1) * this.rowBytes;
    if (needed <= this.#codes.length) return;
    const grown = new Int8Array(grownCapacity(this.#codes.length / this.rowBytes, slot + 1) * this.rowBytes);
    grown.set(this.#codes);
    this.#codes = grown;
    this.#wordsOfCodes();
  }

  #wordsOfCodes(): void {
    if (LITTLE_ENDIAN && this.dims % 8 === 0) this.#codeWords = new Uint32Array(this.#codes.buffer);
  }
}
