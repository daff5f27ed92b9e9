import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { binPaths } from "./bins.js";

/** The SDK's real `Client`, connected over stdio to a spawned `cortex-mem-mcp`. */
export interface McpProcess {
  client: Client;
  pid: number;
  /** Everything the server logged to stderr so far. */
  stderr(): string;
  close(): Promise<void>;
}

/** Spawns the built MCP bin (extra flags in `args`, e.g. `--user-id alice`) and connects to it. */
export async function connectMcpProcess(
  env: Record<string, string>,
  cwd: string,
  args: string[] = [],
): Promise<McpProcess> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [binPaths().mcp, ...args],
    env,
    cwd,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: "cortex-mem-reliability", version: "0.0.0" });
  await client.connect(transport);
  return { client, pid: transport.pid ?? -1, stderr: () => stderr, close: () => client.close() };
}
