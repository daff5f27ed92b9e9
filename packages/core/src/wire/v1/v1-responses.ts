import type { CortexMemError } from "../../errors.js";
import type { Memory, ScoredMemory } from "../../types/memory.js";

// Our results in Rust v1's response shapes (cortex-mem-service 1.0), for its clients
// (cortex-mem-insights, the TARS example) behind the service's `/v1` prefix.

/** v1 serialised memory types with a capital: `Conversational`. */
export const v1TypeName = (t: string): string => t.charAt(0).toUpperCase() + t.slice(1);

/** v1's `MemoryResponse`; entities and topics (which v1 left out) ride along inside metadata. */
export function memoryToV1(m: Memory): Record<string, unknown> {
  return {
    id: m.id,
    content: m.content,
    metadata: {
      user_id: m.userId ?? null,
      agent_id: m.agentId ?? null,
      run_id: m.runId ?? null,
      actor_id: m.actorId ?? null,
      role: m.role ?? null,
      memory_type: v1TypeName(m.memoryType),
      hash: m.hash,
      importance_score: m.importance,
      entities: m.entities,
      topics: m.topics,
      custom: m.metadata,
    },
    created_at: m.createdAt.toISOString(),
    updated_at: m.updatedAt.toISOString(),
  };
}

/** v1's `{message, id}` answer of writes. */
export const v1Message = (message: string, id: string): { message: string; id: string } => ({ message, id });

/** v1's list answer: `total` is the number returned. */
export function listToV1(memories: Memory[]): { memories: Record<string, unknown>[]; total: number } {
  return { memories: memories.map(memoryToV1), total: memories.length };
}

/** v1's search answer: `{memory, score}` items. */
export function searchToV1(hits: ScoredMemory[]): {
  results: { memory: Record<string, unknown>; score: number }[];
  total: number;
} {
  return { results: hits.map((h) => ({ memory: memoryToV1(h), score: h.score })), total: hits.length };
}

/** v1's `/health`: healthy when the store and the embedder answer. */
export function healthToV1(vectorStore: boolean, llmService: boolean, now = new Date()): Record<string, unknown> {
  return {
    status: vectorStore && llmService ? "healthy" : "unhealthy",
    vector_store: vectorStore,
    llm_service: llmService,
    timestamp: now.toISOString(),
  };
}

/** v1's `/llm/health-check`. */
export function llmHealthToV1(completion: boolean, embedding: boolean, now = new Date()): Record<string, unknown> {
  return { completion_model_available: completion, embedding_model_available: embedding, timestamp: now.toISOString() };
}

/** A probed model as v1's `ModelStatus`. */
export interface V1ModelProbe {
  available: boolean;
  model: string;
  provider: string;
  latencyMs?: number;
  error?: string;
}

/** v1's `/llm/status` (with our real provider and model names, where v1 had placeholders). */
export function llmStatusToV1(
  completion: V1ModelProbe,
  embedding: V1ModelProbe,
  now = new Date(),
): Record<string, unknown> {
  const status = (p: V1ModelProbe): Record<string, unknown> => ({
    available: p.available,
    provider: p.provider,
    model_name: p.model,
    latency_ms: p.latencyMs ?? null,
    error_message: p.error ?? null,
    last_check: now.toISOString(),
  });
  const overall = completion.available && embedding.available ? "healthy" : "unhealthy";
  return {
    overall_status: overall,
    completion_model: status(completion),
    embedding_model: status(embedding),
    timestamp: now.toISOString(),
  };
}

/** v1's error codes by our code, where v1 had one; otherwise the failing operation's code. */
const V1_CODES: Partial<Record<string, string>> = { NOT_FOUND: "MEMORY_NOT_FOUND" };

/**
 * v1's error body `{error, code}` (a string message and a code). Our code and details come along
 * as `cortex_code` / `details`, and the HTTP status stays ours (400 for bad input where v1 gave 500).
 */
export function errorToV1(
  error: CortexMemError,
  operationCode: string,
  notFoundCode?: string,
): Record<string, unknown> {
  const code = error.code === "NOT_FOUND" && notFoundCode ? notFoundCode : (V1_CODES[error.code] ?? operationCode);
  return {
    error: error.message,
    code,
    cortex_code: error.code,
    ...(error.details !== undefined ? { details: error.details } : {}),
  };
}
