import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from "node:fs";
import { lib, native } from "./usearch-native.js";
import type { NativeIndex } from "./usearch-native.js";
import { encodeInt8 } from "./vector-codes.js";

/** SHA-256 of a file, read 1 MB at a time (an index of 100k model-size vectors is ~200 MB). */
function digestOf(path: string): string {
  const hash = createHash("sha256");
  const buffer = Buffer.allocUnsafe(1 << 20);
  const fd = openSync(path, "r");
  try {
    for (let n = readSync(fd, buffer); n > 0; n = readSync(fd, buffer)) hash.update(buffer.subarray(0, n));
  } finally {
    closeSync(fd);
  }
  return hash.digest("hex");
}

/** Bytes per row of a saved usearch index: its vectors section opens with the row count and this (u32 each). */
function rowBytesOf(path: string): number {
  const head = Buffer.alloc(8);
  const fd = openSync(path, "r");
  try {
    readSync(fd, head, 0, 8, 0);
  } finally {
    closeSync(fd);
  }
  return head.readUInt32LE(4);
}

/** One approximate neighbour: the row id and its cosine similarity. */
export interface AnnHit {
  rid: number;
  score: number;
}

/**
 * What a large partition searches through instead of scanning codes: an HNSW graph ({@link AnnIndex})
 * for dense vectors, inverted lists (`SparseIndex`) for sparse ones. Keyed by row id; scores are cosines.
 */
export interface VectorIndex {
  readonly size: number;
  /** Adds many rows, float vectors row-major. */
  addMany(rids: number[], vectors: Float32Array): void;
  upsert(rid: number, vector: Float32Array): void;
  remove(rid: number): void;
  search(query: Float32Array, k: number): AnnHit[];
  /**
   * How many of its best hits must be re-scored exactly to hold the best `k` (absent: `k`, its
   * scores already rank like cosines).
   */
  shortlist?(k: number): number;
  /** Room for this many rows (a build calls it once with the partition's size). */
  reserve?(rows: number): void;
  /** Ends a build. */
  seal?(): void;
}

/**
 * Exact top-`k` by cosine over a row-major matrix of int8 codes (see `vector-codes.ts`), in native
 * SIMD code; returns row numbers and cosines. About 20× faster than a JavaScript loop over floats.
 */
export function exactTopK(matrix: Int8Array, rows: number, dimensions: number, query: Int8Array, k: number): AnnHit[] {
  if (rows === 0 || k <= 0) return [];
  const usearch = lib();
  const matches = usearch.exactSearch(
    matrix.subarray(0, rows * dimensions),
    query,
    dimensions,
    Math.min(k, rows),
    usearch.MetricKind.Cos,
    1,
  ) as { keys: BigUint64Array; distances: Float32Array };
  const out: AnnHit[] = [];
  for (let i = 0; i < matches.keys.length; i++)
    out.push({ rid: Number(matches.keys[i]), score: 1 - (matches.distances[i] as number) });
  return out;
}

/**
 * Graph links per node (twice as many on the base layer). Hashed local vectors are nearly orthogonal,
 * which HNSW navigates poorly: at M=16/ef=128 a vector's own nearest neighbour was missed for 1.6% of
 * 2,000 rows; M=32/ef=256 misses 0.25%. Session 9 tried M=16 (measured under load, CPU time): at
 * 100k × 1536 model-like vectors it builds in 365 vs 479 CPU-s into 168 vs 181 MB and, at ef=256,
 * finds recall@10 0.961 at the CPU M=32/ef=176 needs for 0.962 (no search gain); on 20k dense local
 * vectors (384-d, 29% of components set, which get HNSW, not inverted lists) M=16/ef=256 found
 * recall@10 0.914 where M=32/ef=176 finds 0.964. Kept at 32. A saved index of another connectivity
 * is refused on load ({@link AnnIndex.load}), so changing it rebuilds every saved index.
 */
