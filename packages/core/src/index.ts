/**
 * @cortex-mem/core — long-term memory for AI agents: extraction, dedup, history and hybrid
 * search over an embedded SQLite store, with OpenAI-compatible providers by configuration.
 */
export { createMemory, createEmbedder, createJobQueue, createLlm, createStore, sqlitePath } from "./create-memory.js";
export type { CreateMemoryOverrides } from "./create-memory.js";
export { MemoryManager } from "./engine/memory-manager.js";
export type { AddRunOptions, MemoryManagerDeps, ReadGuard, ScopeGuard, WriteGuard } from "./engine/memory-manager.js";
export { EXPIRE_LISTED, expireOptionsSchema } from "./engine/expire.js";
export type { ExpireOptions, ExpireResult } from "./engine/expire.js";
export { MAX_TTL_MS, TTL_GRAMMAR, parseExpiresAt, parseTtl } from "./util/duration.js";
export { memoryVersion } from "./types/version.js";
export { ADD_JOB_KIND, addJobHandler } from "./engine/async-add.js";
export type { AddJobPayload } from "./engine/async-add.js";

export { FINAL_JOB_STATUSES, JOB_LOG_KEEP, JOB_STATUSES } from "./jobs/job-types.js";
export type {
  EnqueueRequest,
  JobListQuery,
  JobLogLine,
  JobPage,
  JobRecord,
  JobStatus,
  JobStepMark,
} from "./jobs/job-types.js";
export type { JobOutcome, JobQueue, LeaseState } from "./jobs/job-queue.js";
export { SqliteJobQueue } from "./jobs/sqlite-job-queue.js";
export type { SqliteJobQueueOptions } from "./jobs/sqlite-job-queue.js";
export { JobRunner, isTransientError } from "./jobs/job-runner.js";
export type { JobHandler, JobRunnerOptions } from "./jobs/job-runner.js";
export { isStepApplied } from "./jobs/job-context.js";
export type { JobContext } from "./jobs/job-context.js";
export { createJobWorker, startJobWorker } from "./jobs/job-worker.js";
export type { JobWorkerOptions } from "./jobs/job-worker.js";
export { jobListQueryFromWire, jobToWire, wireJobListQuerySchema, wireJobSchema } from "./wire/job-wire.js";
export type { WireJob } from "./wire/job-wire.js";
export { EXPORT_FORMAT, MAX_REPORTED_ISSUES } from "./engine/transfer.js";
export type { ImportOptions, ImportSource, ImportSummary } from "./engine/transfer.js";
export { importMemorySchema } from "./engine/import-record.js";
export type { ImportIssue } from "./engine/import-record.js";
export { migrateStore } from "./engine/migrate.js";
export type { MigrateOptions, MigrateProgress, MigrateSummary } from "./engine/migrate.js";
export { embeddingText } from "./engine/embedding-text.js";
export { rank, rankingInputs } from "./engine/scoring.js";
export type { Ranked, RankingInputs, ScoringWeights } from "./engine/scoring.js";
export { classifyType, estimateImportance, extractEntities, extractTopics } from "./engine/rules.js";
export { resolveRelativeDates } from "./engine/relative-dates.js";
export { inScope, requireScope, scopeOf } from "./engine/engine-settings.js";

export type { UsageEntry, UsagePrice, UsageQuery, UsageReport, UsageRow, UsageTotals } from "./usage/usage-types.js";
export type { UsageLedger } from "./usage/usage-ledger.js";
export { SqliteUsageLedger } from "./usage/sqlite-usage-ledger.js";
export type { SqliteUsageLedgerOptions } from "./usage/sqlite-usage-ledger.js";
export { MeteredEmbedder, embedOperation } from "./usage/metered-embedder.js";
export { MeteredLlm, llmOperation } from "./usage/metered-llm.js";
export { createUsageLedger, meterProviders } from "./usage/meter-providers.js";
export { reportProviderUsage, usagePhase, withUsageContext } from "./usage/usage-context.js";
export type { ProviderUsage, UsageContext } from "./usage/usage-context.js";
export { rowCost, usageReport } from "./usage/usage-report.js";
export {
  usageQueryFromWire,
  usageReportToWire,
  wireUsageQuerySchema,
  wireUsageReportSchema,
  wireUsageRowSchema,
} from "./usage/usage-wire.js";
export type { WireUsageReport } from "./usage/usage-wire.js";

