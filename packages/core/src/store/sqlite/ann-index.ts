import { createHash } from "node:crypto";
import { closeSync, openSync, readFileSync, readSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import type * as Usearch from "usearch";
import type { Index as UsearchIndex } from "usearch";

const require = createRequire(import.meta.url);
let loaded: typeof Usearch | undefined;
/** The native addon, loaded on first use so commands that never search do not pay for it. */
function lib(): typeof Usearch {
  // usearch's ESM build cannot find its native binary under pnpm; its CommonJS build can.
  loaded ??= require("usearch") as typeof Usearch;
  return loaded;
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
 * An HNSW index (usearch, prebuilt native) keyed by SQLite row id, holding int8 vectors with the
 * cosine metric, so scores are cosines. Used only for partitions too large to scan.
 */
export class AnnIndex implements VectorIndex {
  readonly #index: UsearchIndex;
  readonly #dims: number;

  constructor(dimensions: number) {
    const usearch = lib();
    this.#dims = dimensions;
    this.#index = new usearch.Index({
      dimensions,
      metric: usearch.MetricKind.Cos,
      quantization: usearch.ScalarKind.I8,
      // Hashed local vectors are nearly orthogonal, which HNSW navigates poorly: at M=16/ef=128 a
      // vector's own nearest neighbour was missed for 1.6% of 2,000 rows; M=32/ef=256 misses 0.25%.
      connectivity: 32,
      expansion_add: 128,
      expansion_search: 256,
      multi: false,
    });
  }

  get size(): number {
    return this.#index.size();
  }

  /**
   * Adds many rows at once (multi-threaded build), given as float vectors, row-major. Floats go in
   * as they are: usearch's JS wrapper turns any other typed array into a new Float32Array copy
   * (25 MB for 4,096 rows at 1536-d) before its native code casts to int8 (each vector scaled by
   * its L2 norm × 127), so int8 codes of our own would only add a copy and a second rounding.
   */
  addMany(rids: number[], vectors: Float32Array): void {
    if (rids.length === 0) return;
    const keys = new BigUint64Array(rids.length);
    for (const [i, rid] of rids.entries()) keys[i] = BigInt(rid);
    this.#index.add(keys, vectors.subarray(0, rids.length * this.#dims), 2);
  }

  /** Adds or replaces one row (its float vector; cast to int8 natively, see {@link addMany}). */
  upsert(rid: number, vector: Float32Array): void {
    const key = BigInt(rid);
    if (this.#index.contains(key)) this.#index.remove(key);
    this.#index.add(key, vector);
  }

  remove(rid: number): void {
    const key = BigInt(rid);
    if (this.#index.contains(key)) this.#index.remove(key);
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

  /** Reads an index written by {@link save}; throws (never crashes) when the file does not match its digest. */
  static load(path: string, dimensions: number): AnnIndex {
    if (digestOf(path) !== readFileSync(`${path}.sum`, "utf8"))
      throw new Error(`HNSW index file ${path} is damaged or incomplete`);
    const ann = new AnnIndex(dimensions);
    ann.#index.load(path);
    return ann;
  }

  search(query: Float32Array, k: number): AnnHit[] {
    const matches = this.#index.search(query, Math.min(k, Math.max(1, this.size)), 1);
    const out: AnnHit[] = [];
    for (let i = 0; i < matches.keys.length; i++) {
      out.push({ rid: Number(matches.keys[i]), score: 1 - (matches.distances[i] as number) });
    }
    return out;
  }
}
