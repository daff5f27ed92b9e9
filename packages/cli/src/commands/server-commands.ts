import type { Command } from "commander";
import { parseInteger } from "../input/option-parsers.js";
import type { RunState } from "./common.js";
import { commonOptions, examples, lazyAction } from "./common.js";

/** `serve` (REST), `ui` (the dashboard on the REST service) and `mcp` (MCP server): the other doors, loaded only when these run. */
export function defineServerCommands(program: Command, state: RunState): void {
  const serve = program
    .command("serve")
    .description("Start the REST service (@cortex-mem/service) until Ctrl-C")
    .option("--host <host>", "interface to listen on (default server.host, 127.0.0.1)")
    .option("-p, --port <port>", "port (default server.port, 3000; 0 picks a free one)", parseInteger)
    .option("--allow-unauthenticated-remote", "listen on a non-loopback address without API keys (refused otherwise)");
  commonOptions(serve);
  examples(serve, [
    "cortex-mem serve",
    "CORTEX_MEM_API_KEYS=secret-key-0123456789 cortex-mem serve --host 0.0.0.0 --port 8080",
  ]);
  lazyAction(serve, state, () => import("../actions/serve.js"));

  const ui = program
    .command("ui")
    .description(
      "Open the web dashboard (Insights): uses the service running on this home, else starts one until Ctrl-C",
    )
    .option("--host <host>", "when starting: interface to listen on (default server.host)")
    .option("-p, --port <port>", "when starting: port (default server.port, 3000; 0 picks a free one)", parseInteger)
    .option("--no-open", "only print the URL, do not open a browser");
  commonOptions(ui);
  examples(ui, ["cortex-mem ui", "cortex-mem ui --no-open --port 0"]);
  lazyAction(ui, state, () => import("../actions/ui.js"));

  const mcp = program
    .command("mcp")
    .description("Start the MCP server (@cortex-mem/mcp) on stdio, or on streamable HTTP with --http")
    .option("-u, --user-id <id>", "default user of the tools' memories")
    .option("-a, --agent-id <id>", "default agent of the tools' memories")
    .option("--agent <id>", "Rust v1 form: agent <id> and, unless -u, user user_of_<id>")
    .option("--http", "serve streamable HTTP instead of stdio")
    .option("--host <host>", "with --http: interface to listen on")
    .option("-p, --port <port>", "with --http: port (0 picks a free one)", parseInteger)
    .option(
      "--allow-unauthenticated-remote",
      "with --http: listen on a non-loopback address (the endpoint has no credentials)",
    );
  commonOptions(mcp);
  examples(mcp, [
    "cortex-mem mcp -u alice",
    "cortex-mem mcp --http --port 3333",
    'claude mcp add memory -- npx -y cortex-mem mcp -u "$USER"',
    'claude mcp add memory -- node <path>/packages/cli/dist/bin.js mcp -u "$USER"   # from a clone',
  ]);
  lazyAction(mcp, state, () => import("../actions/mcp.js"));
}
