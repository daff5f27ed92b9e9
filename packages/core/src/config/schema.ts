import { z } from "zod";

const port = z.coerce.number().int().min(0).max(65535);
/** Shortest API key accepted: a short key can be guessed over the network. */
export const MIN_API_KEY_LENGTH = 16;
const apiKey = z.string().min(MIN_API_KEY_LENGTH, `API keys must be at least ${MIN_API_KEY_LENGTH} characters`);
const apiKeyEntry = z.union([
  apiKey,
  // Strict: a misspelt binding (say `user` for `user_id`) must not leave an unbound, all-powerful key.
  z.strictObject({ key: apiKey, userId: z.string().min(1).optional(), name: z.string().optional() }),
]);

/** Where memories live: the embedded SQLite file (default) or a Qdrant collection. */
export const storeConfigSchema = z.object({
  kind: z.enum(["sqlite", "qdrant"]).default("sqlite"),
  path: z.string().min(1).optional(),
});

/** A Qdrant server, for users who outgrow one machine. */
export const qdrantConfigSchema = z.object({
  url: z.string().url().optional(),
  apiKey: z.string().min(1).optional(),
  collection: z.string().min(1).default("cortex_mem"),
  timeoutMs: z.coerce.number().int().positive().default(10_000),
});

/** The LLM used for extraction and decisions; `none` means rule-based. */
export const llmConfigSchema = z.object({
  provider: z.enum(["none", "openai"]).optional(),
  apiKey: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  model: z.string().min(1).default("gpt-4o-mini"),
  temperature: z.coerce.number().min(0).max(2).default(0),
  maxTokens: z.coerce.number().int().positive().default(2048),
  timeoutMs: z.coerce.number().int().positive().default(60_000),
  maxRetries: z.coerce.number().int().min(0).max(10).default(3),
});

/** The embedder; `local` needs no network and no model file. */
export const embeddingConfigSchema = z.object({
  provider: z.enum(["local", "openai"]).optional(),
  apiKey: z.string().min(1).optional(),
  baseUrl: z.string().url().optional(),
  model: z.string().min(1).default("text-embedding-3-small"),
  dimensions: z.coerce.number().int().min(8).max(8192).optional(),
  batchSize: z.coerce.number().int().min(1).max(2048).default(64),
  timeoutMs: z.coerce.number().int().positive().default(30_000),
  maxRetries: z.coerce.number().int().min(0).max(10).default(3),
});

/** How memories are added, deduplicated and ranked. */
export const memoryConfigSchema = z.object({
  infer: z.boolean().default(true),
  onLlmError: z.enum(["fail", "store_raw"]).default("fail"),
  duplicateThreshold: z.coerce.number().min(0).max(1).default(0.95),
  relatedThreshold: z.coerce.number().min(0).max(1).default(0.6),
  searchLimit: z.coerce.number().int().min(1).max(1000).default(10),
  searchThreshold: z.coerce.number().min(0).default(0),
  /** Weight of vector similarity; default 0.3 with the local (lexical) embedder, 0.6 with a model. */
  vectorWeight: z.coerce.number().min(0).optional(),
  /** Weight of BM25; default 0.7 with the local embedder, 0.4 with a model. */
  keywordWeight: z.coerce.number().min(0).optional(),
  importanceWeight: z.coerce.number().min(0).max(1).default(0.1),
  recencyWeight: z.coerce.number().min(0).max(1).default(0.05),
  recencyHalfLifeDays: z.coerce.number().positive().default(30),
  annThreshold: z.coerce.number().int().min(0).default(20_000),
  maxContentLength: z.coerce.number().int().positive().default(32_768),
});

/** The REST service. */
export const serverConfigSchema = z.object({
  host: z.string().min(1).default("127.0.0.1"),
  port: port.default(3000),
  apiKeys: z.array(apiKeyEntry).default([]),
  corsOrigins: z.array(z.string().min(1)).default([]),
  /** Host names served besides loopback when no API keys are set (DNS-rebinding guard); `*` allows any. */
  allowedHosts: z.array(z.string().min(1)).default([]),
  /** Consent to listen on a non-loopback address without API keys (refused otherwise). */
  allowUnauthenticatedRemote: z.boolean().default(false),
  bodyLimit: z.string().min(1).default("1mb"),
  /** Processes serving the port (node:cluster); they share the SQLite file like any other processes. */
  workers: z.coerce.number().int().min(1).max(64).default(1),
});

/** The job runner: async adds, expiry sweeps and the optimizer share it. */
export const jobsConfigSchema = z.object({
  /** Run workers inside the REST service and a long-running MCP server (else only `cortex-mem worker` runs jobs). */
  worker: z.boolean().default(true),
  /** Open jobs beyond which a new one is refused with `RATE_LIMITED` (429, Retry-After). */
  maxQueued: z.coerce.number().int().min(1).default(10_000),
  /** Seconds a refused client is told to wait. */
  retryAfterSeconds: z.coerce.number().int().min(1).default(2),
  /** Attempts before a job is `failed`. */
  maxAttempts: z.coerce.number().int().min(1).max(100).default(5),
  /** How long a claim holds without renewal; a crashed worker's job is taken again after it. */
  leaseMs: z.coerce.number().int().min(100).default(30_000),
  /** How often an idle worker looks for jobs queued by other processes. */
  pollMs: z.coerce.number().int().min(10).default(500),
  /** Jobs a worker runs at once (jobs of one kind and scope always run one at a time, in order). */
  concurrency: z.coerce.number().int().min(1).max(64).default(2),
  /** First retry delay after a provider fault, doubled per attempt up to `maxBackoffMs`. */
  backoffMs: z.coerce.number().int().min(0).default(1_000),
  maxBackoffMs: z.coerce.number().int().min(0).default(60_000),
});

/** Log output of the doors. */
export const loggingConfigSchema = z.object({
  level: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});

/** The whole configuration, validated once. */
export const configSchema = z.object({
  home: z.string().min(1),
  store: storeConfigSchema.default({ kind: "sqlite" }),
  qdrant: qdrantConfigSchema.default({ collection: "cortex_mem", timeoutMs: 10_000 }),
  llm: llmConfigSchema.prefault({}),
  embedding: embeddingConfigSchema.prefault({}),
  memory: memoryConfigSchema.prefault({}),
  server: serverConfigSchema.prefault({}),
  logging: loggingConfigSchema.prefault({}),
  jobs: jobsConfigSchema.prefault({}),
});

/** A validated configuration; providers are resolved (never undefined after loading). */
export type CortexMemConfig = z.output<typeof configSchema> & {
  llm: { provider: "none" | "openai" };
  embedding: { provider: "local" | "openai" };
  memory: { vectorWeight: number; keywordWeight: number };
};

/** A configuration as written by hand: every part optional. */
export type CortexMemConfigInput = z.input<typeof configSchema>;
