import type { McpTool } from "../tool-registry.js";
import { deleteMemoryTool, getMemoryTool, memoryHistoryTool, updateMemoryTool } from "./id-tools.js";
import { jobStatusTool } from "./job-tools.js";
import { listMemoriesTool, queryMemoryTool } from "./read-tools.js";
import { addConversationTool, storeMemoryTool } from "./write-tools.js";

/** The eight tools named as the Rust Cortex Memory MCP server names them, and `job_status` for async adds. */
export const MEMORY_TOOLS: readonly McpTool[] = [
  storeMemoryTool,
  addConversationTool,
  queryMemoryTool,
  listMemoriesTool,
  getMemoryTool,
  updateMemoryTool,
  deleteMemoryTool,
  memoryHistoryTool,
  jobStatusTool,
];
