import { describe, expect, it } from "vitest";
import { MEMORY_INDEXES, QUANTIZED_SEARCH, memoryCollectionConfig } from "../../../src/store/qdrant/qdrant-schema.js";

describe("Qdrant collection layout", () => {
  it("keeps originals on disk with an int8 quantized copy in RAM and per-user HNSW links", () => {
    const config = memoryCollectionConfig(1536) as {
      vectors: { dense: { size: number; distance: string; on_disk: boolean } };
      quantization_config: { scalar: { type: string; always_ram: boolean } };
      hnsw_config: { m: number; payload_m: number };
      sparse_vectors: { bm25: { modifier: string } };
    };
    expect(config.vectors.dense).toEqual({ size: 1536, distance: "Cosine", on_disk: true });
    expect(config.quantization_config.scalar).toMatchObject({ type: "int8", always_ram: true });
    expect(config.hnsw_config).toEqual({ m: 16, payload_m: 16 });
    expect(config.sparse_vectors.bm25.modifier).toBe("idf");
  });

  it("marks user_id as the tenant key and re-scores quantized shortlists", () => {
    const userIndex = MEMORY_INDEXES.find(([field]) => field === "user_id");
    expect(userIndex?.[1]).toEqual({ type: "keyword", is_tenant: true });
    expect(MEMORY_INDEXES.filter(([, schema]) => typeof schema === "object")).toHaveLength(1);
    expect(QUANTIZED_SEARCH.quantization).toEqual({ rescore: true, oversampling: 2 });
  });
});
