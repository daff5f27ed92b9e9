/**
 * @cortex-mem/mcp — Cortex Memory as an MCP server: eight memory tools, a recent-memories
 * resource and usage instructions, over stdio or streamable HTTP.
 */
export { createMcpServer } from "./server.js";
export type { McpServerDeps } from "./server.js";
export { runStdio } from "./stdio.js";
export type { RunStdioOptions, StdioHandle } from "./stdio.js";
export { DEFAULT_HTTP_PORT, startHttp } from "./http.js";
export type { HttpHandle, StartHttpOptions } from "./http.js";
export { mcpMain } from "./main.js";
export type { McpMainIo } from "./main.js";
export { parseMcpArgs, USAGE } from "./args.js";
export type { McpArgs } from "./args.js";
export { defaultScopeFrom, requireToolScope, withDefaultScope } from "./scope.js";
export type { DefaultScope, WireScopeInput } from "./scope.js";
export { MEMORY_TOOLS } from "./tools/index.js";
export { defineTool, installTools } from "./tool-registry.js";
export type { McpTool, ToolContext, ToolSpec } from "./tool-registry.js";
export { errorResult, okResult, toolErrorOf } from "./tool-result.js";
export { serverInstructions } from "./instructions.js";
export { RECENT_LIMIT, registerRecentResource } from "./resources.js";
export { createStderrLogger, silentLogger } from "./logger.js";
export type { Logger, LogLevel } from "./logger.js";
export { VERSION } from "./version.js";
