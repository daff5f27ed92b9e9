import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import { createStore } from "@cortex-mem/core/store";
import { createEmbedder } from "@cortex-mem/core/providers";
import { migrateStore } from "@cortex-mem/core/engine";
import type { CortexMemConfig, MemoryStore } from "@cortex-mem/core";
import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";
import { UsageError } from "../runtime/exit-codes.js";
import { createProgress } from "../runtime/progress.js";

type Kind = "sqlite" | "qdrant";

async function open(config: CortexMemConfig, kind: Kind, dimensions: number, embedder: string): Promise<MemoryStore> {
  const store = createStore({ ...config, store: { ...config.store, kind } });
  await store.init({ dimensions, embedder });
  return store;
}

/** `cortex-mem migrate --to qdrant|sqlite`: copies every memory and its history from the other store. */
export async function run({ opts }: ActionInput<{ to?: string; batchSize?: number }>): Promise<void> {
  const out = outputFor(opts);
  if (opts.to === undefined)
    throw new UsageError("migrate needs --to qdrant|sqlite (or --from-v1-qdrant to read a Rust v1 collection)");
  if (opts.to !== "qdrant" && opts.to !== "sqlite") {
    throw new CortexMemError(ErrorCode.VALIDATION, "--to must be qdrant or sqlite", {
      details: [{ path: "to", message: "expected qdrant or sqlite" }],
    });
  }
  const to: Kind = opts.to;
  const from: Kind = to === "qdrant" ? "sqlite" : "qdrant";
  const { config } = loadCliConfig(opts);
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
