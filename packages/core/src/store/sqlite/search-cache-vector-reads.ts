import { blobToVector } from "./rows.js";
import type { CacheState } from "./search-cache-state.js";

/**
 * How the search cache reads vectors from the file: float vectors of given rows (this embedder's
 * only) for exact re-scoring and index checks, straight into a matrix for index builds, and bulk
 * reads done with a small page cache that is given back afterwards.
 */
export class VectorReads {
  readonly #state: CacheState;

  constructor(state: CacheState) {
    this.#state = state;
  }

  /** Float vectors of these rows from the file (this embedder's only), for exact re-scoring. */
  readonly vectors = (rids: number[]): Map<number, Float32Array> => {
    const out = new Map<number, Float32Array>();
    if (rids.length === 0) return out;
    const { o, sql } = this.#state;
    const rows = sql(
      "SELECT rid, vector FROM vectors WHERE embedder = ? AND rid IN (SELECT value FROM json_each(?))",
    ).all(o.embedder, JSON.stringify(rids)) as { rid: number; vector: Buffer }[];
    for (const row of rows) {
      const vector = blobToVector(row.vector);
      if (vector.length === o.dims) out.set(row.rid, vector);
    }
    return out;
  };

  /**
   * Float vectors of these rows straight into `matrix` (see `VectorReader`): no per-row copy, so a
   * build of model-size vectors leaves no trail of freed buffers behind it.
   */
  readonly readInto = (rids: number[], matrix: Float32Array): number[] => {
    const written: number[] = [];
    const { o, sql } = this.#state;
    const bytes = o.dims * 4;
    const rows = sql(
      "SELECT rid, vector FROM vectors WHERE embedder = ? AND rid IN (SELECT value FROM json_each(?))",
    ).iterate(o.embedder, JSON.stringify(rids)) as Iterable<{ rid: number; vector: Buffer }>;
    for (const row of rows) {
      if (row.vector.byteLength !== bytes) continue;
      new Uint8Array(matrix.buffer, matrix.byteOffset + written.length * bytes, bytes).set(row.vector);
      written.push(row.rid);
    }
    return written;
  };

  /**
   * Runs a bulk read of vectors (loading a partition's vector rows, building its index) with
   * SQLite's page cache held to 2 MB: each page is read once, and a full 64 MB cache of them, given
   * back afterwards, stayed in the RSS as holes in the allocator's heap.
   */
  withSmallPageCache<T>(run: () => T): T {
    const { db } = this.#state;
    let size: number;
    try {
      size = db.pragma("cache_size", { simple: true }) as number;
      db.pragma("cache_size = -2048");
    } catch {
      return run(); // a statement of this connection is mid-iteration: only memory is at stake
    }
    try {
      return run();
    } finally {
      db.pragma(`cache_size = ${size}`);
    }
  }

  /**
   * Gives back SQLite's page cache after a bulk read of vectors (loading a partition, building its
   * index): those pages will not be read again soon, and the cache would keep up to its 64 MB.
   */
  releaseReadMemory(): void {
    try {
      this.#state.db.pragma("shrink_memory");
    } catch {
      // Only memory is at stake; a connection that refuses keeps its cache.
    }
  }
}
