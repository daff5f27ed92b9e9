import type { CortexMemConfig, Embedder, ProbeReason, ProbeResult } from "@cortex-mem/core";
import { CortexMemError, ErrorCode, toCortexMemError } from "@cortex-mem/core";
import { createStore, storeLocation } from "@cortex-mem/core/store";
import { createEmbedder, createLlm, probeEmbedder, probeLlm } from "@cortex-mem/core/providers";

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

/** Runs `fn`; a throw becomes a failed check carrying the error's code and exit code. */
export async function check(name: string, fn: () => Promise<string>): Promise<CheckResult> {
  try {
    return { name, ok: true, detail: await fn() };
  } catch (error) {
    const e = toCortexMemError(error);
    return { name, ok: false, detail: e.message, code: e.code, exitCode: e.exitCode };
  }
}

/** One line from a probe result: provider, model, endpoint, latency or what it does offline. */
function describe(r: ProbeResult): string {
  const model = r.model ? ` ${r.model}` : "";
  const where = r.baseUrl ? ` at ${r.baseUrl}` : "";
  const how = r.latencyMs === null ? ` (${r.note ?? "offline"})` : ` answered in ${r.latencyMs} ms`;
  return `${r.provider}${model}${where}${how}`;
}

/**
 * A check answered by one of core's probes: a failed probe becomes a failed check with its error's
 * code and exit code and the probe's reason; a passed one is described, plus `more` (e.g. the size).
 */
export async function probeCheck(
  name: string,
  probe: () => Promise<ProbeResult>,
  more: () => Promise<string> = async () => "",
): Promise<CheckResult> {
  let result: ProbeResult | undefined;
  const line = await check(name, async () => {
    result = await probe();
    if (!result.ok)
      throw result.error ?? new CortexMemError(ErrorCode.INTERNAL, `${describe(result)}: ${result.reason ?? "failed"}`);
    return `${describe(result)}${await more()}`;
  });
  return !line.ok && result?.reason ? { ...line, reason: result.reason } : line;
}

/**
 * Builds the configured embedder and probes it (core's `probe()`: one real embedding for a network
 * provider), reporting its size; the embedder is returned only when it passed, for the store check.
 */
export async function checkEmbedding(
  config: CortexMemConfig,
): Promise<{ result: CheckResult; embedder: Embedder | undefined }> {
  let embedder: Embedder | undefined;
  const result = await probeCheck(
    "embedding",
    () => probeEmbedder((embedder = createEmbedder(config))),
    async () => `, ${await (embedder as Embedder).dimensions()} dimensions`,
  );
  return { result, embedder: result.ok ? embedder : undefined };
}

/** Probes the configured LLM (core's `probe()`: a one-line JSON answer; offline providers need none). */
export function checkLlm(config: CortexMemConfig): Promise<CheckResult> {
  return probeCheck("llm", () => probeLlm(createLlm(config)));
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