export const CONNECTIVITY = 32;
/** Candidates kept while a row is linked into the graph. */
const EXPANSION_ADD = 128;
/**
 * Candidates kept while searching (at least the number asked for). At 100k × 1536 model-like vectors
 * (`bench/src/suites/model-vectors.ts`, 200 queries, shortlist re-scored, CPU per search on a loaded
 * box) the native search is ~75–85% of a store-level vector search: ef=256 gave recall@10 0.982 at
 * 5.2 ms, 192 gave 0.966 at 4.5 ms (session 7). Session 8, three interleaved rounds under load:
 * 192 → 0.968 at 5.85 ms of native search, 184 → 0.966 at 5.31, 176 → 0.964 at 4.90, 168 → 0.961 at
 * 4.73, 160 → 0.958. Session 9 (a newly filled home, same suite): 176 → 0.962, 128 → 0.9405, 96 →
 * 0.927; the misses are the graph's: re-scoring 15, 20, 30 or 40 of its hits exactly gives the same
 * recall (10: −0.0045). 176 keeps recall ≥ 0.96.
 */
export const EXPANSION_SEARCH = 176;

/**
 * How an HNSW index codes its vectors: int8 codes under the cosine metric, or one sign bit per
 * component under the Hamming distance (`b1`), whose hits are only a shortlist to re-score.
 */
export type AnnCode = "i8" | "b1";

/**
 * Vectors of at least this many dimensions get binary codes ({@link annCodeFor}). At 100k × 1536
 * model-like vectors the walk over int8 codes (1.5 KB a node) was ~80% of a search; over sign bits
 * (192 B) at the ef that keeps recall it is ~45% cheaper, the index 45 MB instead of 173, built in
 * a third of the time. One bit a component keeps enough of a long vector's direction for a
 * shortlist (the Hamming distance of sign bits estimates the angle, `acos(cos) / π × dims`), not of
 * a short one: binary quantization is the usual choice from ~1,000 dimensions (Qdrant's guidance).
 * Centring the vectors before taking signs was tried and lost recall (0.97 → 0.78).
 */
export const BINARY_MIN_DIMENSIONS = 1024;

/** The code an HNSW index of `dimensions`-d vectors uses. */
export function annCodeFor(dimensions: number): AnnCode {
  return dimensions >= BINARY_MIN_DIMENSIONS ? "b1" : "i8";
}

/**
 * Candidates kept while a binary index is searched. Chosen on a sample of its own (100k × 1536
 * model-like vectors of another corpus seed than the bench's, 200 queries; the shortlist re-ranked
 * with int8 codes, then the best 20 re-scored exactly): ef 192 → recall@10 0.952, 256 → 0.968,
 * 320 → 0.973, 384 → 0.978, the native walk taking 0.63, 0.78, 0.93, 1.06 ms (the int8 index's at
 * ef 176: 1.71 ms for 0.961). 320 leaves room for the coarser int4 re-ranking (`rerank-codes.ts`)
 * and for data unlike the sample.
 */
export const BINARY_EXPANSION_SEARCH = 320;
/**
 * Hits of a binary index re-ranked for each of the `k` a partition is asked for (k = 20 for a
 * search of 10: 140). Same sample: 100 → 0.963, 140 → 0.973, 200 → 0.977 at ef 320.
 */
export const BINARY_OVERSAMPLE = 7;

/**
 * An HNSW index (usearch, prebuilt native) keyed by SQLite row id. Below
 * {@link BINARY_MIN_DIMENSIONS} it holds int8 codes (`vector-codes.ts`) with the cosine metric, so
 * scores are cosines of the codes (within ~1e-3 of the float cosines); from there, sign bits with
 * the Hamming distance, scores being the angle's estimate `cos(π × hamming / dims)`, and the
 * partition re-scores {@link shortlist} hits from the float vectors in the file. Used only for
 * partitions too large to scan.
 */
export class AnnIndex implements VectorIndex {
  readonly #index: NativeIndex;
  readonly #dims: number;
  readonly code: AnnCode;
  /** The query's code, reused by every search. */
  readonly #query: Int8Array;
  readonly #key = new BigUint64Array(1);

