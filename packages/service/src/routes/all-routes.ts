import { batchDelete, batchUpdate } from "./batch.js";
import { deleteMemory, getMemory, memoryHistory, updateMemory } from "./memory-by-id.js";
import { addMemory, deleteAllMemories, expireMemories, listMemories, searchMemories } from "./memories.js";
import { config, insights } from "./insights.js";
import { cancelJob, getJob, listJobs } from "./jobs.js";
import { openApi } from "./openapi-route.js";
import { OPTIMIZATION_ROUTES } from "./optimization.js";
import type { RouteSpec } from "./route-spec.js";
import { health, llmStatus, metrics, stats } from "./system.js";
import { usage } from "./usage.js";

/** Every route of the service, in registration order (fixed paths before `{id}` paths). */
export const ROUTES: readonly RouteSpec[] = [
  health,
  addMemory,
  listMemories,
  deleteAllMemories,
  searchMemories,
  expireMemories,
  batchDelete,
  batchUpdate,
  getMemory,
  updateMemory,
  deleteMemory,
  memoryHistory,
  stats,
  usage,
  insights,
  config,
  listJobs,
  getJob,
  cancelJob,
  ...OPTIMIZATION_ROUTES,
  llmStatus,
  metrics,
  openApi,
];
