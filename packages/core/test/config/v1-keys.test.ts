import { describe, expect, it } from "vitest";
import { applyV1Key, isV1GrpcUrl, looksLikeV1Config, v1ThresholdToScore } from "../../src/config/v1-keys.js";
import type { V1Notes } from "../../src/config/v1-keys.js";

const fresh = (): V1Notes => ({ warnings: [], origins: {} });

/** Applies one v1 key to fresh notes: what it returns and what it noted. */
function apply(section: string, key: string, value: unknown): { result: unknown; notes: V1Notes } {
  const notes = fresh();
  return { result: applyV1Key(section, key, value, notes), notes };
}

describe("applyV1Key", () => {
  it("a key that is not a v1 key is undefined and notes nothing", () => {
    expect(apply("memory", "searchLimit", 5)).toStrictEqual({ result: undefined, notes: fresh() });
    expect(apply("nosection", "collectionName", "x")).toStrictEqual({ result: undefined, notes: fresh() });
  });

  it("a renamed key gives our path and notes where it came from", () => {
    expect(apply("qdrant", "collectionName", "mem")).toStrictEqual({
      result: { path: "qdrant.collection", value: "mem" },
      notes: { warnings: [], origins: { "qdrant.collection": "qdrant.collection_name" } },
    });
    expect(apply("memory", "maxSearchResults", 25)).toStrictEqual({
      result: { path: "memory.searchLimit", value: 25 },
      notes: { warnings: [], origins: { "memory.searchLimit": "memory.max_search_results" } },
    });
  });

  it("seconds are scaled to milliseconds, from a number or a numeric string", () => {
    expect(apply("qdrant", "timeoutSecs", 5).result).toStrictEqual({ path: "qdrant.timeoutMs", value: 5000 });
    expect(apply("embedding", "timeoutSecs", "2.5").result).toStrictEqual({
      path: "embedding.timeoutMs",
      value: 2500,
    });
  });

  it("memory_ttl_hours: whole hours become a duration, 0 is never, anything else is kept for the schema", () => {
    const ttl = (value: unknown): unknown =>
      (apply("memory", "memoryTtlHours", value).result as { value: unknown }).value;
    expect(ttl(720)).toBe("720h");
    expect(ttl("24")).toBe("24h");
    expect(ttl(" 24 ")).toBe("24h");
    expect(ttl(0)).toBe("never");
    expect(ttl("0")).toBe("never");
    expect(ttl(-3)).toBe(-3);
    expect(ttl(1.5)).toBe(1.5);
    expect(ttl("1.5")).toBe("1.5");
    expect(ttl("-3")).toBe("-3");
    expect(ttl("12h")).toBe("12h");
    // Only digits are hours: other numeric spellings are kept for the schema to refuse.
    expect(ttl("1e2")).toBe("1e2");
    expect(ttl("+24")).toBe("+24");
    expect(ttl("12.0")).toBe("12.0");
    expect(ttl(true)).toBe(true);
    expect(apply("memory", "memoryTtlHours", 1).notes.origins).toStrictEqual({
      "memory.ttl.default": "memory.memory_ttl_hours",
    });
  });

  it("v1 log levels are read as ours: trace is debug, warning is warn, the rest as given", () => {
    const level = (value: unknown): unknown => (apply("logging", "level", value).result as { value: unknown }).value;
    expect(level("trace")).toBe("debug");
    expect(level("warning")).toBe("warn");
    expect(level("error")).toBe("error");
    expect(level("info")).toBe("info");
  });

  it("the search threshold is kept for later (a number, NaN when not one) and consumed", () => {
    expect(apply("memory", "searchSimilarityThreshold", 0.7)).toStrictEqual({
      result: null,
      notes: {
        warnings: [],
        origins: { "memory.searchThreshold": "memory.search_similarity_threshold" },
        searchSimilarityThreshold: 0.7,
      },
    });
    expect(apply("memory", "searchSimilarityThreshold", "0.5").notes.searchSimilarityThreshold).toBe(0.5);
    expect(apply("memory", "searchSimilarityThreshold", "high").notes.searchSimilarityThreshold).toBeNaN();
    expect(
      apply("memory", "searchSimilarityThreshold", Number.POSITIVE_INFINITY).notes.searchSimilarityThreshold,
    ).toBeNaN();
  });

  it("a key we cannot honour is consumed with one warning naming its v1 name", () => {
    const { result, notes } = apply("memory", "maxMemories", 10);
    expect(result).toBeNull();
    expect(notes.origins).toStrictEqual({});
    expect(notes.warnings).toHaveLength(1);
    expect(notes.warnings[0]).toMatch(/^config key memory\.max_memories \(Rust v1\) is ignored: /);
  });

  it("a key asking for what we always do is consumed silently; asking otherwise warns", () => {
    const warned = (section: string, key: string, value: unknown): number => {
      const { result, notes } = apply(section, key, value);
      expect(result).toBeNull();
      return notes.warnings.length;
    };
    expect(warned("memory", "autoEnhance", true)).toBe(0);
    expect(warned("memory", "autoEnhance", false)).toBe(1);
    expect(warned("memory", "deduplicate", true)).toBe(0);
    expect(warned("memory", "deduplicate", false)).toBe(1);
    // v1 wrote log files only when enabled.
    expect(warned("logging", "enabled", true)).toBe(1);
    expect(warned("logging", "enabled", false)).toBe(0);
    expect(warned("logging", "logDirectory", "/var/log")).toBe(0);
    expect(warned("memory", "autoSummaryThreshold", 100)).toBe(1);
    expect(warned("memory", "mergeThreshold", 0.9)).toBe(1);
  });
});

