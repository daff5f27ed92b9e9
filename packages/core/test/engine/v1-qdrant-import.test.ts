import { describe, expect, it } from "vitest";
import { importV1Qdrant, v1PointToRecord } from "../../src/engine/v1-qdrant-import.js";
import { isCortexMemError } from "../../src/errors.js";
import type { V1Point, V1PointSource } from "../../src/engine/v1-qdrant-import.js";
import { openMemory } from "../helpers.js";

// Points exactly as Rust v1 wrote them (its spec §4.3): one unnamed dense vector; payload with
// RFC 3339 dates plus *_ts milliseconds, capitalised memory_type, custom values as `custom_<key>`
// holding JSON text, entities/topics as arrays (or, on older points, a JSON-encoded string).
const v1Point = (id: string, content: string, extra: Record<string, unknown> = {}): V1Point => ({
  id,
  vector: Array.from({ length: 8 }, (_, i) => (i + 1) / 10),
  payload: {
    content,
    created_at: "2025-03-01T10:00:00Z",
    updated_at: "2025-03-02T10:00:00Z",
    created_at_ts: 1740823200000,
    updated_at_ts: 1740909600000,
    user_id: "alice",
    agent_id: "tars",
    memory_type: "Personal",
    hash: "d2a8…sha256",
    importance_score: 0.8,
    entities: ["Alice"],
    topics: '["Health"]',
    custom_keywords: '["peanuts","allergy"]',
    custom_source: '"chat"',
    custom_archived: "true",
    ...extra,
  },
});

function pages(points: V1Point[], size: number): V1PointSource {
  return {
    async scroll(offset, limit) {
      const start = offset === null ? 0 : Number(offset);
      const n = Math.min(size, limit);
      return { points: points.slice(start, start + n), next: start + n < points.length ? start + n : null };
    },
  };
}

describe("import of a Rust v1 Qdrant collection", () => {
  it("maps v1's payload to our memory: ids, scope, type, importance, lists, custom values as JSON", () => {
    const { memory, vector, history } = v1PointToRecord(
      v1Point("6f1c9f0e-1111-4a4a-9999-000000000001", "Alice is allergic to peanuts"),
      () => true,
    );
    expect(memory).toMatchObject({
      id: "6f1c9f0e-1111-4a4a-9999-000000000001",
      memoryType: "personal",
      userId: "alice",
      agentId: "tars",
      importance: 0.8,
      entities: ["Alice"],
      topics: ["Health"],
      metadata: { keywords: ["peanuts", "allergy"], source: "chat", archived: true },
    });
    expect(memory.createdAt.toISOString()).toBe("2025-03-01T10:00:00.000Z");
    expect(memory.updatedAt.toISOString()).toBe("2025-03-02T10:00:00.000Z");
    expect(vector?.length).toBe(8);
    expect(history).toMatchObject([{ event: "ADD", newContent: "Alice is allergic to peanuts" }]);
  });

  it("drops a vector the embedder cannot use, and names a point without content", () => {
    expect(v1PointToRecord(v1Point("6f1c9f0e-1111-4a4a-9999-000000000002", "x"), () => false).vector).toBeNull();
    let error: unknown;
    try {
      v1PointToRecord({ id: "p-1", vector: [1], payload: { user_id: "alice" } }, () => true);
    } catch (e) {
      error = e;
    }
    expect(isCortexMemError(error) && error.code).toBe("VALIDATION");
  });

  it("copies every page into a real SQLite store, is idempotent, and reports rejected points", async () => {
    const memory = await openMemory();
    const points = Array.from({ length: 7 }, (_, i) =>
      v1Point(`6f1c9f0e-1111-4a4a-9999-00000000001${i}`, `fact number ${i}`),
    );
    points.push({ id: "broken", vector: null, payload: { memory_type: "Factual" } });
    const first = await importV1Qdrant(pages(points, 3), memory.store, { keepVector: () => false, batchSize: 3 });
    expect(first).toMatchObject({ read: 8, imported: 7, skipped: 0, withoutVector: 7 });
    expect(first.rejected.map((r) => r.id)).toEqual(["broken"]);
    const again = await importV1Qdrant(pages(points, 3), memory.store, { keepVector: () => false });
    expect(again).toMatchObject({ imported: 0, skipped: 7 });
    expect(await memory.reembed()).toBe(7);
    const hits = await memory.search("fact number 3", { userId: "alice", limit: 1 });
    expect(hits[0]?.content).toBe("fact number 3");
    expect((await memory.history(points[0]!.id as string)).map((h) => h.event)).toEqual(["ADD"]);
  });
});
