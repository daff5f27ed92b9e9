import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";
import { loadMcp, untilSignal } from "../runtime/doors.js";

type McpFlags = {
  userId?: string;
  agentId?: string;
  agent?: string;
  http?: boolean;
  host?: string;
  port?: number;
  allowUnauthenticatedRemote?: boolean;
};

/**
 * `cortex-mem mcp`: the MCP server on stdio (stdout then belongs to the protocol: nothing else is
 * printed there), or with `--http` on streamable HTTP until SIGINT/SIGTERM.
 */
export async function run({ opts }: ActionInput<McpFlags>): Promise<void> {
  const { config } = loadCliConfig(opts);
  const { runStdio, startHttp, defaultScopeFrom } = await loadMcp();
  const defaultScope = defaultScopeFrom(opts, process.env);
  const stopped = untilSignal(); // before the server is ready: a signal right after it stops cleanly
  if (!opts.http) {
    const handle = await runStdio({ config, defaultScope });
    await Promise.race([handle.closed, stopped]);
    await handle.close();
    return;
  }
  const out = outputFor(opts);
  const running = await startHttp({
    config,
    defaultScope,
    ...(opts.host !== undefined ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.allowUnauthenticatedRemote ? { allowUnauthenticatedRemote: true } : {}),
  });
  out.note(`Cortex Memory MCP server (streamable HTTP) listening on ${running.url} (Ctrl-C to stop)`);
  if (out.json) await out.data({ url: running.url, port: running.port });
  await stopped;
  await running.close();
}
