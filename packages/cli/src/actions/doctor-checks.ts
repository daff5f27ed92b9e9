import type {
  CortexMemConfig,
  Embedder,
  ProbeReason,
  ProbeResult,
  StoreProbeResult,
  StoreProbeState,
} from "@cortex-mem/core";
import { CortexMemError, ErrorCode, toCortexMemError } from "@cortex-mem/core";
import { probeConfiguredStore } from "@cortex-mem/core/store";
import { createEmbedder, createLlm, probeEmbedder, probeLlm } from "@cortex-mem/core/providers";

/** The outcome of one check: a name, ok or not, and one line saying what was found or what is wrong. */
export interface CheckResult {
  name: string;
  ok: boolean;
  detail: string;
  code?: string;
  exitCode?: number;
  /** Why a probe failed (`unauthorized`, `unreachable`, `timeout`, the store's `unreadable`…). */
  reason?: ProbeReason;
  /** The store check: what core's store probe found (exists, schema version, writable, memories). */
  state?: StoreProbeState;
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

/** One line from a provider's probe result: provider, model, endpoint, latency or what it does offline. */
function describeProvider(r: ProbeResult): string {
  const model = r.model ? ` ${r.model}` : "";
  const where = r.baseUrl ? ` at ${r.baseUrl}` : "";
  const how = r.latencyMs === null ? ` (${r.note ?? "offline"})` : ` answered in ${r.latencyMs} ms`;
  return `${r.provider}${model}${where}${how}`;
}

/**
 * A check answered by one of core's probes: a failed probe becomes a failed check with its error's
 * code and exit code and the probe's reason; a passed one is described, plus `more` (e.g. the size).
 */
export async function probeCheck<R extends ProbeResult>(
  name: string,
  probe: () => Promise<R>,
  more: () => Promise<string> = async () => "",
  describe: (r: R) => string = describeProvider,
): Promise<CheckResult> {
  let result: R | undefined;
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

/** One line from the store's probe: kind, where, layout version, writable, memories, and its note. */
function describeStore(r: StoreProbeResult): string {
  const where = r.baseUrl ? `${r.baseUrl}, collection ${r.location}` : r.location;
  const { schemaVersion, writable, memories } = r.state;
  const parts = [
    schemaVersion === null ? "" : `schema ${schemaVersion}`,
    writable ? "writable" : "",
    memories === null ? "" : `${memories} memories`,
  ].filter(Boolean);
  return `${r.provider} at ${where}${parts.length ? `, ${parts.join(", ")}` : ""}${r.note ? ` (${r.note})` : ""}`;
}

/**
 * Probes the configured store through core (opens, layout, writable, and with a working embedder
 * that it holds this embedder's vectors), changing nothing. `explain` rewrites the store's error
 * for people (an embedder switched by an API key).
 */
export async function checkStore(
  config: CortexMemConfig,
  embedder: Embedder | undefined,
  explain: (error: unknown) => unknown = (e) => e,
): Promise<CheckResult> {
  const expect = embedder ? { dimensions: await embedder.dimensions(), embedder: embedder.id } : undefined;
  let state: StoreProbeState | undefined;
  const result = await probeCheck(
    "store",
    async () => {
      const r = await probeConfiguredStore(config, expect ? { expect } : {});
      state = r.state;
      return r.error ? { ...r, error: toCortexMemError(explain(r.error)) } : r;
    },
    async () => (embedder ? "" : " (vectors not checked: the embedder failed)"),
    describeStore,
  );
  return state ? { ...result, state } : result;
}
