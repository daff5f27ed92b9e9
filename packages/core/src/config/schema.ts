import { resolve } from "node:path";
import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { TTL_GRAMMAR, isTtl } from "../util/duration.js";
import { portNameSchema } from "../providers/provider-names.js";
import { MEMORY_TYPES } from "../types/memory-types.js";
import type { MemoryType } from "../types/memory-types.js";
import type { EmbeddingProviderName, LlmProviderName, StoreKind } from "../providers/provider-names.js";

/**
 * What the generated `init` template and docs/CONFIG.md show for a key, beside its type and default:
 * `description` (one line), `example` for a key without a default (shown commented out), `note` for a
 * default that depends on other keys.
 */
export interface ConfigKeyMeta {
  description: string;
  example?: unknown;
  note?: string;
  [key: string]: unknown;
}

const meta = (m: ConfigKeyMeta): ConfigKeyMeta => m;
const port = () => z.coerce.number().int().min(0).max(65535);
/** Shortest API key accepted: a short key can be guessed over the network. */
export const MIN_API_KEY_LENGTH = 16;
const apiKey = () => z.string().min(MIN_API_KEY_LENGTH, `API keys must be at least ${MIN_API_KEY_LENGTH} characters`);
const apiKeyEntry = () =>
  z.union([
    apiKey(),
    // Strict: a misspelt binding (say `user` for `user_id`) must not leave an unbound, all-powerful key.
    z.strictObject({ key: apiKey(), userId: z.string().min(1).optional(), name: z.string().optional() }),
  ]);

/**
 * Search weights by embedder. The local embedder's vectors are hashed words: on LoCoMo they added
 * no recall over BM25 and cost most of a search (docs/BENCHMARKS.md), so offline search is BM25
 * alone and the query is not embedded. With a model the vectors break BM25's near-ties and find
 * what no word matches, but never outvote a word match: the only semantic embedders measurable
 * here (GloVe stand-ins, plain and centred) put 0.6 / 0.4 below BM25 alone in every LoCoMo
 * category, and 0.01 was the one weight never below it on the tuning half for both, then on the
 * held-out half too. Users with a stronger model measure it with the bench and raise the weight.
 */
export const DEFAULT_WEIGHTS = {
  local: { vectorWeight: 0, keywordWeight: 1 },
  model: { vectorWeight: 0.01, keywordWeight: 0.99 },
} as const;

/** A request timeout in milliseconds (the Qdrant, LLM and embedding sections). */
const timeoutMs = (ms: number) =>
  z.coerce
    .number()
    .int()
    .positive()
    .default(ms)
    .meta(meta({ description: "Request timeout (ms)" }));

/** A secret of a section (prefer the environment). */
const secret = (description: string, example: string) =>
  z.string().min(1).optional().meta(meta({ description, example }));

/**
 * The keys every OpenAI-compatible section has (LLM, embedding), defined once: the key, the
 * endpoint, the model (each section's default), and at the end the timeout and the retries.
 */
const openAiEndpoint = (o: { model: string; modelDescription: string; baseUrlDescription: string }) => ({
  apiKey: secret("API key (prefer the env for secrets)", "sk-…"),
  baseUrl: z
    .string()
    .url()
    .optional()
    .meta(meta({ description: o.baseUrlDescription, example: "http://localhost:11434/v1" })),
  model: z
    .string()
    .min(1)
    .default(o.model)
    .meta(meta({ description: o.modelDescription })),
});
const openAiLimits = (ms: number) => ({
  timeoutMs: timeoutMs(ms),
  maxRetries: z.coerce
    .number()
    .int()
    .min(0)
    .max(10)
    .default(3)
    .meta(meta({ description: "Retries of 429/5xx" })),
});

/** Where memories live: the embedded SQLite file (default) or a Qdrant collection. */
export const storeConfigSchema = lazySchema(() =>
  z.strictObject({
    kind: (portNameSchema("store") as z.ZodType<StoreKind>)
      .default("sqlite")
      .meta(meta({ description: 'Where memories live: "sqlite", "qdrant" or a registered store' })),
    path: z
      .string()
      .min(1)
      .optional()
      .meta(
        meta({ description: "SQLite file (default <home>/memories.db)", example: "/var/lib/cortex-mem/memories.db" }),
      ),
  }),
);

