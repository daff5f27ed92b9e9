import { CortexMemError, ErrorCode } from "../../errors.js";
import type { Memory } from "../../types/memory.js";
import type { StoreWrite } from "../memory-store.js";
import { pointId } from "./point-id.js";
import { memoryToPayload } from "./qdrant-payload.js";
import { DENSE, SPARSE } from "./qdrant-schema.js";
import { documentVector } from "./sparse-vector.js";

/** One operation of a Qdrant batch update (the REST JSON). */
export type UpdateOperation = Record<string, unknown>;

/** A whole memory point: payload, dense vector (when known) and the sparse keyword vector. */
export function memoryPoint(
  memory: Memory,
  vector: Float32Array | null,
  embedder: string,
): { id: string; vector: Record<string, unknown>; payload: Record<string, unknown> } {
  const sparse = documentVector(memory);
  return {
    id: pointId(memory.id),
    vector: {
      ...(vector ? { [DENSE]: Array.from(vector) } : {}),
      ...(sparse.indices.length ? { [SPARSE]: sparse } : {}),
    },
    payload: { ...memoryToPayload(memory), embedder: vector ? embedder : null },
  };
}

/** Throws `EMBEDDING` for a vector of another dimension than the store's, before anything is written. */
export function checkDimensions(vectors: (Float32Array | null | undefined)[], dimensions: number): void {
  for (const v of vectors) {
    if (v && v.length !== dimensions) {
      throw new CortexMemError(
        ErrorCode.EMBEDDING,
        `Vector of dimension ${v.length} cannot be stored next to vectors of dimension ${dimensions}`,
      );
    }
  }
}

/**
 * The batch update of one `apply`, in order. `embedders` maps the point id of every stored memory
 * the writes touch to the embedder of its vector (null: none); an update or delete of a memory that
 * does not exist (any more) is `NOT_FOUND`, checked for the whole batch before anything is written.
 */
export function applyOperations(
  writes: StoreWrite[],
  embedders: Map<string, string | null>,
  embedder: string,
): UpdateOperation[] {
  const present = new Map(embedders);
  const ops: UpdateOperation[] = [];
  for (const w of writes) {
    if (w.op === "delete") {
      const id = pointId(w.id);
      if (!present.has(id)) throw new CortexMemError(ErrorCode.NOT_FOUND, `Memory ${w.id} no longer exists`);
      present.delete(id);
      ops.push({ delete: { points: [id] } });
      continue;
    }
    const id = pointId(w.memory.id);
    if (w.op === "update" && !present.has(id))
      throw new CortexMemError(ErrorCode.NOT_FOUND, `Memory ${w.memory.id} no longer exists`);
    if (w.vector) {
      ops.push({ upsert: { points: [memoryPoint(w.memory, w.vector, embedder)] } });
      present.set(id, embedder);
      continue;
    }
    // Same content: keep the dense vector (and its embedder), refresh payload and keyword vector.
    const point = memoryPoint(w.memory, null, embedder);
    ops.push({ overwrite_payload: { points: [id], payload: { ...point.payload, embedder: present.get(id) ?? null } } });
    const sparse = point.vector[SPARSE];
    ops.push(
      sparse
        ? { update_vectors: { points: [{ id, vector: { [SPARSE]: sparse } }] } }
        : { delete_vectors: { points: [id], vector: [SPARSE] } },
    );
  }
  return ops;
}
