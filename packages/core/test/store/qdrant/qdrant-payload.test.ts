import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import type { HistoryEntry, Memory } from "../../../src/types/memory.js";
import {
  historyToPayload,
  memoryToPayload,
  payloadToHistory,
  payloadToMemory,
} from "../../../src/store/qdrant/qdrant-payload.js";
import { sortKey } from "../../../src/store/qdrant/point-id.js";

const full: Memory = {
  id: "5c56c793-69f3-4fbf-87e6-c4bf54c28c26",
  content: "Zoë drinks oat milk ☕",
  memoryType: "personal",
  userId: "u",
  agentId: "a",
  runId: "r",
  actorId: "zoe",
  role: "user",
  importance: 0.7,
  entities: ["Zoë", "Oat Milk"],
  topics: ["Drinks"],
  metadata: { z: 1, a: { nested: [1, "x", null] }, big: 12345678901234 },
  hash: "h1",
  createdAt: new Date("2025-03-01T10:00:00.123Z"),
  updatedAt: new Date("2025-03-02T10:00:00Z"),
  observedAt: new Date("2024-12-31T23:59:59Z"),
  validUntil: new Date("2026-01-01T00:00:00Z"),
  supersededBy: "other-id",
  source: ["0", "1"],
  context: "before: hello",
};

describe("memory ⇄ Qdrant payload", () => {
  it("round-trips every field exactly, metadata key order included", () => {
    const payload = memoryToPayload(full);
    expect(payloadToMemory(JSON.parse(JSON.stringify(payload)))).toEqual(full);
    expect(Object.keys(payloadToMemory(payload).metadata)).toEqual(["z", "a", "big"]);
  });

  it("writes absent parts as null (so an overwrite clears them), numbers for dates, and indexable helper fields", () => {
    const {
      userId: _u,
      agentId: _a,
      runId: _r,
      actorId: _c,
      role: _o,
      validUntil: _v,
      supersededBy: _s,
      context: _x,
      ...bare
    } = full;
    const payload = memoryToPayload(bare);
    expect(payload).toMatchObject({
      user_id: null,
      agent_id: null,
      run_id: null,
      actor_id: null,
      role: null,
      valid_until: null,
      superseded_by: null,
      superseded: false,
      context: null,
    });
    expect(payload).toMatchObject({
      created_at: full.createdAt.getTime(),
      observed_at: full.observedAt.getTime(),
      topics_lc: ["drinks"],
      entities_lc: ["zoë", "oat milk"],
    });
    expect(payload.sort_key).toBe(sortKey(full.createdAt, full.id));
    expect(memoryToPayload(full).superseded).toBe(true);
    const back = payloadToMemory(payload);
    expect(back).toEqual(bare);
    expect("userId" in back || "validUntil" in back || "context" in back).toBe(false);
  });

  it("a payload that is not a cortex-mem memory is a STORE error", () => {
    expect(() => payloadToMemory({ city: "Berlin" })).toThrowError(expect.objectContaining({ code: ErrorCode.STORE }));
  });

  it("history rows round-trip with their sequence number", () => {
    const entry: HistoryEntry = {
      id: "h-1",
      memoryId: full.id,
      event: "UPDATE",
      oldContent: "a",
      newContent: "b",
      userId: "u",
      actorId: "zoe",
      at: new Date("2025-05-05T05:05:05.005Z"),
    };
    const payload = historyToPayload(entry, 42);
    expect(payload).toMatchObject({
      memory_id: full.id,
      agent_id: null,
      run_id: null,
      at: entry.at.getTime(),
      seq: 42,
    });
    expect(payloadToHistory(JSON.parse(JSON.stringify(payload)))).toEqual(entry);
    const deleted: HistoryEntry = {
      id: "h-2",
      memoryId: "m",
      event: "DELETE",
      oldContent: "gone",
      newContent: null,
      at: new Date(0),
    };
    expect(payloadToHistory(historyToPayload(deleted, 1))).toEqual(deleted);
  });
});