describe("v1ThresholdToScore", () => {
  const w = { vectorWeight: 0.6, keywordWeight: 0.4, importanceWeight: 0.1, recencyWeight: 0.05 };

  it("is t · wv/(wv+wk) · (1 − wi − wr), rounded down to 4 decimals so every memory v1 kept passes", () => {
    // 0.7 · 0.6 · 0.85 = 0.357
    expect(v1ThresholdToScore(0.7, w)).toBe(0.357);
    // 0.5 · (1/3) · 0.7 = 0.11666… → 0.1166 (not 0.1167: a cosine of exactly 0.5 would fall under it)
    expect(
      v1ThresholdToScore(0.5, { vectorWeight: 1, keywordWeight: 2, importanceWeight: 0.2, recencyWeight: 0.1 }),
    ).toBe(0.1166);
    // 0.9 · 1 · (1 − 0.3 − 0) = 0.63
    expect(
      v1ThresholdToScore(0.9, { vectorWeight: 2, keywordWeight: 0, importanceWeight: 0.3, recencyWeight: 0 }),
    ).toBe(0.63);
  });

  it("is 0 when both retrieval weights are 0 (no vector share), never NaN", () => {
    expect(v1ThresholdToScore(0.7, { ...w, vectorWeight: 0, keywordWeight: 0 })).toBe(0);
  });
});

describe("looksLikeV1Config", () => {
  it("is true for a file with one of v1's own sections on its own line", () => {
    for (const section of ["qdrant", "llm", "embedding", "memory"]) {
      expect(looksLikeV1Config(`# v1\n[${section}]\nx = 1\n`), section).toBe(true);
    }
    expect(looksLikeV1Config("x = 1\n  [memory]  \n")).toBe(true);
  });

  it("is false for other tools' files and for sections that are not whole lines", () => {
    expect(looksLikeV1Config("[server]\nport = 1\n[logging]\n")).toBe(false);
    expect(looksLikeV1Config("[package]\nname = 'x'\n")).toBe(false);
    expect(looksLikeV1Config("[memory.ttl]\n")).toBe(false);
    expect(looksLikeV1Config("[memory] x = 1\n")).toBe(false);
    expect(looksLikeV1Config("x = [memory]\n")).toBe(false);
    expect(looksLikeV1Config("[memoryx]\n")).toBe(false);
    expect(looksLikeV1Config("")).toBe(false);
  });
});

describe("isV1GrpcUrl", () => {
  it("is true only for a URL on port 6334", () => {
    expect(isV1GrpcUrl("http://localhost:6334")).toBe(true);
    expect(isV1GrpcUrl("https://q.example:6334/")).toBe(true);
    expect(isV1GrpcUrl("http://localhost:6333")).toBe(false);
    expect(isV1GrpcUrl("http://localhost")).toBe(false);
    expect(isV1GrpcUrl("localhost:6334:x")).toBe(false);
    expect(isV1GrpcUrl("not a url 6334")).toBe(false);
    expect(isV1GrpcUrl(6334)).toBe(false);
    // Only a string is a URL (a list holding one is refused by the schema as a bad url, not as gRPC).
    expect(isV1GrpcUrl(["http://localhost:6334"])).toBe(false);
    expect(isV1GrpcUrl(undefined)).toBe(false);
  });
});
