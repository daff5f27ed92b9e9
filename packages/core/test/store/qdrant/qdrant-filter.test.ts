import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import {
  exactScopeFilter,
  metadataPath,
  queryFilter,
  withConditions,
} from "../../../src/store/qdrant/qdrant-filter.js";

describe("Qdrant filters", () => {
  it("a scope is exact equality of each given part, and superseded memories are hidden by default", () => {
    expect(queryFilter({ scope: { userId: "u", runId: "r" }, filters: {} })).toEqual({
      must: [
        { key: "user_id", match: { value: "u" } },
        { key: "run_id", match: { value: "r" } },
        { key: "superseded", match: { value: false } },
      ],
    });
    expect(queryFilter({ scope: {}, filters: { includeSuperseded: true } })).toEqual({ must: [] });
  });

  it("dedup's exact scope also requires the absent parts to be absent", () => {
    expect(exactScopeFilter({ agentId: "a" })).toEqual({
      must: [
        { key: "agent_id", match: { value: "a" } },
        { is_empty: { key: "user_id" } },
        { is_empty: { key: "run_id" } },
      ],
    });
  });

  it("translates every filter to the payload fields the store writes", () => {
    const filter = queryFilter({
      scope: { userId: "u" },
      filters: {
        includeSuperseded: true,
        memoryTypes: ["personal", "factual"],
        minImportance: 0.2,
        maxImportance: 0.8,
        createdAfter: new Date(1000),
        createdBefore: new Date(2000),
        observedBefore: new Date(3000),
        topics: ["Food"],
        entities: ["Ana", "BOB"],
        metadata: { source: "chat", n: 2.5, ok: false, none: null, "a.b": "x" },
      },
    });
    expect(filter.must).toEqual([
      { key: "user_id", match: { value: "u" } },
      { key: "memory_type", match: { any: ["personal", "factual"] } },
      { key: "importance", range: { gte: 0.2, lte: 0.8 } },
      { key: "created_at", range: { gte: 1000, lte: 2000 } },
      { key: "observed_at", range: { lte: 3000 } },
      { key: "topics_lc", match: { any: ["food"] } },
      { key: "entities_lc", match: { any: ["ana", "bob"] } },
      { key: "metadata.source", match: { value: "chat" } },
      { key: "metadata.n", range: { gte: 2.5, lte: 2.5 } },
      { key: "metadata.ok", match: { value: false } },
      { is_null: { key: "metadata.none" } },
      { key: 'metadata."a.b"', match: { value: "x" } },
    ]);
  });

  it("a metadata key Qdrant cannot address is a VALIDATION error", () => {
    expect(metadataPath("plain_key-1")).toBe("metadata.plain_key-1");
    expect(metadataPath("ключ")).toBe('metadata."ключ"');
    expect(() => metadataPath('say "hi"')).toThrowError(expect.objectContaining({ code: ErrorCode.VALIDATION }));
  });

  it("liveAt excludes points whose expires_at is at or before it (null or missing passes); expiredAt selects them", () => {
    const at = new Date(1_750_000_000_000);
    expect(queryFilter({ scope: { userId: "u" }, filters: { liveAt: at } })).toEqual({
      must: [
        { key: "user_id", match: { value: "u" } },
        { key: "superseded", match: { value: false } },
      ],
      must_not: [{ key: "expires_at", range: { lte: at.getTime() } }],
    });
    expect(queryFilter({ scope: {}, filters: { includeSuperseded: true, expiredAt: at } })).toEqual({
      must: [{ key: "expires_at", range: { lte: at.getTime() } }],
    });
  });

  it("withConditions adds to a filter without changing it", () => {
    const base = { must: [{ key: "user_id", match: { value: "u" } }] };
    const next = withConditions(base, [{ key: "hash", match: { any: ["h"] } }], [{ has_id: ["x"] }]);
    expect(next).toEqual({
      must: [...base.must, { key: "hash", match: { any: ["h"] } }],
      must_not: [{ has_id: ["x"] }],
    });
    expect(base.must).toHaveLength(1);
  });
});