export { CortexMemError, ErrorCode, ERROR_TABLE, isCortexMemError, toCortexMemError } from "./errors.js";
export type { CortexMemErrorOptions, ErrorMapping } from "./errors.js";

export { loadConfig, defineConfig, maskSecrets } from "./config/load-config.js";
export type { ConfigSource, LoadConfigOptions, LoadedConfig } from "./config/load-config.js";
export { configSchema, jobsConfigSchema, usageConfigSchema } from "./config/schema.js";
export type { CortexMemConfig, CortexMemConfigInput } from "./config/schema.js";
export { ENV_KEYS } from "./config/env-layer.js";
export { explainEmbedderSwitch } from "./config/embedder-switch.js";
export { configTemplate, configReference } from "./config/config-reference.js";
export { MIN_API_KEY_LENGTH } from "./config/schema.js";

export { allowedHostsFor, hostnameOf, isLoopbackBind, isLoopbackHost, rejectForeignHost } from "./net/host-guard.js";
export type { GuardedRequest, HostGuardOptions } from "./net/host-guard.js";
export { checkExposure } from "./net/exposure.js";
export type { ExposureCheck } from "./net/exposure.js";

export type { Embedder } from "./embedder/embedder.js";
export { dot, normalize } from "./embedder/embedder.js";
export { LocalEmbedder, localEmbedding, LOCAL_EMBEDDING_DIMENSIONS } from "./embedder/local-embedder.js";
export { OpenAIEmbedder } from "./embedder/openai-embedder.js";
export type { OpenAIEmbedderOptions } from "./embedder/openai-embedder.js";

export type { Llm, JsonCompletionRequest } from "./llm/llm.js";
export { NoneLlm } from "./llm/none-llm.js";
export { OpenAILlm } from "./llm/openai-llm.js";
export type { OpenAILlmOptions } from "./llm/openai-llm.js";
export { parseLooseJson } from "./llm/json-repair.js";

