import type * as McpDoor from "@cortex-mem/mcp";
import type * as ServiceDoor from "@cortex-mem/service";

/**
 * The other doors, loaded only by the commands that start them: express and the MCP SDK cost
 * hundreds of milliseconds to import, which every other command must not pay.
 */
export async function loadService(): Promise<typeof ServiceDoor> {
  return import("@cortex-mem/service");
}

/** Loads `@cortex-mem/mcp` (and with it the MCP SDK) only now. */
export async function loadMcp(): Promise<typeof McpDoor> {
  return import("@cortex-mem/mcp");
}

/** Resolves on the first SIGINT or SIGTERM, so a server can close cleanly. */
export function untilSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals): void => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  });
}
