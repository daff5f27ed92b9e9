import type { MemoryManager, StoreProbeResult } from "@cortex-mem/core";
import { PROBE_REASONS } from "@cortex-mem/core";
import * as z from "zod";

/** The store part of `GET /health`: core's store probe on the wire; where it lives only with `deep=true`. */
export const storeStatusResponse = z.strictObject({
  kind: z.string(),
  reachable: z.boolean(),
  reason: z
    .enum(PROBE_REASONS)
    .nullable()
    .describe(
      "Why the store failed its probe: unreadable, read_only, incompatible, unreachable, unauthorized, timeout…",
    ),
  latency_ms: z.number().nullable().describe("Time the store's probe took"),
  error: z.strictObject({ code: z.string(), message: z.string() }).optional(),
  location: z.string().optional().describe("deep=true: the SQLite file or the Qdrant collection"),
  base_url: z.string().nullable().optional().describe("deep=true: the store's server; null for a file"),
  schema_version: z.number().nullable().optional().describe("deep=true: the on-disk layout version (SQLite)"),
  writable: z.boolean().nullable().optional().describe("deep=true: the store accepts writes"),
  memories: z.number().nullable().optional().describe("deep=true: memories in every scope"),
});

/** One `/health` store report. */
export type StoreStatus = z.output<typeof storeStatusResponse>;

/** The wire form of core's store probe; `deep` adds where the store lives and what it holds. */
export function toStoreStatus(result: StoreProbeResult, deep: boolean): StoreStatus {
  return {
    kind: result.provider,
    reachable: result.ok,
    reason: result.reason,
    latency_ms: result.latencyMs,
    ...(result.error ? { error: { code: result.error.code, message: result.error.message } } : {}),
    ...(deep
      ? {
          location: result.location,
          base_url: result.baseUrl,
          schema_version: result.state.schemaVersion,
          writable: result.state.writable,
          memories: result.state.memories,
        }
      : {}),
  };
}

/** Probes the store through core (the door only translates the result). */
export async function probeStoreStatus(memory: MemoryManager, deep: boolean): Promise<StoreStatus> {
  return toStoreStatus(await memory.probeStore(), deep);
}
