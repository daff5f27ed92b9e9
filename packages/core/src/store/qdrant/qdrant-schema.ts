import { CortexMemError, ErrorCode } from "../../errors.js";
import type { FieldSpec } from "../../fields/field-spec.js";
import { HISTORY_FIELDS, MEMORY_FIELDS } from "../../fields/memory-fields.js";
import type { QdrantConnection } from "./qdrant-connection.js";

/** Name of the dense (embedding) vector and of the sparse (BM25-style) vector of a memory point. */
export const DENSE = "dense";
export const SPARSE = "bm25";

/** A payload index: a plain type, or a keyword index marked as the tenant key (Qdrant ≥ 1.11). */
type IndexSchema = "keyword" | "integer" | "float" | "bool" | { type: "keyword"; is_tenant: true };

/** The payload indexes of the fields marked `indexed` (`user_id` is the tenant key, see below). */
const fieldIndexes = (fields: readonly FieldSpec[]): [string, IndexSchema][] =>
  fields.flatMap((f): [string, IndexSchema][] => {
    if (f.indexed === "tenant") return [[f.column, { type: "keyword", is_tenant: true }]];
    return f.indexed ? [[f.column, f.codec.payloadIndex]] : [];
  });

/**
 * Payload indexes of the memory collection: every field a filter, facet or ordering touches (the
 * indexed fields of `MEMORY_FIELDS`, and the payload's helper fields). `user_id` is the tenant
 * key: Qdrant stores each user's points together and builds per-user HNSW links (`payload_m`),
 * which is the search path of every scoped query.
 */
export const MEMORY_INDEXES: readonly [string, IndexSchema][] = [
  ...fieldIndexes(MEMORY_FIELDS),
  ["sort_key", "integer"],
  ["topics_lc", "keyword"],
  ["entities_lc", "keyword"],
  ["embedder", "keyword"],
  ["superseded", "bool"],
];

/** Payload indexes of the history collection. */
export const HISTORY_INDEXES: readonly [string, IndexSchema][] = [...fieldIndexes(HISTORY_FIELDS), ["seq", "integer"]];

/** Qdrant answers a second create of one collection with 409, or 400 "already exists" on older servers. */
const isConflict = (error: unknown): boolean =>
  (error as { details?: { status?: number } })?.details?.status === 409 ||
  /already exists/i.test((error as Error)?.message ?? "");

/** Creates a collection unless it exists (a concurrent creator winning the race is fine). */
export async function createCollection(
  conn: QdrantConnection,
  name: string,
  config: Record<string, unknown>,
): Promise<void> {
  try {
    await conn.once(`create the collection ${name}`, (c) => c.createCollection(name, config));
  } catch (error) {
    if (!isConflict(error)) throw error;
  }
}

/** Creates the payload indexes one after the other (a no-op for those that exist). */
export async function ensureIndexes(
  conn: QdrantConnection,
  name: string,
  indexes: readonly [string, IndexSchema][],
): Promise<void> {
  for (const [field, schema] of indexes) {
    await conn.call(`index ${name}.${field}`, (c) =>
      c.createPayloadIndex(name, { field_name: field, field_schema: schema, wait: true }),
    );
  }
}

/**
 * The memory collection's layout, sized for millions of memories (see docs/qdrant.md, "Sizing"):
 * cosine dense vectors of `dimensions` kept on disk with an int8 scalar-quantized copy in RAM
 * (4× smaller; searches re-score the shortlist with the originals, see `QUANTIZED_SEARCH`), HNSW
 * links per user as well as global ones (unscoped admin searches), and IDF-weighted sparse
 * vectors for keywords.
 */
export function memoryCollectionConfig(dimensions: number): Record<string, unknown> {
  return {
    vectors: { [DENSE]: { size: dimensions, distance: "Cosine", on_disk: true } },
    sparse_vectors: { [SPARSE]: { modifier: "idf" } },
    quantization_config: { scalar: { type: "int8", quantile: 0.99, always_ram: true } },
    hnsw_config: { m: 16, payload_m: 16 },
  };
}

/** Search parameters of dense queries: the quantized vectors pick a shortlist twice the limit, re-scored exactly. */
export const QUANTIZED_SEARCH = { quantization: { rescore: true, oversampling: 2 } } as const;

/** Dimension of the dense vector of an existing collection; a collection without one is not ours (`CONFIG`). */
export async function storedDimensions(conn: QdrantConnection, name: string): Promise<number> {
  const info = await conn.call(`read the collection ${name}`, (c) => c.getCollection(name));
  const vectors = info.config.params.vectors as Record<string, { size?: number } | undefined> | undefined;
  const size = vectors?.[DENSE]?.size;
  if (typeof size !== "number") {
    throw new CortexMemError(
      ErrorCode.CONFIG,
      `The Qdrant collection ${name} at ${conn.url} has no "${DENSE}" vector, so it was not made by cortex-mem; set qdrant.collection to another name`,
    );
  }
  return size;
}

/** The `CONFIG` error of a collection holding vectors of another dimension or embedder, with the fix. */
export function dimensionMismatch(
  collection: string,
  stored: { dimensions: number; embedder: string | undefined },
  configured: { dimensions: number; embedder: string },
): CortexMemError {
  const fix =
    stored.dimensions === configured.dimensions
      ? "Run `cortex-mem reembed` to re-embed every memory, or set qdrant.collection to another collection."
      : `A Qdrant collection cannot change its dimension in place: set qdrant.collection (CORTEX_MEM_QDRANT_COLLECTION) to a new collection and move the memories with \`cortex-mem export\` / \`cortex-mem import\` (which re-embeds them), or go back to the embedder "${stored.embedder ?? "?"}".`;
  return new CortexMemError(
    ErrorCode.CONFIG,
    `The Qdrant collection ${collection} holds vectors of dimension ${stored.dimensions} from embedder "${stored.embedder ?? "unknown"}", but the configured embedder "${configured.embedder}" gives dimension ${configured.dimensions}. ${fix}`,
    { details: { stored, configured } },
  );
}
