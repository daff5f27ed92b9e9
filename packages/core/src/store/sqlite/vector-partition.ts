import { dot } from "../../embedder/embedder.js";
import { AnnIndex, exactTopK } from "./ann-index.js";
import type { VectorIndex } from "./ann-index.js";
import { RerankCodes } from "./rerank-codes.js";
import { cosineInt8, encodeInt8, grownCapacity, toInt8 } from "./vector-codes.js";

/** One row of a partition: where it belongs and whether search may see it by default. */
export interface VectorRowMeta {
  rid: number;
  id: string;
  importance: number;
  observedAt: number;
  agentId: string | null;
  runId: string | null;
  superseded: boolean;
  /** When it expires (epoch ms), null: never. */
  expiresAt?: number | null;
}

/** Which rows of a partition a search may see. */
export interface RowPredicate {
  agentId?: string;
  runId?: string;
  includeSuperseded: boolean;
  allowed?: ReadonlySet<number>;
  /** Only rows not expired at this instant (epoch ms). */
  liveAt?: number;
}

/** True when a row with this scope and state may be seen by a search with predicate `pass`. */
export function allows(
  pass: RowPredicate,
  rid: number,
  row: { superseded: boolean; agentId: string | null; runId: string | null; expiresAt?: number | null },
): boolean {
  if (row.superseded && !pass.includeSuperseded) return false;
  if (pass.liveAt !== undefined && row.expiresAt != null && row.expiresAt <= pass.liveAt) return false;
  if (pass.agentId !== undefined && row.agentId !== pass.agentId) return false;
  if (pass.runId !== undefined && row.runId !== pass.runId) return false;
  return !pass.allowed || pass.allowed.has(rid);
}

/** A vector hit with the row id, so the cache can re-score it from the file. */
export type VectorHit = { rid: number; id: string; score: number; importance: number; observedAt: number };
type Top = VectorHit[];

/** Where a partition reads the float vectors it does not hold (the SQLite file): rid → unit vector. */
export type VectorSource = (rids: number[]) => Map<number, Float32Array>;

/**
 * Reads the float vectors of `rids` from the file straight into `matrix` (row-major, from row 0)
 * and returns the rids written, in row order (rows without a vector of this embedder are left out).
 */
export type VectorReader = (rids: number[], matrix: Float32Array) => number[];

/** True when `ann`'s hits are a shortlist by a coarse estimate, which int4 codes re-rank (`rerank-codes.ts`). */
const wantsCodes = (ann: VectorIndex): boolean => (ann.shortlist?.(1) ?? 1) > 1;

/** Rows per chunk when an HNSW index is built: 6 MB of floats at 1536-d, allocated once per build. */
const BUILD_CHUNK = 1_024;

function pushTop(top: Top, row: VectorRowMeta, score: number, k: number): void {
  let i = top.length;
  while (i > 0 && (top[i - 1] as { score: number }).score < score) i--;
  top.splice(i, 0, { rid: row.rid, id: row.id, score, importance: row.importance, observedAt: row.observedAt });
  if (top.length > k) top.pop();
}

/**
 * The vectors of one user (or of the memories without a user). Small partitions hold int8 codes
 * of their vectors (see `vector-codes.ts`) in one contiguous array that grows by doubling from one
 * row, scanned natively; removal swaps the last row in. Partitions past the ANN threshold hold an
 * HNSW index (int8 inside) instead of the codes; a partition already that large when it is loaded
 * holds no codes at all ({@link deferCodes}): its index is loaded from its file, or built from the
 * file's vectors a chunk at a time. Float vectors stay in the SQLite file: the few a search needs
 * exactly (re-scoring, the filtered fallback, index checks) are read from it.
 * Scores returned by {@link search} are approximate cosines; the cache re-scores the shortlist.
 */
export class VectorPartition {
  readonly dims: number;
  #codes: Int8Array = new Int8Array(0);
  #rows: VectorRowMeta[] = [];
  readonly #slot = new Map<number, number>();
  /** False once the rows' codes are not kept here (an index holds them, or will: see {@link deferCodes}). */
  #holdsCodes = true;
  /** Int4 codes that re-rank a binary index's shortlist, when held (see {@link useAnn}). */
  #rerank: RerankCodes | undefined;
  ann: VectorIndex | undefined;

