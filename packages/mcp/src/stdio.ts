import type { CortexMemConfig, MemoryManager } from "@cortex-mem/core";
import { createMemory } from "@cortex-mem/core";
import { storeLocation } from "@cortex-mem/core/store";
import { startJobWorker } from "@cortex-mem/core/jobs";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import type { Logger } from "./logger.js";
import { createStderrLogger } from "./logger.js";
import type { DefaultScope } from "./scope.js";
import { createMcpServer } from "./server.js";

/** Options of {@link runStdio}; `memory` lets a caller share an engine it already opened (and keeps owning it). */
export interface RunStdioOptions {
  config: CortexMemConfig;
  defaultScope?: DefaultScope;
  memory?: MemoryManager;
  logger?: Logger;
  stdin?: NodeJS.ReadableStream;
  stdout?: NodeJS.WritableStream;
}

/** A running stdio server: `closed` settles when the client hangs up (stdin ends) or `close()` is called. */
export interface StdioHandle {
  close(): Promise<void>;
  closed: Promise<void>;
}

/**
 * Serves MCP over this process's stdin/stdout (how Claude Desktop, Claude Code and Cursor launch
 * servers). stdout carries only protocol messages; logs go to stderr. Ends when stdin ends.
 */
export async function runStdio(options: RunStdioOptions): Promise<StdioHandle> {
  const logger = options.logger ?? createStderrLogger(options.config.logging.level);
  const memory = options.memory ?? (await createMemory(options.config));
  const defaultScope = options.defaultScope ?? {};
  const server = createMcpServer({ memory, defaultScope, logger });
  const worker = startJobWorker(memory, options.config, (message, fields) => logger.warn(message, fields));
  const stdin: NodeJS.ReadableStream = options.stdin ?? process.stdin;
  const transport = new StdioServerTransport(stdin as never, (options.stdout ?? process.stdout) as never);
  let resolveClosed!: () => void;
  const closed = new Promise<void>((resolve) => (resolveClosed = resolve));
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> =>
    (closing ??= (async () => {
      await server
        .close()
        .catch((error: unknown) => logger.warn("closing the MCP server failed", { error: String(error) }));
      await worker?.stop();
      if (!options.memory) await memory.close();
      logger.info("stdio server stopped");
      resolveClosed();
    })());
  stdin.on("end", () => void close());
  await server.connect(transport);
  logger.info("stdio server ready", {
    store: storeLocation(options.config),
    ...defaultScope,
  });
  return { close, closed };
}
