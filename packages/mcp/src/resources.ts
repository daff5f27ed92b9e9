import type { MemoryManager } from "@cortex-mem/core";
import { listRequestFromWire, pageToWire } from "@cortex-mem/core/wire";
import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { ResourceTemplate } from "@modelcontextprotocol/sdk/server/mcp.js";
import type { DefaultScope } from "./scope.js";
import { withDefaultScope } from "./scope.js";

/** How many memories `memory://{user_id}/recent` shows. */
export const RECENT_LIMIT = 20;

const recentUri = (userId: string): string => `memory://${encodeURIComponent(userId)}/recent`;

/**
 * Registers `memory://{user_id}/recent`: the user's newest memories as JSON (the list_memories
 * result). Listed for the default user, readable for any user id.
 */
export function registerRecentResource(server: McpServer, memory: MemoryManager, defaults: DefaultScope): void {
  const template = new ResourceTemplate("memory://{user_id}/recent", {
    list: async () => ({
      resources: defaults.userId
        ? [
            {
              uri: recentUri(defaults.userId),
              name: `Recent memories of ${defaults.userId}`,
              mimeType: "application/json",
            },
          ]
        : [],
    }),
  });
  server.registerResource(
    "recent-memories",
    template,
    {
      title: "Recent memories",
      description: `The ${RECENT_LIMIT} newest memories of a user, newest first`,
      mimeType: "application/json",
    },
    async (uri, variables) => {
      const raw = variables.user_id;
      const userId = decodeURIComponent(Array.isArray(raw) ? (raw[0] ?? "") : (raw ?? ""));
      const query = withDefaultScope(
        { user_id: userId },
        { ...(defaults.agentId ? { agentId: defaults.agentId } : {}) },
      );
      const page = pageToWire(await memory.list(listRequestFromWire({ ...query, limit: RECENT_LIMIT })));
      return { contents: [{ uri: uri.href, mimeType: "application/json", text: JSON.stringify(page) }] };
    },
  );
}
