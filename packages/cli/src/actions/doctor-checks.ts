import type { CortexMemConfig, Embedder, ProbeReason, ProbeResult } from "@cortex-mem/core";
import { toCortexMemError } from "@cortex-mem/core";
import { createStore, storeLocation } from "@cortex-mem/core/store";
import { createLlm, probeEmbedder, probeLlm } from "@cortex-mem/core/providers";

/** The outcome of one check: a name, ok or not, and one line saying what was found or what is wrong. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  code?: string;
  exitCode?: number;
  /** Why a provider probe failed (`unauthorized`, `unreachable`, `timeout`…). */
  reason?: ProbeReason;
}

/** Runs `fn`; a throw becomes a failed check carrying the error's code, exit code and probe reason. */
export async function check(name: string, fn: () => Promise<string>): Promise<CheckResult> {
  try {
    return { name, ok: true, detail: await fn() };
  } catch (error) {
    const e = toCortexMemError(error);
    const reason = (error as { probeReason?: ProbeReason | null }).probeReason;
    return { name, ok: false, detail: e.message, code: e.code, exitCode: e.exitCode, ...(reason ? { reason } : {}) };
  }
}

/** A failed probe: its error (code and exit code), and the reason kept for the JSON report. */
class ProbeFailure extends Error {}

/** One line from a probe result: provider, model, endpoint, latency or what it does offline. */
function describe(r: ProbeResult): string {
  const model = r.model ? ` ${r.model}` : "";
  const where = r.baseUrl ? ` at ${r.baseUrl}` : "";
  const how = r.latencyMs === null ? ` (${r.note ?? "offline"})` : ` answered in ${r.latencyMs} ms`;
  return `${r.provider}${model}${where}${how}`;
}

/** The probe's error (or a plain one), tagged with the probe's reason. */
function failure(r: ProbeResult): Error {
  const error = r.error ?? new ProbeFailure(`${describe(r)}: ${r.reason ?? "failed"}`);
  return Object.assign(error, { probeReason: r.reason });
}

/** Probes the embedder (core's `probe()`: one real embedding for a network provider) and reports its size. */
export async function checkEmbedding(embedder: Embedder): Promise<string> {
  const result = await probeEmbedder(embedder);
  if (!result.ok) throw failure(result);
  return `${describe(result)}, ${await embedder.dimensions()} dimensions`;
}

/** Probes the configured LLM (core's `probe()`: a one-line JSON answer; offline providers need none). */
export async function checkLlm(config: CortexMemConfig): Promise<string> {
  const result = await probeLlm(createLlm(config));
  if (!result.ok) throw failure(result);
  return describe(result);
}

/** Opens the store, checks it accepts the embedder's vectors, and counts memories. */
export async function checkStore(config: CortexMemConfig, embedder: Embedder | undefined): Promise<string> {
  const store = createStore(config);
  try {
    if (embedder) await store.init({ dimensions: await embedder.dimensions(), embedder: embedder.id });
    const n = await store.count();
    return `${store.kind} at ${storeLocation(config)}, ${n} memories${embedder ? "" : " (vectors not checked: the embedder failed)"}`;
  } finally {
    await store.close();
  }
}
