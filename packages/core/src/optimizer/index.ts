export { analyze } from "./analyze.js";
export type { AnalyzeDeps, AnalyzeInput } from "./analyze.js";
export {
  analyzeOptimization,
  optimizationJob,
  parseOptimizeRequest,
  startOptimization,
  undoOptimization,
} from "./optimizer-api.js";
export { optimizeJobHandler } from "./optimize-job.js";
export type { OptimizeJobResult, RecordedPlan } from "./optimize-job.js";
export { undoJobHandler } from "./undo-job.js";
export type { UndoPayload } from "./undo-job.js";
export { qualityScore } from "./quality-rules.js";
export {
  ISSUE_KINDS,
  OPTIMIZATION_STRATEGIES,
  OPTIMIZE_JOB_KIND,
  OPTIMIZE_UNDO_JOB_KIND,
  SEVERITIES,
  STRATEGY_ISSUES,
  optimizeRequestSchema,
} from "./optimizer-types.js";
export type {
  IssueKind,
  OptimizationAction,
  OptimizationIssue,
  OptimizationPlan,
  OptimizationStrategy,
  OptimizeRequest,
  Severity,
} from "./optimizer-types.js";
