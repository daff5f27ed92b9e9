/**
 * cortex-mem — the command-line door of Cortex Memory. The binary is `cortex-mem`; these exports
 * let tools embed the same program or reuse its input readers.
 */
export { createProgram, run, cliVersion } from "./program.js";
export type { RunState } from "./commands/common.js";
export { EXIT, UsageError, AbortedError } from "./runtime/exit-codes.js";
export { exitCodeOf } from "./runtime/report-error.js";
export { colorEnabled } from "./runtime/colors.js";
export { parseConversation } from "./input/conversation.js";
export { collectMetadata, collectList, parseNumber, parseInteger } from "./input/option-parsers.js";
export { parseMcpMemoryGraph, observationContent, relationContent } from "./input/mcp-memory.js";
export type { McpEntity, McpRelation, McpMemoryGraph } from "./input/mcp-memory.js";
