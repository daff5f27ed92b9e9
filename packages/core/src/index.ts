/**
 * @cortex-mem/core — long-term memory for AI agents: extraction, dedup, history and hybrid
 * search over an embedded SQLite store, with OpenAI-compatible providers by configuration.
 *
 * The root holds what a library user needs: `createMemory`, the `MemoryManager`, the config, the
 * error model, the memory types and the ports (with their registries). The doors' helpers live in
 * subpath exports: `@cortex-mem/core/wire`, `/store`, `/providers`, `/jobs`, `/engine`, `/config`,
 * `/optimizer`, `/net`, `/usage`, `/v1` (see docs/ARCHITECTURE.md).
 */
export { createMemory } from "./create-memory.js";
export type { CreateMemoryOverrides } from "./create-memory.js";
export { MemoryManager } from "./engine/memory-manager.js";
export type { AddRunOptions, MemoryManagerDeps, ReadGuard, ScopeGuard, WriteGuard } from "./engine/memory-manager.js";
export { EXPIRE_LISTED, expireOptionsSchema } from "./engine/expire.js";
export type { ExpireOptions, ExpireResult } from "./engine/expire.js";
export { MAX_TTL_MS, TTL_GRAMMAR, parseExpiresAt, parseTtl } from "./util/duration.js";

export { CortexMemError, ErrorCode, ERROR_TABLE, isCortexMemError, toCortexMemError } from "./errors.js";
export type { CortexMemErrorOptions, ErrorMapping } from "./errors.js";
export { parseOrThrow, rejectUnknownKeys, validationError, zodIssues } from "./util/zod-error.js";
export type { ValidationIssue } from "./util/zod-error.js";

export { loadConfig, defineConfig, maskSecrets } from "./config/load-config.js";
export type { ConfigSource, LoadConfigOptions, LoadedConfig } from "./config/load-config.js";
export type { CortexMemConfig, CortexMemConfigInput } from "./config/schema.js";

export type { Embedder } from "./embedder/embedder.js";
export { registerEmbedder, registerLlm, registerStore } from "./providers/registries.js";
export type { PortFactory } from "./providers/port-registry.js";
export { BUILTIN_PROVIDERS } from "./providers/provider-names.js";
export type { EmbeddingProviderName, LlmProviderName, PortKind, StoreKind } from "./providers/provider-names.js";
export { PROBE_REASONS } from "./providers/probe.js";
export type { ProbeReason, ProbeResult } from "./providers/probe.js";
export type { StoreProbeOptions, StoreProbeResult, StoreProbeState } from "./store/store-probe.js";
export type { Llm, JsonCompletionRequest } from "./llm/llm.js";
export type {
  ApplyOptions,
  ApplyResult,
  ExportRecord,
  MemoryStore,
  ReadLook,
  StoreFilters,
  StoreHistory,
  StoreHit,
  StoreLifecycle,
  StoreQuery,
  StoreReader,
  StoreRetriever,
  StoreTransfer,
  StoreWrite,
  StoreWriter,
} from "./store/memory-store.js";
export type { JobOutcome, JobQueue, LeaseState } from "./jobs/job-queue.js";
export type { UsageLedger } from "./usage/usage-ledger.js";
export type { UsageEntry, UsagePrice, UsageQuery, UsageReport, UsageRow, UsageTotals } from "./usage/usage-types.js";

export { MEMORY_TYPES, MEMORY_EVENTS, HISTORY_EVENTS, memoryTypeSchema, scopeSchema } from "./types/memory.js";
export type {
  AddResult,
  AddResultItem,
  HistoryEntry,
  Memory,
  MemoryEvent,
  MemoryPage,
  MemoryStats,
  MemoryType,
  Metadata,
  Scope,
  ScoredMemory,
  ScoreParts,
} from "./types/memory.js";
export { MESSAGE_ROLES } from "./types/message.js";
export type { Message, MessageInput, MessageRole } from "./types/message.js";
export { LIMITS } from "./types/limits.js";
export type {
  AddOptions,
  FiltersInput,
  ListOptions,
  MemoryTypeInput,
  SearchOptions,
  UpdateInput,
} from "./types/options.js";
export type { ImportOptions, ImportSource, ImportSummary } from "./engine/transfer.js";
export type { ImportIssue } from "./engine/import-record.js";
export type {
  ActivityRow,
  GrowthDay,
  ImportanceBucket,
  InsightsOptions,
  MemoryInsights,
} from "./insights/insights-types.js";
export { JOB_STATUSES } from "./jobs/job-types.js";
export type { JobListQuery, JobPage, JobRecord, JobStatus } from "./jobs/job-types.js";
export type { AddJobPayload } from "./engine/async-add.js";
