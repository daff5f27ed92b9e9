import type { MemoryManager } from "@cortex-mem/core";
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { AjvJsonSchemaValidator } from "./ajv-on-first-use.js";
import { serverInstructions } from "./instructions.js";
import type { Logger } from "./logger.js";
import { silentLogger } from "./logger.js";
import { registerRecentResource } from "./resources.js";
import type { DefaultScope } from "./scope.js";
import { installTools } from "./tool-registry.js";
import { MEMORY_TOOLS } from "./tools/index.js";
import { VERSION } from "./version.js";

/** What {@link createMcpServer} needs: the engine, and optionally the scope calls fall back to. */
export interface McpServerDeps {
  memory: MemoryManager;
  defaultScope?: DefaultScope;
  logger?: Logger;
}

/**
 * Builds an MCP server (not yet connected) exposing the eight memory tools, the
 * `memory://{user_id}/recent` resource and usage instructions for the model. Connect it to any
 * SDK transport; it does not own `memory` (closing the server leaves the engine open).
 */
export function createMcpServer(deps: McpServerDeps): McpServer {
  const defaultScope = deps.defaultScope ?? {};
  const logger = deps.logger ?? silentLogger;
  const server = new McpServer(
    { name: "cortex-mem", title: "Cortex Memory", version: VERSION },
    {
      instructions: serverInstructions(defaultScope),
      capabilities: { tools: { listChanged: false } },
      // ajv loads on first use, not at start-up (see ajv-on-first-use.ts).
      jsonSchemaValidator: new AjvJsonSchemaValidator(),
    },
  );
  installTools(server.server, [...MEMORY_TOOLS], { memory: deps.memory, defaultScope, logger });
  registerRecentResource(server, deps.memory, defaultScope);
  return server;
}