/** A Qdrant server, for users who outgrow one machine. */
export const qdrantConfigSchema = lazySchema(() =>
  z.strictObject({
    url: z
      .string()
      .url()
      .optional()
      .meta(
        meta({ description: "Qdrant server; setting it selects the Qdrant store", example: "http://localhost:6333" }),
      ),
    apiKey: secret("Qdrant API key", "…"),
    collection: z
      .string()
      .min(1)
      .default("cortex_mem")
      .meta(meta({ description: "Collection name" })),
    timeoutMs: timeoutMs(10_000),
  }),
);

/** The LLM used for extraction and decisions; `none` means rule-based. */
export const llmConfigSchema = lazySchema(() =>
  z.strictObject({
    provider: (portNameSchema("llm") as z.ZodType<LlmProviderName>).optional().meta(
      meta({
        description:
          '"none" = rule-based, no network; "openai" = an OpenAI-compatible endpoint; or a registered provider',
        note: '"openai" with an API key, else "none"',
        example: "openai",
      }),
    ),
    ...openAiEndpoint({
      model: "gpt-4o-mini",
      modelDescription: "Chat model",
      baseUrlDescription: "OpenAI-compatible endpoint (Ollama, vLLM…)",
    }),
    temperature: z.coerce
      .number()
      .min(0)
      .max(2)
      .default(0)
      .meta(meta({ description: "Sampling temperature" })),
    maxTokens: z.coerce
      .number()
      .int()
      .positive()
      .default(2048)
      .meta(meta({ description: "Reply token limit" })),
    ...openAiLimits(60_000),
  }),
);

/** The embedder; `local` needs no network and no model file. */
export const embeddingConfigSchema = lazySchema(() =>
  z.strictObject({
    provider: (portNameSchema("embedding") as z.ZodType<EmbeddingProviderName>).optional().meta(
      meta({
        description:
          '"local" = offline, no model file; "openai" = OpenAI-compatible (then `cortex-mem reembed`); ' +
          "or a registered provider",
        note: '"openai" with an API key, else "local"',
        example: "openai",
      }),
    ),
    ...openAiEndpoint({
      model: "text-embedding-3-small",
      modelDescription: "Embedding model",
      baseUrlDescription: "OpenAI-compatible endpoint",
    }),
    dimensions: z.coerce
      .number()
      .int()
      .min(8)
      .max(8192)
      .optional()
      .meta(meta({ description: "Vector size (the model's own when unset)", example: 1536 })),
    batchSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(2048)
      .default(64)
      .meta(meta({ description: "Texts per request" })),
    ...openAiLimits(30_000),
  }),
);

/** A TTL setting: the one TTL grammar (`"7d"`, `"12h"`, seconds), or `"never"`. */
const ttlSetting = () =>
  z
    .union([z.string(), z.number()])
    .refine((v) => v === "never" || isTtl(v), `expected "never" or ${TTL_GRAMMAR}`)
    .optional();

/** The example each type's TTL shows in the template (how long such a memory usually matters). */
const TTL_EXAMPLES: Record<MemoryType, string> = {
  conversational: "30d",
  procedural: "never",
  factual: "never",
  semantic: "never",
  episodic: "14d",
  personal: "never",
};

const ttlOf = (type: MemoryType) =>
  ttlSetting().meta(
    meta({ description: `TTL of new ${type} memories`, example: TTL_EXAMPLES[type], type: "duration" }),
  );

/** Default time to live of new memories, by type (`default` for the types not listed): one key per memory type. */
export const memoryTtlConfigSchema = lazySchema(() =>
  z.strictObject({
    default: ttlSetting().meta(
      meta({
        description: "TTL of new memories of every type not listed below (unset: they never expire)",
        example: "90d",
        type: "duration",
      }),
    ),
    ...(Object.fromEntries(MEMORY_TYPES.map((t) => [t, ttlOf(t)])) as Record<MemoryType, ReturnType<typeof ttlOf>>),
  }),
);

