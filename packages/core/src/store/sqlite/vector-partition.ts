import { dot } from "../../embedder/embedder.js";

/** One row of a partition: where it belongs and whether search may see it by default. */
export interface VectorRowMeta {
  rid: number;
  id: string;
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

/**
 * The vectors of one user (or of the memories without a user), in one contiguous growable
 * Float32Array so an exact scan walks memory linearly. Removal swaps the last row in.
 */
export class VectorPartition {
  readonly dims: number;
  #data: Float32Array;
  #rows: VectorRowMeta[] = [];
  readonly #slot = new Map<number, number>();

  constructor(dims: number) {
    this.dims = dims;
    this.#data = new Float32Array(dims * 64);
  }

  get size(): number {
    return this.#rows.length;
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
  }

  /** Exact cosine scan; keeps the best `k` rows passing `pass` into `top` (sorted best first). */
  scan(query: Float32Array, pass: RowPredicate, k: number, top: { id: string; score: number }[]): void {
    const dims = this.dims;
    const view = new Float32Array(this.#data.buffer, 0, this.#rows.length * dims);
    let floor = top.length >= k ? (top[top.length - 1] as { score: number }).score : -Infinity;
    for (let slot = 0; slot < this.#rows.length; slot++) {
      const row = this.#rows[slot] as VectorRowMeta;
      if (row.superseded && !pass.includeSuperseded) continue;
      if (pass.agentId !== undefined && row.agentId !== pass.agentId) continue;
      if (pass.runId !== undefined && row.runId !== pass.runId) continue;
      if (pass.allowed && !pass.allowed.has(row.rid)) continue;
      const score = dot(query, view.subarray(slot * dims, slot * dims + dims));
      if (score <= floor) continue;
      let i = top.length;
      while (i > 0 && (top[i - 1] as { score: number }).score < score) i--;
      top.splice(i, 0, { id: row.id, score });
      if (top.length > k) top.pop();
      if (top.length >= k) floor = (top[top.length - 1] as { score: number }).score;
    }
  }
}
