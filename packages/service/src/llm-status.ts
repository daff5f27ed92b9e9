import type { CortexMemConfig, MemoryManager } from "@cortex-mem/core";
import { toCortexMemError } from "@cortex-mem/core";
import { z } from "zod";

/** How one configured model answered a probe. */
export interface ModelStatus {
  role: "llm" | "embedding";
  provider: string;
  model: string | null;
  base_url: string | null;
  reachable: boolean;
  latency_ms: number | null;
  error: { code: string; message: string } | null;
}

/** The report of `GET /llm/status`. */
export const llmStatusResponse = z.strictObject({
  status: z.enum(["ok", "degraded"]),
  models: z.array(
    z.strictObject({
      role: z.enum(["llm", "embedding"]),
      provider: z.string(),
      model: z.string().nullable(),
      base_url: z.string().nullable(),
      reachable: z.boolean(),
      latency_ms: z.number().nullable().describe("Round trip of the probe; null for providers without network"),
      error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  checked_at: z.string(),
});

const DEFAULT_BASE_URL = "https://api.openai.com/v1";
const PROBE_TIMEOUT_MS = 10_000;

async function timed(
  role: ModelStatus["role"],
  base: Omit<ModelStatus, "role" | "reachable" | "latency_ms" | "error">,
  probe: (signal: AbortSignal) => Promise<unknown>,
): Promise<ModelStatus> {
  const started = performance.now();
  try {
    await probe(AbortSignal.timeout(PROBE_TIMEOUT_MS));
    return { role, ...base, reachable: true, latency_ms: Math.round(performance.now() - started), error: null };
  } catch (error) {
    const e = toCortexMemError(error);
    return {
      role,
      ...base,
      reachable: false,
      latency_ms: Math.round(performance.now() - started),
      error: { code: e.code, message: e.message },
    };
  }
}

const offline = (role: ModelStatus["role"], provider: string, model: string | null): ModelStatus => ({
  role,
  provider,
  model,
  base_url: null,
  reachable: true,
  latency_ms: null,
  error: null,
});

/**
 * Probes each configured model with the smallest real request (a one-word embedding, a one-line
 * JSON completion) through the engine's own clients. `none` and `local` need no network and are
 * reported reachable without a call.
 */
export async function probeModels(memory: MemoryManager, config: CortexMemConfig): Promise<ModelStatus[]> {
  const { llm, embedding } = config;
  const llmStatus =
    llm.provider === "openai"
      ? timed("llm", { provider: "openai", model: llm.model, base_url: llm.baseUrl ?? DEFAULT_BASE_URL }, (signal) =>
          memory.pingLlm(signal),
        )
      : Promise.resolve(offline("llm", llm.provider, null));
  const embeddingStatus =
    embedding.provider === "openai"
      ? timed(
          "embedding",
          { provider: "openai", model: embedding.model, base_url: embedding.baseUrl ?? DEFAULT_BASE_URL },
          (signal) => memory.pingEmbedder(signal),
        )
      : Promise.resolve(offline("embedding", embedding.provider, memory.embedderId));
  return Promise.all([llmStatus, embeddingStatus]);
}
