import { CortexMemError, ErrorCode, createMemory } from "@cortex-mem/core";
import { checkPortName } from "@cortex-mem/core/providers";
import { v1QdrantSource } from "@cortex-mem/core/v1";
import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";
import { createProgress } from "../runtime/progress.js";

/** Flags of `migrate --from-v1-qdrant`. */
export type MigrateV1Flags = { to?: string; from?: string; v1Url?: string; v1Collection?: string; batchSize?: number };

/** v1's default collection name (`[qdrant] collection_name`). */
const V1_COLLECTION = "cortex-memory";

/**
 * `cortex-mem migrate --from-v1-qdrant`: copies a Rust v1 collection (one unnamed vector, v1's
 * payload) into a store — SQLite unless `--to` names another registered one — keeping ids, scopes, types,
 * importance, entities, topics and `custom` (as metadata). v1 vectors are kept when they come
 * from the same OpenAI-compatible model (same dimensions); otherwise the memories are re-embedded.
 */
export async function run({ opts }: ActionInput<MigrateV1Flags>): Promise<void> {
  const out = outputFor(opts);
  const loaded = loadCliConfig(opts);
  if (opts.from !== undefined)
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      "--from does not go with --from-v1-qdrant (the v1 collection is the source)",
      {
        details: [{ path: "--from", message: "not with --from-v1-qdrant" }],
      },
    );
  const kind = checkPortName("store", opts.to ?? "sqlite", "--to");
  const config = { ...loaded.config, store: { ...loaded.config.store, kind } as typeof loaded.config.store };
  const url = opts.v1Url ?? loaded.config.qdrant.url ?? "http://localhost:6333";
  const collection =
    opts.v1Collection ?? (loaded.origins["qdrant.collection"] ? loaded.config.qdrant.collection : V1_COLLECTION);
  if (kind === "qdrant" && collection === config.qdrant.collection && url === config.qdrant.url) {
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      `the v1 collection and the target are the same (${collection}); set qdrant.collection to a new name`,
      { details: [{ path: "qdrant.collection", message: "must differ from the v1 collection" }] },
    );
  }
  const source = await v1QdrantSource({
    url,
    collection,
    timeoutMs: config.qdrant.timeoutMs,
    ...(config.qdrant.apiKey ? { apiKey: config.qdrant.apiKey } : {}),
  });
  const memory = await createMemory(config);
  try {
    const progress = createProgress(`migrate v1 ${collection} → ${kind}`);
    const summary = await memory.importV1Qdrant(source, {
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      onProgress: (read) => progress.update(read, read),
    });
    const reembedded = summary.withoutVector ? await memory.reembed({ batchSize: config.embedding.batchSize }) : 0;
    progress.finish(
      `Imported ${summary.imported} memories from v1 collection ${collection} (${summary.skipped} already there, ${reembedded} re-embedded with ${memory.embedderId})`,
    );
    for (const r of summary.rejected) out.note(`not imported: point ${r.id}: ${r.reason}`);
    if (out.json) await out.data({ from: { url, collection }, to: kind, ...summary, reembedded });
  } finally {
    await memory.close();
  }
}
