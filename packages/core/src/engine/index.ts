/**
 * `@cortex-mem/core/engine`: the engine's pure parts a door or a tool may reuse — ranking, the
 * rules, relative dates, the text that is embedded, the query's factors and the keyword tokenizer (for fusion
 * probes over a store's hits), scope helpers, store migration, insights.
 */
export { migrateStore } from "./migrate.js";
export type { MigrateOptions, MigrateProgress, MigrateSummary } from "./migrate.js";
export { embeddingText } from "./embedding-text.js";
export { rank, rankingInputs } from "./scoring.js";
export type { Ranked, RankingInputs, ScoringWeights } from "./scoring.js";
export { queryFactors } from "./query-weights.js";
export { weightsOf } from "./engine-settings.js";
export { documentTerms, queryTerms } from "../indexing/tokenizer.js";
export { classifyType, estimateImportance, extractEntities, extractTopics } from "./rules.js";
export { resolveRelativeDates } from "./relative-dates.js";
export { inScope, requireScope, scopeOf } from "./engine-settings.js";
export { memoryInsights, scanInsights } from "../insights/memory-insights.js";
export { resolveInsightsOptions, insightsOptionsSchema } from "../insights/insights-options.js";
export type { ResolvedInsightsOptions } from "../insights/insights-types.js";
