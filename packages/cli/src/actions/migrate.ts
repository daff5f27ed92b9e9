import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import { createStore } from "@cortex-mem/core/store";
import { checkPortName, createEmbedder, registeredNames } from "@cortex-mem/core/providers";
import { migrateStore } from "@cortex-mem/core/engine";
import type { CortexMemConfig, MemoryStore } from "@cortex-mem/core";
import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";
import { UsageError } from "../runtime/exit-codes.js";
import { createProgress } from "../runtime/progress.js";

async function open(config: CortexMemConfig, kind: string, dimensions: number, embedder: string): Promise<MemoryStore> {
  const store = createStore({ ...config, store: { ...config.store, kind } });
  await store.init({ dimensions, embedder });
  return store;
}

/**
 * The store to copy from when `--from` is not given: `store.kind`, or when that is the target, the
 * first other registered store (with the built-in two: the other one).
 */
function defaultSource(config: CortexMemConfig, to: string): string {
  if (config.store.kind !== to) return config.store.kind;
  return registeredNames("store").find((name) => name !== to) ?? to;
}

/**
 * `cortex-mem migrate --to <store> [--from <store>]`: copies every memory and its history from one
 * registered store to another (core's registry names the stores and checks the flags).
 */
export async function run({ opts }: ActionInput<{ to?: string; from?: string; batchSize?: number }>): Promise<void> {
  const out = outputFor(opts);
  if (opts.to === undefined)
    throw new UsageError(
      `migrate needs --to ${registeredNames("store").join("|")} (or --from-v1-qdrant to read a Rust v1 collection)`,
    );
  const to = checkPortName("store", opts.to, "--to");
  const { config } = loadCliConfig(opts);
  const from = opts.from === undefined ? defaultSource(config, to) : checkPortName("store", opts.from, "--from");
  if (from === to)
    throw new CortexMemError(ErrorCode.VALIDATION, `--from and --to are both ${to}: nothing to copy`, {
      details: [{ path: "--from", message: `must differ from --to (${to})` }],
    });
  const embedder = createEmbedder(config);
  const dimensions = await embedder.dimensions();
  const source = await open(config, from, dimensions, embedder.id);
  try {
    const target = await open(config, to, dimensions, embedder.id);
    try {
      const progress = createProgress(`migrate ${from} → ${to}`);
      const summary = await migrateStore(source, target, {
        ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
        onProgress: (p) => progress.update(p.done, p.total),
      });
      progress.finish(
        `Copied ${summary.copied} memories (${summary.skipped} already there) and ${summary.historyRows + summary.orphanHistory} history rows from ${from} to ${to}; counts verified`,
      );
      if (summary.withoutVector > 0)
        process.stderr.write(
          `${summary.withoutVector} memories have no vector for ${embedder.id}: run \`cortex-mem reembed\` against the ${to} store\n`,
        );
      if (out.json) await out.data({ from, to, ...summary });
    } finally {
      await target.close();
    }
  } finally {
    await source.close();
  }
}