const weightNote = (key: "vectorWeight" | "keywordWeight"): string =>
  `${DEFAULT_WEIGHTS.local[key]} with the local embedder, ${DEFAULT_WEIGHTS.model[key]} with a model`;

/** How memories are added, deduplicated and ranked. */
export const memoryConfigSchema = lazySchema(() =>
  z.strictObject({
    infer: z
      .boolean()
      .default(true)
      .meta(meta({ description: "Extract facts with the LLM (or rules) on add" })),
    onLlmError: z
      .enum(["fail", "store_raw"])
      .default("fail")
      .meta(meta({ description: 'When the LLM fails: "fail", or "store_raw" (keep the raw text)' })),
    duplicateThreshold: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.95)
      .meta(meta({ description: "Similarity above which a fact that adds nothing is a duplicate" })),
    relatedThreshold: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.6)
      .meta(meta({ description: "Similarity above which the LLM decides ADD/UPDATE/SUPERSEDE/DELETE" })),
    searchLimit: z.coerce
      .number()
      .int()
      .min(1)
      .max(1000)
      .default(10)
      .meta(meta({ description: "Default result count" })),
    searchThreshold: z.coerce
      .number()
      .min(0)
      .default(0)
      .meta(meta({ description: "Minimum score of a search result" })),
    vectorWeight: z.coerce
      .number()
      .min(0)
      .optional()
      .meta(
        meta({
          description: "Weight of vector similarity",
          note: weightNote("vectorWeight"),
          example: DEFAULT_WEIGHTS.local.vectorWeight,
        }),
      ),
    keywordWeight: z.coerce
      .number()
      .min(0)
      .optional()
      .meta(
        meta({
          description: "Weight of BM25",
          note: weightNote("keywordWeight"),
          example: DEFAULT_WEIGHTS.local.keywordWeight,
        }),
      ),
    importanceWeight: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.1)
      .meta(meta({ description: "Share of importance" })),
    recencyWeight: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.05)
      .meta(meta({ description: "Share of recency" })),
    recencyHalfLifeDays: z.coerce
      .number()
      .positive()
      .default(30)
      .meta(meta({ description: "Recency half-life" })),
    annThreshold: z.coerce
      .number()
      .int()
      .min(0)
      .default(20_000)
      .meta(meta({ description: "Memories per user above which vector search uses the HNSW index" })),
    annSparseDensity: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.2)
      .meta(
        meta({
          description:
            "Past ann_threshold, vectors at most this dense (share of non-zero components, like the local " +
            "embedder's) get exact inverted lists instead of HNSW; 0: always HNSW",
        }),
      ),
    maxContentLength: z.coerce
      .number()
      .int()
      .positive()
      .default(32_768)
      .meta(meta({ description: "Longest memory content (characters)" })),
    ttl: memoryTtlConfigSchema.prefault({}).meta(
      meta({
        description:
          "Default time to live of new memories by type: a duration (7d, 12h, seconds) or never; " +
          "an add's ttl or expires_at wins; Rust v1's memory_ttl_hours sets default",
      }),
    ),
  }),
);

/** The REST service. */
export const serverConfigSchema = lazySchema(() =>
  z.strictObject({
    host: z
      .string()
      .min(1)
      .default("127.0.0.1")
      .meta(meta({ description: "Bind address" })),
    port: port()
      .default(3000)
      .meta(meta({ description: "Port" })),
    apiKeys: z
      .array(apiKeyEntry())
      .default([])
      .meta(
        meta({
          description: 'API keys: "key" or { key = "…", user_id = "alice" } (env: key or key:user_id, comma-separated)',
        }),
      ),
    corsOrigins: z
      .array(z.string().min(1))
      .default([])
      .meta(meta({ description: "Allowed browser origins" })),
    allowedHosts: z
      .array(z.string().min(1))
      .default([])
      .meta(
        meta({
          description: "Host names served besides loopback when no API keys are set (DNS-rebinding guard); * = any",
        }),
      ),
    allowUnauthenticatedRemote: z
      .boolean()
      .default(false)
      .meta(meta({ description: "Consent to listen on a non-loopback address without API keys (refused otherwise)" })),
    bodyLimit: z
      .string()
      .min(1)
      .default("1mb")
      .meta(meta({ description: "Largest request body" })),
    workers: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(1)
      .meta(meta({ description: "Processes serving the port (they share the SQLite file)" })),
  }),
);

