import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { CortexMemConfig, MemoryManager } from "@cortex-mem/core";
import { CortexMemError, createMemory, ErrorCode } from "@cortex-mem/core";
import { startJobWorker } from "@cortex-mem/core/jobs";
import { checkExposure, isLoopbackBind, rejectForeignHost, allowedHostsFor } from "@cortex-mem/core/net";
import { StreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/streamableHttp.js";
import type { Logger } from "./logger.js";
import { createStderrLogger } from "./logger.js";
import type { DefaultScope } from "./scope.js";
import { createMcpServer } from "./server.js";

/** The port `--http` listens on when none is given. */
export const DEFAULT_HTTP_PORT = 3100;

/** Options of {@link startHttp}; `port: 0` picks a free port; `memory` shares an engine the caller keeps owning. */
export interface StartHttpOptions {
  config: CortexMemConfig;
  host?: string;
  port?: number;
  defaultScope?: DefaultScope;
  memory?: MemoryManager;
  logger?: Logger;
  /** Consent to listen on a non-loopback address (the MCP endpoint has no credentials); default `config.server.allowUnauthenticatedRemote`. */
  allowUnauthenticatedRemote?: boolean;
}

/** A listening HTTP server: the MCP endpoint's URL, its port, and how to stop it. */
export interface HttpHandle {
  url: string;
  port: number;
  close(): Promise<void>;
}

const sendJson = (res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void => {
  res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
};
const rpcError = (code: number, message: string) => ({ jsonrpc: "2.0", error: { code, message }, id: null });

/**
 * Serves MCP over streamable HTTP at `POST /mcp` (plus `GET /health`), loopback by default.
 * Stateless: every POST gets a fresh server and transport over the one shared engine, so there is
 * no session table to leak or lose on restart, and any number of clients (or processes behind a
 * proxy) can call it. The tools are plain request/response, so no server-to-client stream is needed:
 * `GET`/`DELETE /mcp` answer 405 and responses are JSON, not SSE.
 */
export async function startHttp(options: StartHttpOptions): Promise<HttpHandle> {
  const logger = options.logger ?? createStderrLogger(options.config.logging.level);
  const host = options.host ?? "127.0.0.1";
  const remote = !isLoopbackBind(host);
  const allowRemote = options.allowUnauthenticatedRemote ?? options.config.server.allowUnauthenticatedRemote;
  checkExposure({ host, authenticated: false, allowUnauthenticatedRemote: allowRemote, what: "MCP HTTP server" });
  const guard = { allowedHosts: allowedHostsFor(host, options.config.server.allowedHosts) };
  const memory = options.memory ?? (await createMemory(options.config));
  const deps = { memory, defaultScope: options.defaultScope ?? {}, logger };

  const handleMcp = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if (req.method !== "POST")
      return sendJson(
        res,
        405,
        rpcError(-32000, "Method not allowed: this server is stateless, POST JSON-RPC to /mcp"),
        { allow: "POST" },
      );
    const server = createMcpServer(deps);
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
    res.on(
      "close",
      () =>
        void transport
          .close()
          .then(() => server.close())
          .catch(() => undefined),
    );
    await server.connect(transport);
    await transport.handleRequest(req, res);
  };

  const http = createServer((req, res) => {
    const path = new URL(req.url ?? "/", "http://localhost").pathname;
    const refused = rejectForeignHost(req, guard);
    if (refused) return sendJson(res, 403, rpcError(-32000, refused));
    if (path === "/health" && req.method === "GET") return sendJson(res, 200, { status: "ok" });
    if (path !== "/mcp") return sendJson(res, 404, rpcError(-32000, `Not found: ${path}; the MCP endpoint is /mcp`));
    handleMcp(req, res).catch((error: unknown) => {
      logger.error("MCP request failed", { error: String(error) });
      if (!res.headersSent) sendJson(res, 500, rpcError(-32603, "Internal server error"));
    });
  });

  try {
    await new Promise<void>((resolve, reject) => {
      http.once("error", reject);
      http.listen(options.port ?? DEFAULT_HTTP_PORT, host, () => resolve());
    });
  } catch (error) {
    if (!options.memory) await memory.close();
    throw new CortexMemError(
      ErrorCode.CONFIG,
      `Cannot listen on ${host}:${options.port ?? DEFAULT_HTTP_PORT}: ${(error as Error).message}; pick another --port`,
      { cause: error },
    );
  }
  const port = (http.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/mcp`;
  if (remote) logger.warn(`listening on ${host}: anyone who can reach this address can read and write memories`);
  logger.info("streamable HTTP server ready", { url, ...deps.defaultScope });
  const worker = startJobWorker(memory, options.config, (message, fields) => logger.warn(message, fields));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await new Promise<void>((resolve) => {
        http.close(() => resolve());
        http.closeAllConnections();
      });
      await worker?.stop();
      if (!options.memory) await memory.close();
    })());
  return { url, port, close };
}
