import { blobToVector } from "./rows.js";
import type { CacheState } from "./search-cache-state.js";

/**
 * How the search cache reads vectors from the file: float vectors of given rows (this embedder's
 * only) for exact re-scoring and index checks, and straight into a matrix for index builds (run
 * with a small page cache, `page-cache.ts`, like every bulk load).
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
   * Float vectors of these rows straight into `matrix` (see `VectorReader`), each row's bytes read
   * as hex text and decoded into place. A blob would come as a Buffer per row, whose memory the C
   * allocator holds until a garbage collection: at 100k × 384 an index build left ~35 MB of such
   * freed Buffers in the RSS; hex strings live in V8's young generation, collected as they go.
   */
  readonly readInto = (rids: number[], matrix: Float32Array): number[] => {
    const written: number[] = [];
    const { o, sql } = this.#state;
    const bytes = o.dims * 4;
    const into = Buffer.from(matrix.buffer, matrix.byteOffset, matrix.byteLength);
    const rows = sql(
      "SELECT rid, hex(vector) FROM vectors WHERE embedder = ? AND length(vector) = ? AND rid IN (SELECT value FROM json_each(?))",
    )
      .raw()
      .iterate(o.embedder, bytes, JSON.stringify(rids)) as Iterable<[number, string]>;
    for (const [rid, hex] of rows) {
      into.write(hex, written.length * bytes, bytes, "hex");
      written.push(rid);
    }
    return written;
  };
}
