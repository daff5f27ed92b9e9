import type { CortexMemConfig } from "@cortex-mem/core";

/** A listening server of another door. */
export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** The part of `@cortex-mem/service` the CLI uses (its shared contract). */
export interface ServiceModule {
  startService(options: { config: CortexMemConfig; host?: string; port?: number }): Promise<RunningServer>;
}

/** The part of `@cortex-mem/mcp` the CLI uses (its shared contract). */
export interface McpModule {
  runStdio(options: { config: CortexMemConfig; defaultScope?: { userId?: string; agentId?: string } }): Promise<unknown>;
  startHttp(options: { config: CortexMemConfig; host?: string; port?: number; defaultScope?: { userId?: string; agentId?: string } }): Promise<RunningServer>;
}

// Named through constants: the doors are built alongside this package, and the CLI codes against
// their shared contract (above) rather than their source.
const SERVICE_PACKAGE: string = "@cortex-mem/service";
const MCP_PACKAGE: string = "@cortex-mem/mcp";

/** Loads `@cortex-mem/service` only now (express is heavy); imported by name so start-up never touches it. */
export async function loadService(): Promise<ServiceModule> {
  return (await import(SERVICE_PACKAGE)) as ServiceModule;
}

/** Loads `@cortex-mem/mcp` only now (the MCP SDK is heavy). */
export async function loadMcp(): Promise<McpModule> {
  return (await import(MCP_PACKAGE)) as McpModule;
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
