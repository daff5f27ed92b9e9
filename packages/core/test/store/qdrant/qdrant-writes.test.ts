import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import type { Memory } from "../../../src/types/memory.js";
import { pointId } from "../../../src/store/qdrant/point-id.js";
import { applyOperations, checkDimensions, memoryPoint } from "../../../src/store/qdrant/qdrant-writes.js";

const memory = (id: string, content = "tea with Ana"): Memory => ({
  id,
  content,
  memoryType: "factual",
  userId: "u",
  importance: 0.5,
  entities: [],
  topics: [],
  metadata: {},
  hash: "h",
  createdAt: new Date(0),
  updatedAt: new Date(0),
  observedAt: new Date(0),
  source: [],
});
const A = "11111111-1111-4111-8111-111111111111";
const B = "22222222-2222-4222-8222-222222222222";
const v = new Float32Array([0.6, 0.8]);

describe("Qdrant write batches", () => {
  it("a point carries the dense vector, the sparse keyword vector and the embedder of its vector", () => {
    const point = memoryPoint(memory(A), v, "emb");
    expect(point.id).toBe(A);
    expect(point.vector.dense).toEqual([Array.from(v)[0], Array.from(v)[1]]);
    expect(point.vector.bm25).toMatchObject({ indices: expect.any(Array), values: expect.any(Array) });
    expect(point.payload).toMatchObject({ id: A, embedder: "emb" });
    const bare = memoryPoint(memory(B, "🎉"), null, "emb");
    expect(bare.vector).toEqual({});
    expect(bare.payload.embedder).toBeNull();
  });

  it("updates without a vector keep the stored embedder and refresh only payload and keywords", () => {
    const ops = applyOperations([{ op: "update", memory: memory(A, "new words") }], new Map([[A, "old-emb"]]), "emb");
    expect(ops).toHaveLength(2);
    expect(ops[0]).toMatchObject({
      overwrite_payload: { points: [A], payload: { content: "new words", embedder: "old-emb" } },
    });
    expect(ops[1]).toMatchObject({ update_vectors: { points: [{ id: A, vector: { bm25: expect.any(Object) } }] } });
    expect(JSON.stringify(ops)).not.toContain('"dense"');
  });

  it("follows the batch in order: a memory inserted earlier may be updated, one deleted earlier may not", () => {
    const ops = applyOperations(
      [
        { op: "insert", memory: memory(B), vector: v },
        { op: "update", memory: memory(B, "changed") },
        { op: "delete", id: A },
      ],
      new Map([[A, "emb"]]),
      "emb",
    );
    expect(ops.map((o) => Object.keys(o)[0])).toEqual(["upsert", "overwrite_payload", "update_vectors", "delete"]);
    expect(ops[1]).toMatchObject({ overwrite_payload: { payload: { embedder: "emb" } } });
    expect(() =>
      applyOperations(
        [
          { op: "delete", id: A },
          { op: "delete", id: A },
        ],
        new Map([[A, "emb"]]),
        "emb",
      ),
    ).toThrowError(expect.objectContaining({ code: ErrorCode.NOT_FOUND }));
    expect(() => applyOperations([{ op: "update", memory: memory("imported-7") }], new Map(), "emb")).toThrowError(
      expect.objectContaining({ code: ErrorCode.NOT_FOUND }),
    );
    expect(
      applyOperations([{ op: "delete", id: "imported-7" }], new Map([[pointId("imported-7"), null]]), "emb"),
    ).toEqual([{ delete: { points: [pointId("imported-7")] } }]);
  });

  it("refuses vectors of another dimension", () => {
    expect(() => checkDimensions([v, null, undefined], 2)).not.toThrow();
    expect(() => checkDimensions([new Float32Array(3)], 2)).toThrowError(
      expect.objectContaining({ code: ErrorCode.EMBEDDING }),
    );
  });
});