/** The job runner: async adds, expiry sweeps and the optimizer share it. */
export const jobsConfigSchema = lazySchema(() =>
  z.strictObject({
    worker: z
      .boolean()
      .default(true)
      .meta(
        meta({
          description: "Run workers inside the REST service and a long-running MCP server (else `cortex-mem worker`)",
        }),
      ),
    maxQueued: z.coerce
      .number()
      .int()
      .min(1)
      .default(10_000)
      .meta(meta({ description: "Open jobs beyond which a new one is refused with RATE_LIMITED (429, Retry-After)" })),
    retryAfterSeconds: z.coerce
      .number()
      .int()
      .min(1)
      .default(2)
      .meta(meta({ description: "Seconds a refused client waits" })),
    maxAttempts: z.coerce
      .number()
      .int()
      .min(1)
      .max(100)
      .default(5)
      .meta(meta({ description: "Attempts before failed" })),
    leaseMs: z.coerce
      .number()
      .int()
      .min(100)
      .default(30_000)
      .meta(
        meta({ description: "How long a claim holds without renewal (a crashed worker's job is retaken after it)" }),
      ),
    pollMs: z.coerce
      .number()
      .int()
      .min(10)
      .default(500)
      .meta(meta({ description: "How often an idle worker looks for jobs queued by other processes" })),
    concurrency: z.coerce
      .number()
      .int()
      .min(1)
      .max(64)
      .default(2)
      .meta(meta({ description: "Jobs a worker runs at once (one kind and scope always in order)" })),
    batchSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(256)
      .default(16)
      .meta(
        meta({
          description:
            "Queued adds of one scope (infer off, or no LLM) embedded in one request by the worker (1: each alone)",
        }),
      ),
    backoffMs: z.coerce
      .number()
      .int()
      .min(0)
      .default(1_000)
      .meta(meta({ description: "First retry delay after a provider fault, doubled per attempt" })),
    maxBackoffMs: z.coerce
      .number()
      .int()
      .min(0)
      .default(60_000)
      .meta(meta({ description: "Longest retry delay" })),
  }),
);

/** The optimizer: what counts as a duplicate, low quality, outdated, and what "space" removes. */
export const optimizerConfigSchema = lazySchema(() =>
  z.strictObject({
    duplicateThreshold: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.92)
      .meta(
        meta({
          description: "Cosine similarity at or above which two memories of one scope are near-duplicates (merged)",
        }),
      ),
    lowQualityThreshold: z.coerce
      .number()
      .min(0)
      .max(1)
      .default(0.4)
      .meta(
        meta({
          description:
            "Quality score (v1's: length, structure, importance, entities/topics, freshness) below which a memory is archived",
        }),
      ),
    outdatedDays: z.coerce
      .number()
      .positive()
      .default(180)
      .meta(meta({ description: "Days without an update after which a memory is outdated (archived)" })),
    supersededRetentionDays: z.coerce
      .number()
      .min(0)
      .default(30)
      .meta(
        meta({
          description: "Superseded memories older than this are deleted by the space strategy (with expired ones)",
        }),
      ),
    llmBatchSize: z.coerce
      .number()
      .int()
      .min(1)
      .max(200)
      .default(50)
      .meta(meta({ description: "Memories (classification) or duplicate groups (merges) per LLM call" })),
  }),
);

/** Token usage accounting: every LLM and embedding call counted per day, operation, scope and model. */
export const usageConfigSchema = lazySchema(() =>
  z.strictObject({
    enabled: z
      .boolean()
      .default(true)
      .meta(
        meta({ description: "Count the tokens of every LLM and embedding call (GET /usage, stats --usage, /metrics)" }),
      ),
    flushMs: z.coerce
      .number()
      .int()
      .min(0)
      .default(1_000)
      .meta(meta({ description: "Counts are held in memory this long, then written in one transaction (0: at once)" })),
    currency: z
      .string()
      .min(1)
      .default("USD")
      .meta(meta({ description: "What the prices are in (a label for cost estimates)" })),
    prices: z
      .array(
        z.strictObject({
          model: z.string().min(1),
          input: z.coerce.number().min(0),
          output: z.coerce.number().min(0).default(0),
        }),
      )
      .default([])
      .meta(
        meta({
          description:
            'Your price per million tokens in / out per model, for cost estimates (none built in: prices change), e.g. [{ model = "gpt-4o-mini", input = 0.15, output = 0.6 }]',
        }),
      ),
  }),
);

