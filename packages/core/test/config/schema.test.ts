import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { configSchema } from "../../src/config/schema.js";

const DEFAULTS = {
  home: "/h",
  store: { kind: "sqlite" },
  qdrant: { collection: "cortex_mem", timeoutMs: 10_000 },
  llm: { provider: "none", model: "gpt-4o-mini", temperature: 0, maxTokens: 2048, timeoutMs: 60_000, maxRetries: 3 },
  embedding: { provider: "local", model: "text-embedding-3-small", batchSize: 64, timeoutMs: 30_000, maxRetries: 3 },
  memory: {
    infer: true,
    onLlmError: "fail",
    duplicateThreshold: 0.95,
    relatedThreshold: 0.6,
    searchLimit: 10,
    searchThreshold: 0,
    vectorWeight: 0,
    keywordWeight: 1,
    importanceWeight: 0.1,
    recencyWeight: 0.05,
    recencyHalfLifeDays: 30,
    annThreshold: 20_000,
    annSparseDensity: 0.2,
    maxContentLength: 32_768,
    ttl: {},
  },
  server: {
    host: "127.0.0.1",
    port: 3000,
    apiKeys: [],
    corsOrigins: [],
    allowedHosts: [],
    allowUnauthenticatedRemote: false,
    bodyLimit: "1mb",
    workers: 1,
  },
  logging: { level: "info" },
  jobs: {
    worker: true,
    maxQueued: 10_000,
    retryAfterSeconds: 2,
    maxAttempts: 5,
    leaseMs: 30_000,
    pollMs: 500,
    concurrency: 2,
    batchSize: 16,
    backoffMs: 1_000,
    maxBackoffMs: 60_000,
  },
  optimizer: {
    duplicateThreshold: 0.92,
    lowQualityThreshold: 0.4,
    outdatedDays: 180,
    supersededRetentionDays: 30,
    llmBatchSize: 50,
  },
  usage: { enabled: true, flushMs: 1_000, currency: "USD", prices: [] },
};

describe("configSchema", () => {
  it("resolves every default of an empty config", () => {
    expect(configSchema.parse({ home: "/h" })).toStrictEqual(DEFAULTS);
  });

  it("makes home absolute", () => {
    expect(configSchema.parse({ home: "rel/dir" }).home).toBe(resolve("rel/dir"));
  });

  it("providers follow the API keys unless set; an explicit provider wins", () => {
    const parse = (input: Record<string, unknown>) => configSchema.parse({ home: "/h", ...input });
    expect(parse({ llm: { apiKey: "sk" } }).llm).toStrictEqual({ ...DEFAULTS.llm, provider: "openai", apiKey: "sk" });
    expect(parse({ llm: { apiKey: "sk", provider: "none" } }).llm.provider).toBe("none");
    expect(parse({ llm: { provider: "openai" } }).llm.provider).toBe("openai");
    expect(parse({ embedding: { apiKey: "sk" } }).embedding).toStrictEqual({
      ...DEFAULTS.embedding,
      provider: "openai",
      apiKey: "sk",
    });
    expect(parse({ embedding: { apiKey: "sk", provider: "local" } }).embedding.provider).toBe("local");
    // One key does not switch the other provider.
    expect(parse({ embedding: { apiKey: "sk" } }).llm.provider).toBe("none");
    expect(parse({ llm: { apiKey: "sk" } }).embedding.provider).toBe("local");
  });

  it("search weights follow the embedder; a weight that is set is kept, the other still follows", () => {
    const memory = (input: Record<string, unknown>) => configSchema.parse({ home: "/h", ...input }).memory;
    expect(memory({ embedding: { provider: "openai" } })).toStrictEqual({
      ...DEFAULTS.memory,
      vectorWeight: 0.01,
      keywordWeight: 0.99,
    });
    expect(memory({ embedding: { apiKey: "sk" } })).toMatchObject({ vectorWeight: 0.01, keywordWeight: 0.99 });
    expect(memory({ embedding: { apiKey: "sk", provider: "local" } })).toMatchObject({
      vectorWeight: 0,
      keywordWeight: 1,
    });
    expect(memory({ embedding: { provider: "openai" }, memory: { keywordWeight: 0 } })).toMatchObject({
      vectorWeight: 0.01,
      keywordWeight: 0,
    });
    expect(memory({ memory: { vectorWeight: 0.5 } })).toMatchObject({ vectorWeight: 0.5, keywordWeight: 1 });
  });

  it("memory.ttl takes a duration, seconds or never; anything else is refused by key", () => {
    const ttl = (value: unknown) => configSchema.safeParse({ home: "/h", memory: { ttl: { episodic: value } } });
    for (const good of ["never", "7d", "12h", 3600]) {
      expect(ttl(good).data?.memory.ttl, String(good)).toStrictEqual({ episodic: good });
    }
    for (const bad of ["7 days", "", "Never", "forever", true, -1]) {
      const result = ttl(bad);
      expect(result.success, String(bad)).toBe(false);
      expect(result.error?.issues.map((i) => i.path)).toStrictEqual([["memory", "ttl", "episodic"]]);
    }
  });
});
