import { loadConfig, toCortexMemError } from "@cortex-mem/core";
import { parseMcpArgs, USAGE } from "./args.js";
import { createStderrLogger } from "./logger.js";
import { defaultScopeFrom } from "./scope.js";
import { runStdio } from "./stdio.js";
import { VERSION } from "./version.js";

/** Where {@link mcpMain} reads and writes; defaults to the process's. */
export interface McpMainIo {
  env?: Record<string, string | undefined>;
  stdout?: NodeJS.WritableStream;
  stderr?: NodeJS.WritableStream;
  /** Resolves when the process is asked to stop (SIGINT/SIGTERM by default). */
  stopSignal?: Promise<void>;
}

const signalled = (): Promise<void> =>
  new Promise((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
  });

/**
 * The `cortex-mem-mcp` command (also what `cortex-mem mcp` runs): parses flags, loads the config
 * (file < env < flags), and serves stdio until the client hangs up, or HTTP until a signal.
 * Returns the exit code: 0, 2 for usage errors, else the code's CLI exit code.
 */
export async function mcpMain(argv: string[], io: McpMainIo = {}): Promise<number> {
  const env = io.env ?? process.env;
  const stderr = io.stderr ?? process.stderr;
  let args;
  try {
    args = parseMcpArgs(argv);
  } catch (error) {
    stderr.write(`cortex-mem-mcp: ${toCortexMemError(error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help || args.version) {
    (io.stdout ?? process.stdout).write(args.help ? USAGE : `${VERSION}\n`);
    return 0;
  }
  try {
    const { config, warnings } = loadConfig({ ...(args.config ? { file: args.config } : {}), env });
    const logger = createStderrLogger(config.logging.level, (line) => stderr.write(line));
    for (const warning of warnings) logger.warn(warning);
    const defaultScope = defaultScopeFrom(args, env);
    // Listen for SIGINT/SIGTERM before the server starts: a signal that arrives just after the
    // "ready" log line must stop it gracefully, not kill it with the default action.
    const stop = io.stopSignal ?? signalled();
    if (args.http) {
      // Loaded only here: the streamable HTTP transport (and its HTTP server stack) is no part of
      // a stdio session's start-up, which every agent pays once per session.
      const { startHttp } = await import("./http.js");
      const remote = args.allowUnauthenticatedRemote ? { allowUnauthenticatedRemote: true } : {};
      const handle = await startHttp({
        config,
        defaultScope,
        logger,
        ...remote,
        ...(args.host ? { host: args.host } : {}),
        ...(args.port !== undefined ? { port: args.port } : {}),
      });
      await stop;
      await handle.close();
    } else {
      const handle = await runStdio({ config, defaultScope, logger });
      await Promise.race([handle.closed, stop.then(() => handle.close())]);
    }
    return 0;
  } catch (error) {
    const e = toCortexMemError(error);
    stderr.write(`cortex-mem-mcp: ${e.code}: ${e.message}\n`);
    return e.exitCode;
  }
}