  /**
   * `connectivity` other than {@link CONNECTIVITY} only to make an index of another format (tests);
   * `code` other than {@link annCodeFor} likewise.
   */
  constructor(
    dimensions: number,
    expansionSearch?: number,
    connectivity = CONNECTIVITY,
    code: AnnCode = annCodeFor(dimensions),
  ) {
    this.#dims = dimensions;
    this.code = code;
    this.#query = new Int8Array(code === "i8" ? dimensions : 0);
    const binary = code === "b1";
    this.#index = new (native().CompiledIndex)(
      dimensions,
      binary ? "hamming" : "cos",
      code,
      connectivity,
      EXPANSION_ADD,
      expansionSearch ?? (binary ? BINARY_EXPANSION_SEARCH : EXPANSION_SEARCH),
      false,
    );
  }

  get size(): number {
    return this.#index.size();
  }

  /** A binary index's hits rank by an estimate: {@link BINARY_OVERSAMPLE} × `k` are re-scored. */
  shortlist(k: number): number {
    return this.code === "b1" ? k * BINARY_OVERSAMPLE : k;
  }

  /** Adds many rows at once (multi-threaded build), given as float vectors, row-major, coded here. */
  addMany(rids: number[], vectors: Float32Array): void {
    if (rids.length === 0) return;
    const keys = new BigUint64Array(rids.length);
    for (const [i, rid] of rids.entries()) keys[i] = BigInt(rid);
    this.#index.add(keys, this.#coded(vectors, rids.length), 2);
  }

  /** Adds or replaces one row (its float vector, coded here). */
  upsert(rid: number, vector: Float32Array): void {
    this.remove(rid);
    this.#key[0] = BigInt(rid);
    this.#index.add(this.#key, this.#coded(vector, 1), 1);
  }

  /**
   * What the native index is given for `rows` float vectors: int8 codes, or (binary) the floats
   * themselves, which the native cast turns into sign bits.
   */
  #coded(vectors: Float32Array, rows: number): Int8Array | Float32Array {
    const dims = this.#dims;
    if (this.code === "b1") return vectors;
    const codes = new Int8Array(rows * dims);
    for (let i = 0; i < rows; i++) encodeInt8(vectors.subarray(i * dims, (i + 1) * dims), codes, i * dims);
    return codes;
  }

  remove(rid: number): void {
    this.#key[0] = BigInt(rid);
    if (this.#index.contains(this.#key)[0]) this.#index.remove(this.#key);
  }

  /**
   * Writes the index to `path` atomically (temp file + rename), so readers never see half a file,
   * with its SHA-256 in `<path>.sum` (renamed into place first): usearch trusts the file it loads,
   * and a damaged one would crash the process instead of being rebuilt.
   */
  save(path: string): void {
    const temp = `${path}.${process.pid}.tmp`;
    this.#index.save(temp);
    writeFileSync(`${temp}.sum`, digestOf(temp));
    renameSync(`${temp}.sum`, `${path}.sum`);
    renameSync(temp, path);
  }

  /**
   * Reads an index written by {@link save}; throws (never crashes) when the file does not match its
   * digest, when it holds codes of another kind than `code`, and when its graph was built with
   * another connectivity (usearch takes the file's own code and connectivity, so an index of other
   * parameters would otherwise be searched as if it had the current ones).
   */
  static load(path: string, dimensions: number, code: AnnCode = annCodeFor(dimensions)): AnnIndex {
    if (digestOf(path) !== readFileSync(`${path}.sum`, "utf8"))
      throw new Error(`HNSW index file ${path} is damaged or incomplete`);
    const bytes = rowBytesOf(path);
    if (bytes !== (code === "b1" ? Math.ceil(dimensions / 8) : dimensions))
      throw new Error(`HNSW index file ${path} holds ${bytes}-byte rows, not ${code} codes of ${dimensions}-d vectors`);
    const ann = new AnnIndex(dimensions, undefined, undefined, code);
    ann.#index.load(path);
    if (ann.#index.connectivity() !== CONNECTIVITY)
      throw new Error(`HNSW index file ${path} has connectivity ${ann.#index.connectivity()}, not ${CONNECTIVITY}`);
    return ann;
  }

  search(query: Float32Array, k: number): AnnHit[] {
    const size = this.size;
    if (size === 0) return [];
    const binary = this.code === "b1";
    if (!binary) encodeInt8(query, this.#query);
    const wanted = Math.min(k, size);
    const [keys, distances, counts] = this.#index.search(binary ? query : this.#query, wanted, 1);
    const found = Number(counts[0]);
    const out: AnnHit[] = new Array(found);
    const angle = Math.PI / this.#dims;
    for (let i = 0; i < found; i++) {
      const distance = distances[i] as number;
      out[i] = { rid: Number(keys[i]), score: binary ? Math.cos(distance * angle) : 1 - distance };
    }
    return out;
  }
}
