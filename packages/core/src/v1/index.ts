/**
 * `@cortex-mem/core/v1`: compatibility with cortex-mem v1 (Rust) — its REST shapes, its config
 * keys, and the import of its Qdrant collections.
 */
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
} from "../wire/v1/index.js";
export type { V1ModelProbe } from "../wire/v1/index.js";
export { V1_KEYS, isV1GrpcUrl, looksLikeV1Config, v1ThresholdToScore } from "../config/v1-keys.js";
export type { V1KeyRule, V1Notes } from "../config/v1-keys.js";
export { importV1Qdrant, v1PointToRecord } from "../engine/v1-qdrant-import.js";
export type { V1ImportSummary, V1Point, V1PointSource } from "../engine/v1-qdrant-import.js";
export { v1QdrantSource } from "../store/qdrant/v1-source.js";