export type {
  ApplyOptions,
  ApplyResult,
  ExportRecord,
  MemoryStore,
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
export { SqliteStore } from "./store/sqlite-store.js";
export type { SqliteStoreOptions } from "./store/sqlite-store.js";
export { QdrantStore } from "./store/qdrant-store.js";
export type { QdrantStoreOptions } from "./store/qdrant-store.js";

export { MEMORY_TYPES, MEMORY_EVENTS, HISTORY_EVENTS, memoryTypeSchema, scopeSchema } from "./types/memory.js";
export type {
  AddResult,
  AddResultItem,
  HistoryEntry,
  HistoryEvent,
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
export { MESSAGE_ROLES, messageRoleSchema, messageSchema } from "./types/message.js";
export type { Message, MessageInput, MessageRole } from "./types/message.js";
export { jsonDepth, LIMITS } from "./types/limits.js";
export {
  addInputSchema,
  addOptionsSchema,
  filtersSchema,
  metadataFilterSchema,
  listOptionsSchema,
  memoryIdSchema,
  searchOptionsSchema,
  updateInputSchema,
} from "./types/options.js";
export type {
  AddOptions,
  FiltersInput,
  ListOptions,
  MemoryTypeInput,
  SearchOptions,
  UpdateInput,
} from "./types/options.js";

export {
  addItemToWire,
  addResultToWire,
  historyFromWire,
  historyToWire,
  memoryFromWire,
  memoryToWire,
  pageToWire,
  scoredToWire,
  statsToWire,
} from "./wire/memory-wire.js";
export type { WireHistoryEntry, WireMemory, WireScoredMemory } from "./wire/memory-wire.js";
export {
  wireAddRequestSchema,
  wireExpiresAt,
  wireFiltersObject,
  wireIncludeExpired,
  wireScopeObject,
  wireListQuerySchema,
  wireMemoryType,
  wireMessageSchema,
  wireSearchRequestSchema,
  wireTtl,
  wireUpdateRequestSchema,
} from "./wire/wire-schemas.js";
export {
  wireAddResultItemSchema,
  wireHistoryEntrySchema,
  wireMemorySchema,
  wireScoredMemorySchema,
} from "./wire/wire-output-schemas.js";
export {
  addRequestFromWire,
  filtersFromWire,
  includeExpiredFromWire,
  listRequestFromWire,
  scopeFromWire,
  searchRequestFromWire,
  updateRequestFromWire,
} from "./wire/wire-requests.js";

export { parseDate } from "./util/dates.js";
export { contentHash, normalizeContent } from "./util/text.js";
export { parseOrThrow, rejectUnknownKeys, validationError, zodIssues } from "./util/zod-error.js";
export { closest, unknownFieldMessage } from "./util/did-you-mean.js";
export type { ValidationIssue } from "./util/zod-error.js";

export { memoryInsights, scanInsights } from "./insights/memory-insights.js";
export { resolveInsightsOptions, insightsOptionsSchema } from "./insights/insights-options.js";
export {
  insightsRequestFromWire,
  insightsToWire,
  wireInsightsQuerySchema,
  wireInsightsSchema,
} from "./insights/insights-wire.js";
export type { WireInsights } from "./insights/insights-wire.js";
export type {
  ActivityRow,
  GrowthDay,
  ImportanceBucket,
  InsightsOptions,
  MemoryInsights,
  ResolvedInsightsOptions,
} from "./insights/insights-types.js";
export { effectiveConfig, wireEffectiveSettingSchema } from "./config/effective-config.js";
export type { EffectiveSetting } from "./config/effective-config.js";
export {
  errorToV1,
  healthToV1,
  listToV1,
  llmHealthToV1,
  llmStatusToV1,
  memoryToV1,
  searchToV1,
  v1AddToWire,
  v1BatchDeleteBody,
  v1BatchUpdateBody,
  v1ListToWire,
  v1Message,
  v1MemoryType,
  v1Messages,
  v1SearchToWire,
  v1TypeName,
  v1UpdateBody,
  analysisToWire,
  optimizationHistoryItem,
  optimizationJobToWire,
  optimizationRequestFromWire,
  optimizationStartedToWire,
  optimizationStatisticsToWire,
  wireOptimizationCleanupBody,
  wireOptimizationHistoryQuery,
  wireOptimizationRequestSchema,
} from "./wire/v1/index.js";
export type { V1ModelProbe } from "./wire/v1/index.js";
export { V1_KEYS, isV1GrpcUrl, looksLikeV1Config, v1ThresholdToScore } from "./config/v1-keys.js";
export type { V1KeyRule, V1Notes } from "./config/v1-keys.js";
export { importV1Qdrant, v1PointToRecord } from "./engine/v1-qdrant-import.js";
export type { V1ImportSummary, V1Point, V1PointSource } from "./engine/v1-qdrant-import.js";
export { v1QdrantSource } from "./store/qdrant/v1-source.js";
export {
  ISSUE_KINDS,
  OPTIMIZATION_STRATEGIES,
  OPTIMIZE_JOB_KIND,
  OPTIMIZE_UNDO_JOB_KIND,
  SEVERITIES,
  STRATEGY_ISSUES,
  analyze,
  analyzeOptimization,
  optimizationJob,
  optimizeJobHandler,
  optimizeRequestSchema,
  parseOptimizeRequest,
  qualityScore,
  startOptimization,
  undoJobHandler,
  undoOptimization,
} from "./optimizer/index.js";
export type {
  AnalyzeDeps,
  AnalyzeInput,
  IssueKind,
  OptimizationAction,
  OptimizationIssue,
  OptimizationPlan,
  OptimizationStrategy,
  OptimizeJobResult,
  OptimizeRequest,
  RecordedPlan,
  Severity,
  UndoPayload,
} from "./optimizer/index.js";
