/**
 * `@cortex-mem/core/wire`: the snake_case JSON every door speaks — memory, history, jobs, insights
 * and effective-config mappings, the request schemas and their translation to core's options.
 */
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
} from "./memory-wire.js";
export type { WireHistoryEntry, WireMemory, WireScoredMemory } from "./memory-wire.js";
export {
  wireAddRequestSchema,
  wireExpiresAt,
  wireFiltersObject,
  wireIncludeExpired,
  wireTtl,
  wireScopeObject,
  wireListQuerySchema,
  wireMemoryType,
  wireMessageSchema,
  wireSearchRequestSchema,
  wireUpdateRequestSchema,
} from "./wire-schemas.js";
export {
  wireAddResultItemSchema,
  wireHistoryEntrySchema,
  wireMemorySchema,
  wireScoredMemorySchema,
} from "./wire-output-schemas.js";
export {
  addRequestFromWire,
  filtersFromWire,
  includeExpiredFromWire,
  listRequestFromWire,
  scopeFromWire,
  searchRequestFromWire,
  updateRequestFromWire,
} from "./wire-requests.js";
export { jobListQueryFromWire, jobToWire, wireJobListQuerySchema, wireJobSchema } from "./job-wire.js";
export type { WireJob } from "./job-wire.js";
export {
  insightsRequestFromWire,
  insightsToWire,
  wireInsightsQuerySchema,
  wireInsightsSchema,
} from "../insights/insights-wire.js";
export type { WireInsights } from "../insights/insights-wire.js";
export { effectiveConfig, wireEffectiveSettingSchema } from "../config/effective-config.js";
export type { EffectiveSetting } from "../config/effective-config.js";
export { importMemorySchema } from "../engine/import-record.js";
export { EXPORT_FORMAT, MAX_REPORTED_ISSUES } from "../engine/transfer.js";
export { messageRoleSchema, messageSchema } from "../types/message.js";
export {
  addInputSchema,
  addOptionsSchema,
  filtersSchema,
  metadataFilterSchema,
  listOptionsSchema,
  memoryIdSchema,
  searchOptionsSchema,
  updateInputSchema,
} from "../types/options.js";
export { jsonDepth } from "../types/limits.js";
export { parseDate } from "../util/dates.js";
export {
  usageQueryFromWire,
  usageReportToWire,
  wireUsageQuerySchema,
  wireUsageReportSchema,
  wireUsageRowSchema,
} from "../usage/usage-wire.js";
export type { WireUsageReport } from "../usage/usage-wire.js";
export { closest, unknownFieldMessage } from "../util/did-you-mean.js";
