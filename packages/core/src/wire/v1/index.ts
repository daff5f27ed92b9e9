export {
  v1AddToWire,
  v1BatchDeleteBody,
  v1BatchUpdateBody,
  v1ListToWire,
  v1MemoryType,
  v1Messages,
  v1SearchToWire,
  v1UpdateBody,
} from "./v1-requests.js";
export {
  errorToV1,
  healthToV1,
  listToV1,
  llmHealthToV1,
  llmStatusToV1,
  memoryToV1,
  searchToV1,
  v1Message,
  v1TypeName,
} from "./v1-responses.js";
export type { V1ModelProbe } from "./v1-responses.js";
export {
  analysisToWire,
  optimizationHistoryItem,
  optimizationJobToWire,
  optimizationRequestFromWire,
  optimizationStartedToWire,
  optimizationStatisticsToWire,
  wireOptimizationCleanupBody,
  wireOptimizationHistoryQuery,
  wireOptimizationRequestSchema,
} from "./v1-optimization.js";
