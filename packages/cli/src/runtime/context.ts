import type { CortexMemConfig, CreateMemoryOverrides, LoadedConfig, MemoryManager } from "@cortex-mem/core";
import { createMemory, explainEmbedderSwitch, loadConfig } from "@cortex-mem/core";
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

/** Loads the effective config: defaults < file (`-c` or the usual places) < environment < `overrides`. */
export function loadCliConfig(opts: GlobalOptions, overrides?: Record<string, unknown>): LoadedConfig {
  return loadConfig({ env: process.env, ...(opts.config ? { file: opts.config } : {}), ...(overrides ? { overrides } : {}) });
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
