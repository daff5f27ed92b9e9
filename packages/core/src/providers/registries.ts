import { join } from "node:path";
import type { CortexMemConfig } from "../config/schema.js";
import type { Embedder } from "../embedder/embedder.js";
import { LocalEmbedder } from "../embedder/local-embedder.js";
import { OpenAIEmbedder } from "../embedder/openai-embedder.js";
import { CortexMemError, ErrorCode } from "../errors.js";
import type { Llm } from "../llm/llm.js";
import { NoneLlm } from "../llm/none-llm.js";
import { OpenAILlm } from "../llm/openai-llm.js";
import type { MemoryStore } from "../store/memory-store.js";
import { QdrantStore } from "../store/qdrant-store.js";
import { SqliteStore } from "../store/sqlite-store.js";
import { PortRegistry } from "./port-registry.js";
import type { PortFactory } from "./port-registry.js";

/** Where the SQLite file lives: `store.path`, else `<home>/memories.db`. */
export function sqlitePath(config: CortexMemConfig): string {
  return config.store.path ?? join(config.home, "memories.db");
}

/** Where the configured store keeps its data, for messages: the SQLite file, else the store kind. */
export function storeLocation(config: CortexMemConfig): string {
  return config.store.kind === "sqlite" ? sqlitePath(config) : config.store.kind;
}

/** Stores by `store.kind`: the SQLite file (default) and a Qdrant collection (`qdrant.url` required). */
export const storeRegistry = new PortRegistry<MemoryStore>("store", {
  sqlite: (config) =>
    new SqliteStore({
      path: sqlitePath(config),
      annThreshold: config.memory.annThreshold,
      annSparseDensity: config.memory.annSparseDensity,
    }),
  qdrant: (config) => {
    const q = config.qdrant;
    if (!q.url)
      throw new CortexMemError(
        ErrorCode.CONFIG,
        'store.kind = "qdrant" needs qdrant.url (CORTEX_MEM_QDRANT_URL), e.g. http://localhost:6333',
      );
    return new QdrantStore({
      url: q.url,
      collection: q.collection,
      timeoutMs: q.timeoutMs,
      ...(q.apiKey ? { apiKey: q.apiKey } : {}),
    });
  },
});

/** Embedders by `embedding.provider`: `local` (offline hashing) and `openai` (any OpenAI-compatible endpoint). */
export const embedderRegistry = new PortRegistry<Embedder>("embedding", {
  local: (config) => new LocalEmbedder(config.embedding.dimensions ? { dimensions: config.embedding.dimensions } : {}),
  openai: ({ embedding: e }) =>
    new OpenAIEmbedder({
      model: e.model,
      batchSize: e.batchSize,
      timeoutMs: e.timeoutMs,
      maxRetries: e.maxRetries,
      ...(e.apiKey ? { apiKey: e.apiKey } : {}),
      ...(e.baseUrl ? { baseUrl: e.baseUrl } : {}),
      ...(e.dimensions ? { dimensions: e.dimensions } : {}),
    }),
});

/** LLMs by `llm.provider`: `none` (rule-based) and `openai` (any OpenAI-compatible chat endpoint). */
export const llmRegistry = new PortRegistry<Llm>("llm", {
  none: () => new NoneLlm(),
  openai: ({ llm: l }) =>
    new OpenAILlm({
      model: l.model,
      temperature: l.temperature,
      maxTokens: l.maxTokens,
      timeoutMs: l.timeoutMs,
      maxRetries: l.maxRetries,
      ...(l.apiKey ? { apiKey: l.apiKey } : {}),
      ...(l.baseUrl ? { baseUrl: l.baseUrl } : {}),
    }),
});

/**
 * Registers a store under a `store.kind` name: `createMemory` builds it from the config when the
 * config names it. The factory gets the resolved config (its own settings can ride in `store.path`
 * or in your closure). See docs/ARCHITECTURE.md, "Walk-through: adding a store".
 */
export function registerStore(name: string, factory: PortFactory<MemoryStore>, options?: { replace?: boolean }): void {
  storeRegistry.register(name, factory, options);
}

/** Registers an embedder under an `embedding.provider` name (see {@link registerStore}). */
export function registerEmbedder(name: string, factory: PortFactory<Embedder>, options?: { replace?: boolean }): void {
  embedderRegistry.register(name, factory, options);
}

/** Registers an LLM under an `llm.provider` name (see {@link registerStore}). */
export function registerLlm(name: string, factory: PortFactory<Llm>, options?: { replace?: boolean }): void {
  llmRegistry.register(name, factory, options);
}
