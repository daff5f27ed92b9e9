import { dot } from "../../embedder/embedder.js";
import { AnnIndex, exactTopK } from "./ann-index.js";

/** One row of a partition: where it belongs and whether search may see it by default. */
export interface VectorRowMeta {
  rid: number;
  id: string;
  importance: number;
  observedAt: number;
  agentId: string | null;
  runId: string | null;
  superseded: boolean;
}

/** Which rows of a partition a search may see. */
export interface RowPredicate {
  agentId?: string;
  runId?: string;
  includeSuperseded: boolean;
  allowed?: ReadonlySet<number>;
}

/** True when a row with this scope and state may be seen by a search with predicate `pass`. */
export function allows(pass: RowPredicate, rid: number, row: { superseded: boolean; agentId: string | null; runId: string | null }): boolean {
  if (row.superseded && !pass.includeSuperseded) return false;
  if (pass.agentId !== undefined && row.agentId !== pass.agentId) return false;
  if (pass.runId !== undefined && row.runId !== pass.runId) return false;
  return !pass.allowed || pass.allowed.has(rid);
}

type Hit = { id: string; score: number; importance: number; observedAt: number };
type Top = Hit[];

function pushTop(top: Top, row: VectorRowMeta, score: number, k: number): void {
  let i = top.length;
  while (i > 0 && (top[i - 1] as { score: number }).score < score) i--;
  top.splice(i, 0, { id: row.id, score, importance: row.importance, observedAt: row.observedAt });
  if (top.length > k) top.pop();
}

/**
 * The vectors of one user (or of the memories without a user), in one contiguous growable
 * Float32Array so an exact scan walks memory linearly. Removal swaps the last row in. Large
 * partitions also carry an HNSW index, kept in step with every upsert and removal.
 */
export class VectorPartition {
  readonly dims: number;
  #data: Float32Array;
  #rows: VectorRowMeta[] = [];
  readonly #slot = new Map<number, number>();
  ann: AnnIndex | undefined;

  constructor(dims: number) {
    this.dims = dims;
    this.#data = new Float32Array(dims * 64);
  }

  get size(): number {
    return this.#rows.length;
  }

  has(rid: number): boolean {
    return this.#slot.has(rid);
  }

  vector(rid: number): Float32Array | undefined {
    const slot = this.#slot.get(rid);
    return slot === undefined ? undefined : this.#data.subarray(slot * this.dims, (slot + 1) * this.dims);
  }

  upsert(meta: VectorRowMeta, vector: Float32Array): void {
    let slot = this.#slot.get(meta.rid);
    if (slot === undefined) {
      slot = this.#rows.length;
      if ((slot + 1) * this.dims > this.#data.length) {
        const grown = new Float32Array(this.#data.length * 2);
        grown.set(this.#data);
        this.#data = grown;
      }
      this.#rows.push(meta);
      this.#slot.set(meta.rid, slot);
    } else {
      this.#rows[slot] = meta;
    }
    this.#data.set(vector, slot * this.dims);
    this.ann?.upsert(meta.rid, vector);
  }

  remove(rid: number): void {
    const slot = this.#slot.get(rid);
    if (slot === undefined) return;
    const last = this.#rows.length - 1;
    const moved = this.#rows[last] as VectorRowMeta;
    if (slot !== last) {
      this.#rows[slot] = moved;
      this.#slot.set(moved.rid, slot);
      this.#data.copyWithin(slot * this.dims, last * this.dims, (last + 1) * this.dims);
    }
    this.#rows.pop();
    this.#slot.delete(rid);
    this.ann?.remove(rid);
  }

  /** Builds the HNSW index from every row (multi-threaded). */
  buildAnn(): AnnIndex {
    const ann = new AnnIndex(this.dims);
    ann.addMany(this.#rows.map((r) => r.rid), this.#data.subarray(0, this.#rows.length * this.dims));
    this.ann = ann;
    return ann;
  }

  /**
   * Spot-checks an HNSW index against the rows: each sampled row's own vector must come back as
   * its nearest neighbour. A loaded index that fails (torn file, graph worn by many replays) is rebuilt.
   */
  annAgrees(ann: AnnIndex, samples = 16): boolean {
    const n = this.#rows.length;
    if (ann.size !== n) return false;
    const step = Math.max(1, Math.floor(n / samples));
    for (let slot = 0; slot < n; slot += step) {
      const row = this.#rows[slot] as VectorRowMeta;
      const best = ann.search(this.#data.subarray(slot * this.dims, (slot + 1) * this.dims), 1)[0];
      if (!best || (best.rid !== row.rid && best.score < 0.9999)) return false;
    }
    return true;
  }

  #passes(row: VectorRowMeta, pass: RowPredicate): boolean {
    return allows(pass, row.rid, row);
  }

  /**
   * Keeps the best `k` rows passing `pass` into `top` (sorted best first). Candidates come from
   * the HNSW index when there is one, else from a native exact top-k; both over-fetch, and the
   * JavaScript scan (which applies filters row by row) runs only when filters leave too few.
   */
  search(query: Float32Array, pass: RowPredicate, k: number, top: Top): void {
    const want = Math.min(this.#rows.length, Math.max(k * 4, 100));
    const hits = this.ann
      ? this.ann.search(query, want).map((h) => ({ slot: this.#slot.get(h.rid), score: h.score }))
      : exactTopK(this.#data, this.#rows.length, this.dims, query, want).map((h) => ({ slot: h.rid, score: h.score }));
    const found: { row: VectorRowMeta; score: number }[] = [];
    for (const hit of hits) {
      const row = hit.slot === undefined ? undefined : this.#rows[hit.slot];
      if (row && this.#passes(row, pass)) found.push({ row, score: hit.score });
    }
    if (found.length >= k || hits.length >= this.#rows.length) {
      for (const f of found) pushTop(top, f.row, f.score, k);
      return;
    }
    this.scan(query, pass, k, top);
  }

  /** Exact cosine scan over every row. */
  scan(query: Float32Array, pass: RowPredicate, k: number, top: Top): void {
    const dims = this.dims;
    let floor = top.length >= k ? (top[top.length - 1] as { score: number }).score : -Infinity;
    for (let slot = 0; slot < this.#rows.length; slot++) {
      const row = this.#rows[slot] as VectorRowMeta;
      if (!this.#passes(row, pass)) continue;
      const score = dot(query, this.#data.subarray(slot * dims, slot * dims + dims));
      if (score <= floor) continue;
      pushTop(top, row, score, k);
      if (top.length >= k) floor = (top[top.length - 1] as { score: number }).score;
    }
  }
}
