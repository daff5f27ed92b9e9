import type { MemoryManager, ProbeResult } from "@cortex-mem/core";
import { PROBE_REASONS } from "@cortex-mem/core";
import * as z from "zod";

/** How one configured model answered a probe. */
export interface ModelStatus {
  role: "llm" | "embedding";
  provider: string;
  model: string | null;
  base_url: string | null;
  reachable: boolean;
  /** Why the probe failed (`unauthorized`, `unreachable`, `timeout`…); null when reachable. */
  reason: ProbeResult["reason"];
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
      reason: z
        .enum(PROBE_REASONS)
        .nullable()
        .describe("Why the probe failed: unauthorized, unreachable, timeout, rate_limited, bad_response, error"),
      latency_ms: z.number().nullable().describe("Round trip of the probe; null for providers without network"),
      error: z.strictObject({ code: z.string(), message: z.string() }).nullable(),
    }),
  ),
  checked_at: z.string(),
});

/** The wire form of one probe result of core's `probe()`. */
function toStatus(role: ModelStatus["role"], result: ProbeResult): ModelStatus {
  return {
    role,
    provider: result.provider,
    model: result.model,
    base_url: result.baseUrl,
    reachable: result.ok,
    reason: result.reason,
    latency_ms: result.latencyMs,
    error: result.error ? { code: result.error.code, message: result.error.message } : null,
  };
}

/**
 * Probes each configured model through core's `probe()` (the smallest real request of each network
 * provider; offline ones answer without one). The door only translates the result to the wire.
 */
export async function probeModels(memory: MemoryManager): Promise<ModelStatus[]> {
  const [llm, embedding] = await Promise.all([memory.probeLlm(), memory.probeEmbedder()]);
  return [toStatus("llm", llm), toStatus("embedding", embedding)];
}
