import type { CortexMemConfig, CreateMemoryOverrides, LoadedConfig, MemoryManager } from "@cortex-mem/core";
import { createMemory, loadConfig } from "@cortex-mem/core";
import { explainEmbedderSwitch } from "@cortex-mem/core/config";
import { Output } from "./output.js";

/** Options every command accepts (merged from before and after the subcommand name). */
export interface GlobalOptions {
  config?: string;
  json?: boolean;
}

/** What an action receives: its positional arguments and its merged options. */
export interface ActionInput<O = Record<string, unknown>> {
  args: (string | undefined)[];
  opts: O & GlobalOptions;
}

const warned = new Set<string>();

/**
 * Loads the effective config: defaults < file (`-c` or the usual places) < environment < `overrides`.
 * Keys of the file that cannot be honoured (Rust v1 keys) are named once on stderr.
 */
export function loadCliConfig(opts: GlobalOptions, overrides?: Record<string, unknown>): LoadedConfig {
  const loaded = loadConfig({
    env: process.env,
    ...(opts.config ? { file: opts.config } : {}),
    ...(overrides ? { overrides } : {}),
  });
  for (const warning of loaded.warnings) {
    if (!warned.has(warning)) process.stderr.write(`warning: ${warning}\n`);
    warned.add(warning);
  }
  return loaded;
}

/** The output of a command, honouring `--json`. */
export function outputFor(opts: GlobalOptions): Output {
  return new Output({ json: opts.json === true });
}

/** Opens the memory of the effective config, runs `fn`, and always closes it. */
export async function withMemory<T>(
  opts: GlobalOptions,
  fn: (memory: MemoryManager, config: CortexMemConfig) => Promise<T>,
  overrides: CreateMemoryOverrides = {},
): Promise<T> {
  const loaded = loadCliConfig(opts);
  const { config } = loaded;
  const memory = await createMemory(config, overrides).catch((error: unknown) => {
    throw explainEmbedderSwitch(error, loaded);
  });
  try {
    return await fn(memory, config);
  } finally {
    await memory.close();
  }
}
