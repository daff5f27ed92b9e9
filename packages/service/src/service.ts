import { createServer } from "node:http";
import type { Server, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CortexMemError, ErrorCode, createMemory } from "@cortex-mem/core";
import { startJobWorker } from "@cortex-mem/core/jobs";
import { checkExposure } from "@cortex-mem/core/net";
import type { ConfigSource, CortexMemConfig, MemoryManager } from "@cortex-mem/core";
import { createHandler } from "./handler.js";
import { createJsonLogger } from "./logger.js";
import { removeServiceFile, writeServiceFile } from "./service-file.js";
import type { Logger } from "./logger.js";

/** What {@link startService} needs; host and port default to `config.server`. */
export interface StartServiceOptions {
  config: CortexMemConfig;
  /** Where each config value came from (`loadConfig().sources`), shown by `GET /config`. */
  configSources?: Record<string, ConfigSource>;
  /** The config file read (`loadConfig().file`). */
  configFile?: string | null;
  host?: string;
  port?: number;
  /** An engine to serve; when absent one is opened from the config and closed by `close()`. */
  memory?: MemoryManager;
  logger?: Logger;
  /** How long `close()` lets in-flight requests finish before cutting connections (default 30 s). */
  shutdownTimeoutMs?: number;
}

/** A listening service. */
export interface RunningService {
  url: string;
  port: number;
  /** The node HTTP server (for embedding and tests). */
  server: Server;
  /** Stops accepting, lets in-flight requests finish, then closes the store if it was opened here. Idempotent. */
  close(): Promise<void>;
}

const urlHost = (host: string): string => (host.includes(":") ? `[${host}]` : host);

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      const what =
        error.code === "EADDRINUSE" ? "is already in use" : `cannot be used (${error.code ?? error.message})`;
      reject(
        new CortexMemError(ErrorCode.CONFIG, `${host}:${port} ${what}; set server.port / CORTEX_MEM_PORT or --port`, {
          cause: error,
        }),
      );
    };
    server.once("error", onError);
    server.listen(port, host, () => {
      server.off("error", onError);
      resolve();
    });
  });
}

/**
 * Opens the engine (unless given), serves {@link createApp} on `host:port` (default
 * `127.0.0.1:3000`; port 0 picks a free one) and logs a `listening` line with the URL.
 */
export async function startService(options: StartServiceOptions): Promise<RunningService> {
  const { config } = options;
  const logger = options.logger ?? createJsonLogger({ level: config.logging.level });
  const host = options.host ?? config.server.host;
  const authenticated = config.server.apiKeys.length > 0;
  checkExposure({
    host,
    authenticated,
    allowUnauthenticatedRemote: config.server.allowUnauthenticatedRemote,
    what: "REST service",
  });
  const memory = options.memory ?? (await createMemory(config));
  const owned = options.memory === undefined;
  const { handle, warm } = createHandler({
    memory,
    config,
    logger,
    bindHost: host,
    ...(options.configSources ? { configSources: options.configSources } : {}),
    configFile: options.configFile ?? null,
  });
  const live = new Set<ServerResponse>();
  let closing = false;
  const server = createServer((req, res) => {
    live.add(res);
    res.once("close", () => live.delete(res));
    if (closing) res.setHeader("Connection", "close");
    handle(req, res);
  });
  try {
    await listen(server, options.port ?? config.server.port, host);
  } catch (error) {
    if (owned) await memory.close();
    throw error;
  }
  const worker = startJobWorker(memory, config, (message, fields) => logger.warn(message, fields));
  const { port } = server.address() as AddressInfo;
  const url = `http://${urlHost(host)}:${port}`;
  writeServiceFile(config.home, url);
  logger.info("listening", {
    url,
    host,
    port,
    store: memory.storeKind,
    auth: config.server.apiKeys.length > 0,
    cors: config.server.corsOrigins,
  });
  // The express app (every route but the lean search) loads after the port is open, not before.
  setImmediate(warm);

  let closed: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closed ??= (async () => {
      closing = true;
      logger.info("shutting down", { in_flight: live.size });
      for (const res of live) if (!res.headersSent) res.setHeader("Connection", "close");
      const deadline = setTimeout(() => server.closeAllConnections(), options.shutdownTimeoutMs ?? 30_000);
      deadline.unref();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
      clearTimeout(deadline);
      removeServiceFile(config.home, url);
      await worker?.stop();
      if (owned) await memory.close();
      logger.info("stopped", {});
    })());
  return { url, port, server, close };
}
