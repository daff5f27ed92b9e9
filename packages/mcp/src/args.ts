import { parseArgs } from "node:util";
import { CortexMemError, ErrorCode, parseOrThrow } from "@cortex-mem/core";
import * as z from "zod";

/** What the `cortex-mem-mcp` command line says. */
export interface McpArgs {
  userId?: string;
  agentId?: string;
  /** Rust v1's `--agent X`: agent X and, unless `--user-id`, user `user_of_X`. */
  agent?: string;
  http: boolean;
  host?: string;
  port?: number;
  allowUnauthenticatedRemote: boolean;
  config?: string;
  help: boolean;
  version: boolean;
}

/** Usage text of `cortex-mem-mcp` (and `cortex-mem mcp`). */
export const USAGE = `Usage: cortex-mem-mcp [options]

Serves Cortex Memory to MCP clients (Claude Desktop, Claude Code, Cursor...) over stdio,
or over streamable HTTP with --http.

Options:
  --user-id <id>     default user for calls that omit user_id (env CORTEX_MEM_USER_ID)
  --agent-id <id>    default agent for calls that omit agent_id (env CORTEX_MEM_AGENT_ID)
  --agent <id>       Rust v1 form: agent <id> and, unless --user-id, user user_of_<id>
  --http             serve streamable HTTP at http://<host>:<port>/mcp instead of stdio
  --port <n>         HTTP port (default 3100; 0 picks a free one)
  --host <addr>      HTTP bind address (default 127.0.0.1); another than loopback needs
                     --allow-unauthenticated-remote (the endpoint has no credentials)
  --allow-unauthenticated-remote
                     serve --http on a non-loopback address (anyone who reaches it can
                     read and write memories; Host names must be in server.allowed_hosts)
  -c, --config <f>   config file (cortex-mem.toml or JSON)
  -h, --help         show this help
  -v, --version      show the version

Data lives in $CORTEX_MEM_HOME (default ~/.cortex-mem); logs go to stderr.
`;

const argsSchema = z.object({
  "user-id": z.string().trim().min(1).max(256).optional(),
  "agent-id": z.string().trim().min(1).max(256).optional(),
  agent: z.string().trim().min(1).max(248).optional(),
  http: z.boolean().default(false),
  host: z.string().trim().min(1).optional(),
  port: z.coerce.number().int().min(0).max(65535).optional(),
  "allow-unauthenticated-remote": z.boolean().default(false),
  config: z.string().min(1).optional(),
  help: z.boolean().default(false),
  version: z.boolean().default(false),
});

/** Parses argv; an unknown flag or bad value is a `VALIDATION` error (the bin exits 2 for usage errors). */
export function parseMcpArgs(argv: string[]): McpArgs {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "user-id": { type: "string" },
        "agent-id": { type: "string" },
        agent: { type: "string" },
        http: { type: "boolean" },
        host: { type: "string" },
        port: { type: "string" },
        "allow-unauthenticated-remote": { type: "boolean" },
        config: { type: "string", short: "c" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    }).values;
  } catch (error) {
    throw new CortexMemError(ErrorCode.VALIDATION, (error as Error).message, { cause: error });
  }
  const a = parseOrThrow(argsSchema, values, "arguments");
  return {
    http: a.http,
    help: a.help,
    version: a.version,
    allowUnauthenticatedRemote: a["allow-unauthenticated-remote"],
    ...(a["user-id"] ? { userId: a["user-id"] } : {}),
    ...(a["agent-id"] ? { agentId: a["agent-id"] } : {}),
    ...(a.agent ? { agent: a.agent } : {}),
    ...(a.host ? { host: a.host } : {}),
    ...(a.port !== undefined ? { port: a.port } : {}),
    ...(a.config ? { config: a.config } : {}),
  };
}
