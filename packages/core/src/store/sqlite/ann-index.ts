import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as Usearch from "usearch";
import { encodeInt8 } from "./vector-codes.js";

const require = createRequire(import.meta.url);
let loaded: typeof Usearch | undefined;
/** The native addon, loaded on first use so commands that never search do not pay for it. */
function lib(): typeof Usearch {
  // usearch's ESM build cannot find its native binary under pnpm; its CommonJS build can.
  loaded ??= require("usearch") as typeof Usearch;
  return loaded;
}

/**
 * usearch's native index, below its JavaScript wrapper. The wrapper turns every vector into
 * float32, and the native float → int8 cast then truncates `x × 127 / ‖x‖`: at 1536-d the
 * components of a unit vector are ~±0.025, so codes of ±3 carry ~18% noise, and the graph built
 * and searched on them needed ef=256 for 0.98 recall. Given int8 codes (`vector-codes.ts`: scaled
 * by the largest component, rounded; ~1% noise), the native index stores them as they are.
 */
interface NativeIndex {
  add(keys: BigUint64Array, vectors: Int8Array, threads: number): void;
  search(query: Int8Array, k: number, threads: number): [BigUint64Array, Float32Array, BigUint64Array];
  remove(keys: BigUint64Array): boolean[];
  contains(keys: BigUint64Array): boolean[];
  size(): number;
  connectivity(): number;
  save(path: string): void;
  load(path: string): void;
}
type NativeAddon = {
  CompiledIndex: new (
    dimensions: number,
    metric: string,
    quantization: string,
    connectivity: number,
    expansionAdd: number,
    expansionSearch: number,
    multi: boolean,
  ) => NativeIndex;
};
let addon: NativeAddon | undefined;
/** The addon the wrapper itself loads (same file, so the same module), found the way the wrapper finds it. */
function native(): NativeAddon {
  if (addon) return addon;
  const main = require.resolve("usearch");
  let root = dirname(main);
  while (!existsSync(join(root, "prebuilds")) && !existsSync(join(root, "build")) && dirname(root) !== root)
    root = dirname(root);
  const build = createRequire(main)("node-gyp-build") as (dir: string) => NativeAddon;
  addon = build(root);
  return addon;
}

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
 * An HNSW index (usearch, prebuilt native) keyed by SQLite row id, holding int8 codes
 * (`vector-codes.ts`) with the cosine metric, so scores are cosines of the codes (within ~1e-3
 * of the float cosines). Used only for partitions too large to scan.
 */
export class AnnIndex implements VectorIndex {
  readonly #index: NativeIndex;
  readonly #dims: number;
  /** The query's code, reused by every search. */
  readonly #query: Int8Array;
  readonly #key = new BigUint64Array(1);

  /** `connectivity` other than {@link CONNECTIVITY} only to make an index of another format (tests). */
  constructor(dimensions: number, expansionSearch = EXPANSION_SEARCH, connectivity = CONNECTIVITY) {
    this.#dims = dimensions;
    this.#query = new Int8Array(dimensions);
    this.#index = new (native().CompiledIndex)(
      dimensions,
      "cos",
      "i8",
      connectivity,
      EXPANSION_ADD,
      expansionSearch,
      false,
    );
  }

  get size(): number {
    return this.#index.size();
  }

  /** Adds many rows at once (multi-threaded build), given as float vectors, row-major, coded here. */
  addMany(rids: number[], vectors: Float32Array): void {
    if (rids.length === 0) return;
    const keys = new BigUint64Array(rids.length);
    const codes = new Int8Array(rids.length * this.#dims);
    for (const [i, rid] of rids.entries()) {
      keys[i] = BigInt(rid);
      encodeInt8(vectors.subarray(i * this.#dims, (i + 1) * this.#dims), codes, i * this.#dims);
    }
    this.#index.add(keys, codes, 2);
  }

  /** Adds or replaces one row (its float vector, coded here). */
  upsert(rid: number, vector: Float32Array): void {
    this.remove(rid);
    const codes = new Int8Array(this.#dims);
    encodeInt8(vector, codes);
    this.#key[0] = BigInt(rid);
    this.#index.add(this.#key, codes, 1);
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
   * digest, and when its graph was built with another connectivity (usearch takes the file's own,
   * so an index of old parameters would otherwise be searched as if it had the current ones).
   */
  static load(path: string, dimensions: number): AnnIndex {
    if (digestOf(path) !== readFileSync(`${path}.sum`, "utf8"))
      throw new Error(`HNSW index file ${path} is damaged or incomplete`);
    const ann = new AnnIndex(dimensions);
    ann.#index.load(path);
    if (ann.#index.connectivity() !== CONNECTIVITY)
      throw new Error(`HNSW index file ${path} has connectivity ${ann.#index.connectivity()}, not ${CONNECTIVITY}`);
    return ann;
  }

  search(query: Float32Array, k: number): AnnHit[] {
    const size = this.size;
    if (size === 0) return [];
    encodeInt8(query, this.#query);
    const wanted = Math.min(k, size);
    const [keys, distances, counts] = this.#index.search(this.#query, wanted, 1);
    const found = Number(counts[0]);
    const out: AnnHit[] = new Array(found);
    for (let i = 0; i < found; i++) out[i] = { rid: Number(keys[i]), score: 1 - (distances[i] as number) };
    return out;
  }
}