  constructor(dims: number) {
    this.dims = dims;
  }

  get size(): number {
    return this.#rows.length;
  }

  /** Bytes held for vectors (codes; the HNSW index reports its own). */
  get bytes(): number {
    return this.#codes.byteLength + (this.#rerank?.bytes ?? 0);
  }

  has(rid: number): boolean {
    return this.#slot.has(rid);
  }

  /** False when search needs an HNSW index: the partition holds no codes of its own. */
  get holdsCodes(): boolean {
    return this.#holdsCodes;
  }

  /**
   * Keeps only the rows' metadata from now on, for a partition known to be past the ANN threshold
   * before it is loaded: it will search through an index loaded or built from the file
   * ({@link buildAnnFrom}), so its codes would only double the memory while that index is made.
   */
  deferCodes(): void {
    this.#holdsCodes = false;
    this.#codes = new Int8Array(0);
  }

  /** Row ids held, in slot order. */
  rids(): number[] {
    return this.#rows.map((r) => r.rid);
  }

  /** About `n` row ids spread evenly over the rows (to sample their vectors). */
  sampleRids(n: number): number[] {
    const step = Math.max(1, Math.floor(this.#rows.length / n));
    const out: number[] = [];
    for (let slot = 0; slot < this.#rows.length; slot += step) out.push((this.#rows[slot] as VectorRowMeta).rid);
    return out;
  }

  /** Adds or replaces a row; `vector` may be absent only when the partition holds no codes. */
  upsert(meta: VectorRowMeta, vector: Float32Array | undefined): void {
    let slot = this.#slot.get(meta.rid);
    if (slot === undefined) {
      slot = this.#rows.length;
      this.#rows.push(meta);
      this.#slot.set(meta.rid, slot);
    } else {
      this.#rows[slot] = meta;
    }
    if (this.ann && vector) this.ann.upsert(meta.rid, vector);
    if (this.#rerank && vector) this.#rerank.set(slot, vector);
    if (!this.#holdsCodes || !vector) return;
    const needed = (slot + 1) * this.dims;
    if (needed > this.#codes.length) {
      const grown = new Int8Array(grownCapacity(this.#codes.length / this.dims, slot + 1) * this.dims);
      grown.set(this.#codes);
      this.#codes = grown;
    }
    encodeInt8(vector, this.#codes, slot * this.dims);
  }

  remove(rid: number): void {
    const slot = this.#slot.get(rid);
    if (slot === undefined) return;
    const last = this.#rows.length - 1;
    const moved = this.#rows[last] as VectorRowMeta;
    if (slot !== last) {
      this.#rows[slot] = moved;
      this.#slot.set(moved.rid, slot);
      if (this.#holdsCodes) this.#codes.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
      this.#rerank?.move(last, slot);
    }
    this.#rows.pop();
    this.#slot.delete(rid);
    this.ann?.remove(rid);
  }

  /**
   * Builds the index (by default HNSW, multi-threaded) from the codes, a chunk at a time, and lets
   * the codes go (a binary index's partition keeps int4 codes of them, {@link useAnn}).
   */
  buildAnn(ann: VectorIndex = new AnnIndex(this.dims)): VectorIndex {
    const rids = this.rids();
    ann.reserve?.(rids.length);
    const rerank = wantsCodes(ann) ? new RerankCodes(this.dims, rids.length) : undefined;
    const matrix = new Float32Array(Math.min(rids.length, BUILD_CHUNK) * this.dims);
    for (let i = 0; i < rids.length; i += BUILD_CHUNK) {
      const part = rids.slice(i, i + BUILD_CHUNK);
      matrix.set(this.#codes.subarray(i * this.dims, (i + part.length) * this.dims));
      ann.addMany(part, matrix);
      for (let row = 0; row < part.length && rerank; row++)
        rerank.set(i + row, matrix.subarray(row * this.dims, (row + 1) * this.dims));
    }
    ann.seal?.();
    this.useAnn(ann, rerank);
    return ann;
  }

  /**
   * Builds the HNSW index from the float vectors in the file, `chunk` rows at a time
   * read into one matrix reused by every chunk (each chunk added multi-threaded). Nothing of the
   * build outlives it but the index: every transient allocation here used to stay in the process's
   * RSS afterwards (freed, but fragmenting the allocator's heap), ~200 MB at 100k × 1536.
   */
  buildAnnFrom(read: VectorReader, chunk = BUILD_CHUNK, ann: VectorIndex = new AnnIndex(this.dims)): VectorIndex {
    const rids = this.rids();
    ann.reserve?.(rids.length);
    const matrix = new Float32Array(Math.min(rids.length, chunk) * this.dims);
    const rerank = wantsCodes(ann) ? new RerankCodes(this.dims, rids.length) : undefined;
    for (let i = 0; i < rids.length; i += chunk) {
      const written = read(rids.slice(i, i + chunk), matrix);
      ann.addMany(written, matrix);
      for (const [row, rid] of written.entries())
        rerank?.set(this.#slot.get(rid) as number, matrix.subarray(row * this.dims, (row + 1) * this.dims));
    }
    ann.seal?.();
    this.useAnn(ann, rerank);
    return ann;
  }

  /**
   * Searches through `ann` from now on; the int8 codes are let go. An index that proposes a
   * shortlist by a coarse estimate (binary codes) has it re-ranked with `rerank` ({@link search})
   * when given — a partition loaded with a saved index gets them by {@link adoptCodes}; without
   * them its whole shortlist is re-scored from the file.
   */
  useAnn(ann: VectorIndex, rerank?: RerankCodes): void {
    this.ann = ann;
    this.#rerank = wantsCodes(ann) ? rerank : undefined;
    this.deferCodes();
  }

  /** The int4 re-ranking codes in slot order with their row ids, when held (to save beside a binary index). */
  heldCodes(): { rids: number[]; codes: Int8Array; rowBytes: number } | undefined {
    const rerank = this.#rerank;
    if (!rerank) return undefined;
    return { rids: this.rids(), codes: rerank.rows(this.#rows.length), rowBytes: rerank.rowBytes };
  }

  /**
   * Takes the re-ranking codes of a binary index's partition from `read` (rows by row id, see
   * `ann-codes-file.ts`), then codes those of `fresh` (vectors changed since they were saved) and
   * of any row still without one (its vector from `source`). False, holding none, when `read` fails.
   */
  adoptCodes(
    read: (rowBytes: number, take: (rid: number, code: Int8Array) => void) => boolean,
    fresh: ReadonlyMap<number, Float32Array>,
    source: VectorSource,
  ): boolean {
    if (!this.ann || !wantsCodes(this.ann)) return false;
    const rerank = new RerankCodes(this.dims, this.#rows.length);
    const filled = new Uint8Array(this.#rows.length);
    const slotOf = (rid: number) => {
      const slot = this.#slot.get(rid);
      if (slot !== undefined) filled[slot] = 1;
      return slot;
    };
    const took = read(rerank.rowBytes, (rid, code) => {
      const slot = slotOf(rid);
      if (slot !== undefined) rerank.put(slot, code);
    });
    if (!took) return false;
    const set = (rid: number, vector: Float32Array) => {
      const slot = slotOf(rid);
      if (slot !== undefined) rerank.set(slot, vector);
    };
    for (const [rid, vector] of fresh) set(rid, vector);
    const missing = this.#rows.filter((_, slot) => !filled[slot]).map((row) => row.rid);
    if (missing.length > 0) for (const [rid, vector] of source(missing)) set(rid, vector);
    this.#rerank = rerank;
    return true;
  }

  /**
   * Spot-checks an HNSW index against the rows: each sampled row's own vector (read from the file)
   * should come back among its ten nearest. A loaded index that fails (torn file, graph worn by many
   * replays, an index of other vectors) is rebuilt. One miss in eight samples is allowed: a sound
   * graph leaves a few rows unreachable (at 100k × 1536 int8, 2 rows in 2,000 sampled were not found
   * among their own ten nearest), and a single such row among the samples made every process rebuild
   * the index (70 s there) at its first search.
   */
  annAgrees(ann: VectorIndex, source: VectorSource, samples = 16): boolean {
    const n = this.#rows.length;
    if (ann.size !== n) return false;
    const step = Math.max(1, Math.floor(n / samples));
    const picked: number[] = [];
    for (let slot = 0; slot < n; slot += step) picked.push((this.#rows[slot] as VectorRowMeta).rid);
    const vectors = source(picked);
    let misses = 0;
    for (const rid of picked) {
      const vector = vectors.get(rid);
      if (!vector) return false;
      // An approximate search may miss a row's own vector at k = 1 (graph build order varies with
      // threads); an index of other vectors has nothing that close among its first ten either.
      const near = ann.search(vector, 10);
      if (!near.some((h) => h.rid === rid || h.score >= 0.999)) misses++;
    }
    return misses * 8 <= picked.length;
  }

  /**
   * Keeps the best `k` rows passing `pass` into `top` (sorted best first, approximate cosines), or
   * the best `ann.shortlist(k)` when the index ranks by a coarser estimate (binary codes), for the
   * caller to re-score. Candidates come from the HNSW index when there is one, else from a native
   * exact top-k over the codes; both over-fetch, and the row-by-row scan (which applies filters)
   * runs only when filters leave too few.
   */
  search(query: Float32Array, pass: RowPredicate, k: number, top: Top, source: VectorSource): void {
    const n = this.#rows.length;
    if (n === 0) return;
    const shortlist = this.ann?.shortlist?.(k) ?? k;
    // A coarse shortlist with codes at hand is re-ranked here, so only the best k go on.
    const rerank = shortlist > k ? this.#rerank : undefined;
    const keep = rerank ? k : shortlist;
    const want = Math.min(n, Math.max(shortlist, k * 4, 100));
    const codes = this.ann || !this.#holdsCodes ? undefined : toInt8(query);
    if (!this.ann && !codes) return this.#scanSource(query, pass, k, top, source);
    // Index hits carry row ids, the exact scan's carry slots; both come best first, so the first k
    // that pass are this partition's best k (the rest were only fetched in case filters drop rows).
    const hits = this.ann
      ? this.ann.search(query, want)
      : exactTopK(this.#codes.subarray(0, n * this.dims), n, this.dims, codes as Int8Array, want);
    const ranked = rerank
      ? rerank.rerank(
          query,
          hits,
          hits.map((h) => this.#slot.get(h.rid) ?? -1),
        )
      : hits;
    const found: { row: VectorRowMeta; score: number }[] = [];
    for (const hit of ranked) {
      const slot = this.ann ? this.#slot.get(hit.rid) : hit.rid;
      const row = slot === undefined ? undefined : this.#rows[slot];
      if (row && allows(pass, row.rid, row) && found.push({ row, score: hit.score }) === keep) break;
    }
    if (found.length >= keep || hits.length >= n) {
      for (const f of found) pushTop(top, f.row, f.score, keep);
      return;
    }
    if (codes) this.#scanCodes(codes, pass, k, top);
    else this.#scanSource(query, pass, k, top, source);
  }

  #scanCodes(query: Int8Array, pass: RowPredicate, k: number, top: Top): void {
    const dims = this.dims;
    for (let slot = 0; slot < this.#rows.length; slot++) {
      const row = this.#rows[slot] as VectorRowMeta;
      if (allows(pass, row.rid, row)) pushTop(top, row, cosineInt8(query, 0, this.#codes, slot * dims, dims), k);
    }
  }

  /** The filtered fallback of an indexed partition: exact cosines over the passing rows' float vectors. */
  #scanSource(query: Float32Array, pass: RowPredicate, k: number, top: Top, source: VectorSource): void {
    const passing = this.#rows.filter((row) => allows(pass, row.rid, row));
    const vectors = source(passing.map((r) => r.rid));
    for (const row of passing) {
      const vector = vectors.get(row.rid);
      if (vector) pushTop(top, row, dot(query, vector), k);
    }
  }
}
