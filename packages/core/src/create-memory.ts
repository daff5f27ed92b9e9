import { join } from "node:path";
import type { CortexMemConfig } from "./config/schema.js";
import type { Embedder } from "./embedder/embedder.js";
import { MemoryManager } from "./engine/memory-manager.js";
import { CortexMemError, ErrorCode } from "./errors.js";
import type { Llm } from "./llm/llm.js";
import type { MemoryStore } from "./store/memory-store.js";
import { SqliteStore } from "./store/sqlite-store.js";
import type { JobQueue } from "./jobs/job-queue.js";
import { SqliteJobQueue } from "./jobs/sqlite-job-queue.js";
import { createUsageLedger, meterProviders } from "./usage/meter-providers.js";
import { embedderRegistry, llmRegistry, storeLocation, storeRegistry } from "./providers/registries.js";
import { failedStoreProbe, probeStore } from "./store/store-probe.js";
import type { StoreProbeOptions, StoreProbeResult } from "./store/store-probe.js";

/** Parts to use instead of the ones the config names (tests, custom stores). */
export interface CreateMemoryOverrides {
  store?: MemoryStore;
  embedder?: Embedder;
  llm?: Llm;
  now?: () => Date;
  /** A job queue instead of the one beside the store. */
  jobs?: JobQueue;
  /** Accept a store holding another embedder's vectors and switch it over (`reembed`). */
  reembed?: boolean;
}

/** The embedder the config names (looked up in the embedder registry by `embedding.provider`). */
export function createEmbedder(config: CortexMemConfig): Embedder {
  return embedderRegistry.create(config.embedding.provider, config);
}

/** The LLM the config names (looked up in the LLM registry by `llm.provider`). */
export function createLlm(config: CortexMemConfig): Llm {
  return llmRegistry.create(config.llm.provider, config);
}

/** The store the config names (looked up in the store registry by `store.kind`). */
export function createStore(config: CortexMemConfig): MemoryStore {
  return storeRegistry.create(config.store.kind, config);
}

/**
 * Probes the store the config names without a manager (`cortex-mem doctor`): builds it through the
 * registry, runs its `probe()` and closes it. A store that cannot even be built (a file that is
 * not a database, missing settings) is a failed probe with its reason. Never throws.
 */
export async function probeConfiguredStore(
  config: CortexMemConfig,
  options: StoreProbeOptions = {},
): Promise<StoreProbeResult> {
  let store: MemoryStore;
  try {
    store = createStore(config);
  } catch (error) {
    const baseUrl = config.store.kind === "qdrant" ? (config.qdrant.url ?? null) : null;
    return failedStoreProbe({ provider: config.store.kind, baseUrl, location: storeLocation(config) }, error);
  }
  try {
    return await probeStore(store, options);
  } finally {
    await store.close().catch(() => undefined);
  }
}

/**
 * The job queue for a store: on the SQLite store's own connection (job steps commit with memory
 * writes), else a `jobs.db` SQLite file in the home directory (beside a Qdrant deployment).
 */
export function createJobQueue(config: CortexMemConfig, store: MemoryStore): JobQueue {
  const j = config.jobs;
  const options = { maxQueued: j.maxQueued, maxAttempts: j.maxAttempts, retryAfterSeconds: j.retryAfterSeconds };
  if (store instanceof SqliteStore) return store.jobQueue(options);
  return new SqliteJobQueue({ ...options, path: join(config.home, "jobs.db") });
}

/**
 * The one entry point: builds the store, embedder and LLM from a config, checks the store's
 * embedding dimension, and returns a ready {@link MemoryManager}.
 */
export async function createMemory(
  config: CortexMemConfig,
  overrides: CreateMemoryOverrides = {},
): Promise<MemoryManager> {
  assertResolvedConfig(config);
  const store = overrides.store ?? createStore(config);
  // Every LLM and embedding call is counted (usage/): the providers are wrapped, callers unchanged.
  const usage = createUsageLedger(config, store);
  const { embedder, llm } = meterProviders(
    { embedder: overrides.embedder ?? createEmbedder(config), llm: overrides.llm ?? createLlm(config) },
    usage,
  );
  let jobs: JobQueue;
  try {
    const dimensions = await embedder.dimensions();
    await store.init({ dimensions, embedder: embedder.id, ...(overrides.reembed ? { reembed: true } : {}) });
    jobs = overrides.jobs ?? createJobQueue(config, store);
  } catch (error) {
    await usage?.close();
    await store.close();
    throw error;
  }
  return new MemoryManager({
    store,
    embedder,
    llm,
    jobs,
    ...(usage ? { usage } : {}),
    settings: config.memory,
    ...(overrides.now ? { now: overrides.now } : {}),
  });
}

/**
 * `createMemory` takes a resolved config (from `defineConfig` or `loadConfig`); a hand-written object
 * from plain JavaScript would otherwise fail deep inside with a TypeError. Names what is missing.
 */
function assertResolvedConfig(config: unknown): void {
  const c = (typeof config === "object" && config !== null ? config : {}) as Record<string, unknown>;
  const section = (key: string): Record<string, unknown> | undefined =>
    typeof c[key] === "object" && c[key] !== null ? (c[key] as Record<string, unknown>) : undefined;
  const missing = [
    ...(typeof c.home === "string" ? [] : ["home"]),
    ...["store", "memory", "jobs"].filter((key) => !section(key)),
    ...["llm", "embedding"].filter((key) => typeof section(key)?.provider !== "string").map((key) => `${key}.provider`),
  ];
  if (missing.length === 0) return;
  throw new CortexMemError(
    ErrorCode.CONFIG,
    `createMemory needs a resolved config: build it with defineConfig({ home, ... }) or loadConfig() ` +
      `(missing: ${missing.join(", ")})`,
    { details: missing.map((path) => ({ path, message: "missing from the resolved config" })) },
  );
}
