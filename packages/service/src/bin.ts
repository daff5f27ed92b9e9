#!/usr/bin/env node
import { parseArgs } from "node:util";
import { isCortexMemError, loadConfig } from "@cortex-mem/core";
import { createJsonLogger } from "./logger.js";
import { startService } from "./service.js";
import { SERVICE_VERSION } from "./version.js";
import { isSupervisor, runWorkers } from "./workers.js";

const USAGE = `Usage: cortex-mem-service [--host <host>] [--port <port>] [--workers <n>] [-c|--config <file>]
                          [--allow-unauthenticated-remote]

Serves the Cortex Memory REST API (default http://127.0.0.1:3000).
Without API keys only loopback is served (a non-loopback --host is refused unless
--allow-unauthenticated-remote, and Host names must be loopback or in server.allowed_hosts).
--workers n serves the port from n processes (default 1, or server.workers / CORTEX_MEM_WORKERS).
Configuration: defaults < config file < CORTEX_MEM_* environment < these flags.
Logs are JSON lines on stderr; SIGTERM / SIGINT finish in-flight requests, then exit 0.`;

/** Parses argv; exits 2 on bad usage. */
function parseFlags(argv: string[]): {
  host?: string;
  port?: number;
  workers?: number;
  config?: string;
  allowRemote?: boolean;
} {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        host: { type: "string" },
        port: { type: "string" },
        workers: { type: "string" },
        "allow-unauthenticated-remote": { type: "boolean" },
        config: { type: "string", short: "c" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
      strict: true,
    });
    if (values.help || values.version) {
      process.stdout.write(`${values.help ? USAGE : SERVICE_VERSION}\n`);
      process.exit(0);
    }
    const port = values.port === undefined ? undefined : Number(values.port);
    if (port !== undefined && !(Number.isInteger(port) && port >= 0 && port <= 65535))
      throw new Error(`--port must be an integer from 0 to 65535, not "${values.port}"`);
    const workers = values.workers === undefined ? undefined : Number(values.workers);
    if (workers !== undefined && !(Number.isInteger(workers) && workers >= 1 && workers <= 64))
      throw new Error(`--workers must be an integer from 1 to 64, not "${values.workers}"`);
    return {
      ...(values.host ? { host: values.host } : {}),
      ...(port !== undefined ? { port } : {}),
      ...(workers !== undefined ? { workers } : {}),
      ...(values.config ? { config: values.config } : {}),
      ...(values["allow-unauthenticated-remote"] ? { allowRemote: true } : {}),
    };
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}\n`);
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  const server = {
    ...(flags.host ? { host: flags.host } : {}),
    ...(flags.port !== undefined ? { port: flags.port } : {}),
    ...(flags.workers !== undefined ? { workers: flags.workers } : {}),
    ...(flags.allowRemote ? { allowUnauthenticatedRemote: true } : {}),
  };
  let logger = createJsonLogger();
  try {
    const { config, file, sources, warnings } = loadConfig({
      env: process.env,
      ...(flags.config ? { file: flags.config } : {}),
      overrides: Object.keys(server).length ? { server } : {},
    });
    logger = createJsonLogger({ level: config.logging.level });
    for (const warning of warnings) logger.warn(warning, { config_file: file });
    if (isSupervisor(config.server.workers)) {
      logger.info("starting workers", { version: SERVICE_VERSION, workers: config.server.workers, config_file: file });
      runWorkers(config.server.workers, logger);
      return;
    }
    logger.info("starting", {
      version: SERVICE_VERSION,
      config_file: file,
      home: config.home,
      llm: config.llm.provider,
      embedding: config.embedding.provider,
    });
    // Signal handlers first: a SIGTERM that arrives just after the "listening" line stops cleanly.
    const state: { running?: Awaited<ReturnType<typeof startService>>; pending?: string } = {};
    const stop = (signal: string): void => {
      logger.info("signal", { signal });
      if (!state.running) {
        state.pending = signal;
        return;
      }
      state.running.close().then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error("shutdown failed", { error: error instanceof Error ? error.message : String(error) });
          process.exit(1);
        },
      );
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
    state.running = await startService({ config, configSources: sources, configFile: file, logger });
    if (state.pending) stop(state.pending);
  } catch (error) {
    const code = isCortexMemError(error) ? error.code : "INTERNAL";
    logger.error(error instanceof Error ? error.message : String(error), { code });
    process.exit(isCortexMemError(error) ? error.exitCode : 1);
  }
}

void main();
