import { spawn } from "node:child_process";
import { once } from "node:events";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { onCleanup } from "./home.js";
import { BIN } from "./paths.js";

/** How a test starts a server: its data home, flags and extra environment. */
export interface ServerLaunch {
  home: string;
  args?: string[];
  env?: Record<string, string>;
}

const serverEnv = (launch: ServerLaunch): Record<string, string> => ({
  CORTEX_MEM_HOME: launch.home,
  CORTEX_MEM_LOG_LEVEL: "info",
  ...launch.env,
});

/** A connected SDK client plus everything the server wrote to stderr so far. */
export interface Connected {
  client: Client;
  stderr(): string;
}

/** Spawns `node dist/bin.js` and connects the SDK's real Client over stdio. */
export async function connectStdio(launch: ServerLaunch): Promise<Connected> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [BIN, ...(launch.args ?? [])],
    env: serverEnv(launch),
    cwd: launch.home,
    stderr: "pipe",
  });
  let stderr = "";
  transport.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: "cortex-mem-mcp-test", version: "0.0.0" });
  // A server that fails to start closes the connection; its stderr says why.
  await client.connect(transport).catch((error: unknown) => {
    throw new Error(`${String(error)}\nserver stderr:\n${stderr}`, { cause: error });
  });
  onCleanup(() => client.close());
  return { client, stderr: () => stderr };
}

/** A spawned `--http --port 0` server: the URL it printed on stderr once ready. */
export interface HttpServerProcess {
  url: string;
  stderr(): string;
}

/** Spawns the bin in HTTP mode on an ephemeral loopback port and waits for its ready line. */
export async function spawnHttpServer(launch: ServerLaunch): Promise<HttpServerProcess> {
  const child = spawn(process.execPath, [BIN, "--http", "--port", "0", ...(launch.args ?? [])], {
    cwd: launch.home,
    env: { PATH: process.env.PATH ?? "", HOME: launch.home, ...serverEnv(launch) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  onCleanup(async () => {
    if (child.exitCode === null) {
      child.kill("SIGTERM");
      await once(child, "exit");
    }
  });
  let stderr = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      stderr += chunk.toString();
      const match = /ready \{"url":"([^"]+)"/.exec(stderr);
      if (match) resolve(match[1]!);
    });
    child.once("exit", (code) => reject(new Error(`server exited (${code}) before it was ready:\n${stderr}`)));
  });
  return { url, stderr: () => stderr };
}

/** Connects the SDK's real Client over streamable HTTP. */
export async function connectHttp(url: string): Promise<Client> {
  const client = new Client({ name: "cortex-mem-mcp-test", version: "0.0.0" });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  onCleanup(() => client.close());
  return client;
}