/** Log output of the doors. */
export const loggingConfigSchema = lazySchema(() =>
  z.strictObject({
    level: z
      .enum(["debug", "info", "warn", "error", "silent"])
      .default("info")
      .meta(meta({ description: "debug, info, warn, error or silent" })),
  }),
);

/** The sections of the file, in the order the template and the reference show them. */
export const CONFIG_SECTIONS = {
  store: storeConfigSchema,
  qdrant: qdrantConfigSchema,
  llm: llmConfigSchema,
  embedding: embeddingConfigSchema,
  memory: memoryConfigSchema,
  server: serverConfigSchema,
  logging: loggingConfigSchema,
  jobs: jobsConfigSchema,
  optimizer: optimizerConfigSchema,
  usage: usageConfigSchema,
} as const;

/** The top-level keys besides the sections. */
export const homeKeySchema = lazySchema(() =>
  z
    .string()
    .min(1)
    .meta(
      meta({
        description: "Where data lives (<home>/memories.db)",
        note: "~/.cortex-mem",
        example: "/home/you/.cortex-mem",
      }),
    ),
);

type LlmProvider = NonNullable<z.output<typeof llmConfigSchema>["provider"]>;
type EmbeddingProvider = NonNullable<z.output<typeof embeddingConfigSchema>["provider"]>;

type Sections = typeof CONFIG_SECTIONS;
/** The sections as parsed: each section's own output. */
export type ParsedSections = { [K in keyof Sections]: z.output<Sections[K]> };

const rawConfigSchema = lazySchema(() =>
  z.strictObject({
    home: homeKeySchema,
    // Each section defaulted as a whole when the file leaves it out (its keys' defaults then apply).
    ...(Object.fromEntries(
      Object.entries(CONFIG_SECTIONS).map(([name, section]) => [name, (section as z.ZodObject).prefault({})]),
    ) as { [K in keyof Sections]: z.ZodPrefault<Sections[K]> }),
  }),
);

/**
 * The defaults that depend on other keys, resolved on a parsed configuration: providers default to
 * `openai` when they have an API key (else `none` and `local`), search weights follow the embedder
 * ({@link DEFAULT_WEIGHTS}), `home` is made absolute. Shared by {@link configSchema} and the
 * section-by-section parse of `parseConfig`, so both resolve them the same way.
 */
export function resolveDependentDefaults(c: ParsedSections & { home: string }) {
  const llmProvider: LlmProvider = c.llm.provider ?? (c.llm.apiKey ? "openai" : "none");
  const embeddingProvider: EmbeddingProvider = c.embedding.provider ?? (c.embedding.apiKey ? "openai" : "local");
  const weights = DEFAULT_WEIGHTS[embeddingProvider === "local" ? "local" : "model"];
  return {
    ...c,
    home: resolve(c.home),
    llm: { ...c.llm, provider: llmProvider },
    embedding: { ...c.embedding, provider: embeddingProvider },
    memory: {
      ...c.memory,
      vectorWeight: c.memory.vectorWeight ?? weights.vectorWeight,
      keywordWeight: c.memory.keywordWeight ?? weights.keywordWeight,
    },
  };
}

/**
 * The whole configuration, validated once, every default resolved (see
 * {@link resolveDependentDefaults}). Built on first use: `loadConfig` builds only the sections a
 * configuration sets (issue 14: building all of them cost every cold start ~20–35 ms of CPU).
 */
export const configSchema = lazySchema(() => rawConfigSchema.transform(resolveDependentDefaults));

/** A validated configuration; providers and weights are resolved (never undefined after loading). */
export type CortexMemConfig = z.output<typeof configSchema>;

/** A configuration as written by hand: every part optional. */
export type CortexMemConfigInput = z.input<typeof configSchema>;
