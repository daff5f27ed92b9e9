import type { ParsedSections } from "./schema.js";

/**
 * What each section of the configuration parses to when a configuration leaves it out (its
 * schema's output for `{}`), written out so that `parseConfig` need not build the schemas of the
 * sections nobody set (issue 14: building the config schema cost every cold start more CPU than
 * parsing the configuration). `test/config/parse-config.test.ts` compares every section with its
 * schema's own output, so a default changed in `schema.ts` and not here fails the tests.
 */
const SECTION_DEFAULTS: ParsedSections = {
  store: { kind: "sqlite" },
  qdrant: { collection: "cortex_mem", timeoutMs: 10_000 },
  llm: { model: "gpt-4o-mini", temperature: 0, maxTokens: 2048, timeoutMs: 60_000, maxRetries: 3 },
  embedding: { model: "text-embedding-3-small", batchSize: 64, timeoutMs: 30_000, maxRetries: 3 },
  memory: {
    infer: true,
    onLlmError: "fail",
    duplicateThreshold: 0.95,
    relatedThreshold: 0.6,
    searchLimit: 10,
    searchThreshold: 0,
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

/** A fresh copy of a left-out section's parsed defaults (callers may change what they get). */
export function sectionDefaults<K extends keyof ParsedSections>(section: K): ParsedSections[K] {
  return structuredClone(SECTION_DEFAULTS[section]);
}
