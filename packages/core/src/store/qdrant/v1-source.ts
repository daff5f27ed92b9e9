import type { V1Point, V1PointSource } from "../../engine/v1-qdrant-import.js";
import { QdrantConnection } from "./qdrant-connection.js";

/**
 * Reads a Rust v1 collection (`[qdrant] collection_name`, default `cortex-memory`) over Qdrant's
 * REST API with payloads and vectors, for {@link importV1Qdrant}.
 */
export async function v1QdrantSource(options: {
  url: string;
  collection: string;
  apiKey?: string;
  timeoutMs: number;
}): Promise<V1PointSource> {
  const connection = await QdrantConnection.open({ ...options, retry: { attempts: 3, baseDelayMs: 200 } });
  return {
    async scroll(offset, limit) {
      const page = await connection.call(`read v1 collection ${options.collection}`, (client) =>
        client.scroll(options.collection, {
          limit,
          with_payload: true,
          with_vector: true,
          ...(offset !== null ? { offset } : {}),
        }),
      );
      const next = page.next_page_offset;
      return {
        points: page.points.map((p) => ({
          id: p.id,
          vector: (p.vector ?? null) as V1Point["vector"],
          payload: (p.payload ?? null) as V1Point["payload"],
        })),
        next: typeof next === "string" || typeof next === "number" ? next : null,
      };
    },
  };
}
