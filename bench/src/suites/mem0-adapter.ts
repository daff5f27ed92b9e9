import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The slice of mem0's OSS `Memory` the benchmarks use. */
export interface Mem0Handle {
  add(content: string, userId: string, metadata?: Record<string, unknown>, infer?: boolean): Promise<unknown>;
  search(
    query: string,
    userId: string,
    limit: number,
  ): Promise<{ id: string; memory: string; metadata?: Record<string, unknown> }[]>;
  close(): Promise<void>;
}

/**
 * mem0 (`mem0ai@3.3.1`, OSS) configured as TOOLCHAIN.md says: LLM and embedder pointed at our
 * fake OpenAI-compatible server, in-memory vector store persisted to a temp SQLite file,
 * SQLite history, telemetry off. Loaded lazily: it is a bench-only dependency.
 */
export async function mem0Memory(baseURL: string, dimension: number, label: string): Promise<Mem0Handle> {
  process.env.MEM0_TELEMETRY = "false";
  const dir = mkdtempSync(join(tmpdir(), `mem0-${label}-`));
  const { Memory } = (await import("mem0ai/oss")) as unknown as { Memory: new (config: unknown) => Mem0Raw };
  const memory = new Memory({
    version: "v1.1",
    embedder: {
      provider: "openai",
      config: { apiKey: "bench", baseURL, model: "text-embedding-3-small", embeddingDims: dimension },
    },
    vectorStore: {
      provider: "memory",
      config: { collectionName: "bench", dimension, dbPath: join(dir, "vectors.db") },
    },
    llm: { provider: "openai", config: { apiKey: "bench", baseURL, model: "gpt-4o-mini" } },
    historyStore: { provider: "sqlite", config: { historyDbPath: join(dir, "history.db") } },
  });
  return {
    add: (content, userId, metadata, infer = false) =>
      memory.add(content, { userId, infer, ...(metadata ? { metadata } : {}) }),
    search: async (query, userId, limit) =>
      (await memory.search(query, { topK: limit, filters: { user_id: userId } })).results,
    close: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

interface Mem0Raw {
  add(messages: string, options: Record<string, unknown>): Promise<unknown>;
  search(
    query: string,
    options: Record<string, unknown>,
  ): Promise<{ results: { id: string; memory: string; metadata?: Record<string, unknown> }[] }>;
}
