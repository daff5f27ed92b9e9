import { isCortexMemError, loadConfig } from "@cortex-mem/core";
import { createJsonLogger } from "./logger.js";
import { startService } from "./service.js";
import { SERVICE_VERSION } from "./version.js";
import { isSupervisor, runWorkers } from "./workers.js";

/** The command-line flags of `cortex-mem-service`, parsed by its bin. */
export interface ServiceFlags {
  host?: string;
  port?: number;
  workers?: number;
  config?: string;
  allowRemote?: boolean;
}

/**
 * What `cortex-mem-service` does once its flags are parsed: loads the config (defaults < file <
 * env < flags), then serves until SIGTERM/SIGINT — or supervises `--workers` processes. Exits the
 * process with the error's exit code when it cannot start.
 */
export async function serveFromFlags(flags: ServiceFlags): Promise<void> {
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
