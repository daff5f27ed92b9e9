import * as z from "zod";
import type { Embedder } from "../embedder/embedder.js";
import { ErrorCode, toCortexMemError } from "../errors.js";
import type { CortexMemError } from "../errors.js";
import type { JsonCompletionRequest, Llm } from "../llm/llm.js";

/**
 * Why a probe failed, by kind: what the user has to fix differs for each. The store's own:
 * `unreadable` (cannot be opened, not a database), `read_only`, `incompatible` (a newer layout, or
 * vectors of another embedder).
 */
export const PROBE_REASONS = [
  "unauthorized",
  "unreachable",
  "timeout",
  "rate_limited",
  "bad_response",
  "unreadable",
  "read_only",
  "incompatible",
  "error",
] as const;

/** One of {@link PROBE_REASONS}. */
export type ProbeReason = (typeof PROBE_REASONS)[number];

/** What a port's `probe()` found: reachable and authorised or not, why not, how fast, which model. */
export interface ProbeResult {
  ok: boolean;
  /** Why it failed; null when ok. */
  reason: ProbeReason | null;
  /** The provider or store name (`openai`, `local`, `sqlite`…). */
  provider: string;
  /** The model asked; null when there is none (stores: see `StoreProbeResult.location`). */
  model: string | null;
  /** The endpoint called, with the provider's default filled in; null for offline providers. */
  baseUrl: string | null;
  /** Round trip of the probe request; null when no request was made (offline providers). */
  latencyMs: number | null;
  /** A word for people about an offline provider (what it does instead), when there is one. */
  note?: string;
  /** The error the probe ran into (its code decides the CLI exit code); null when ok. */
  error: CortexMemError | null;
}

/** What a probe reports besides its outcome. */
export type ProbeTarget = Pick<ProbeResult, "provider" | "model" | "baseUrl">;

/** How long a probe waits at most when the caller gives no signal. */
export const PROBE_TIMEOUT_MS = 10_000;

function causeOf(error: CortexMemError): { name: string; status: number | undefined } {
  type Cause = { constructor?: { name?: string }; status?: unknown } | undefined;
  const cause = (error as { cause?: unknown }).cause as Cause;
  return { name: cause?.constructor?.name ?? "", status: typeof cause?.status === "number" ? cause.status : undefined };
}

/** The reason a provider call failed, from its error code and the transport error it wraps. */
export function probeReason(error: CortexMemError): ProbeReason {
  if (error.code === ErrorCode.TIMEOUT) return "timeout";
  if (error.code === ErrorCode.RATE_LIMITED) return "rate_limited";
  const { name, status } = causeOf(error);
  if (status === 401 || status === 403 || error.code === ErrorCode.UNAUTHORIZED) return "unauthorized";
  if (name === "APIConnectionError" || name === "FetchError" || /ECONNREFUSED|ENOTFOUND/.test(error.message))
    return "unreachable";
  if (error.code === ErrorCode.LLM || error.code === ErrorCode.EMBEDDING) return status ? "error" : "bad_response";
  return "error";
}

/** A probe of a provider that needs no network: always ok, no latency. */
export function offlineProbe(target: ProbeTarget, note?: string): ProbeResult {
  return { ok: true, reason: null, ...target, latencyMs: null, ...(note ? { note } : {}), error: null };
}

/**
 * Runs the smallest real request of a provider and times it: ok, or the reason and the error. Never
 * throws; a caller without a signal gets {@link PROBE_TIMEOUT_MS}.
 */
export async function timedProbe(
  target: ProbeTarget,
  request: (signal: AbortSignal) => Promise<unknown>,
  signal?: AbortSignal,
): Promise<ProbeResult> {
  const started = performance.now();
  const latency = (): number => Math.round(performance.now() - started);
  try {
    await request(signal ?? AbortSignal.timeout(PROBE_TIMEOUT_MS));
    return { ok: true, reason: null, ...target, latencyMs: latency(), error: null };
  } catch (error) {
    const e = toCortexMemError(error);
    return { ok: false, reason: probeReason(e), ...target, latencyMs: latency(), error: e };
  }
}

/** The smallest structured request an LLM can answer (task `status probe`, counted as a probe in usage). */
export function jsonProbeRequest(signal?: AbortSignal): JsonCompletionRequest<Record<string, unknown>> {
  return {
    system: 'Health check: answer with the JSON object {"ok": true}.',
    user: "ping",
    schema: z.object({}).loose(),
    task: "status probe",
    ...(signal ? { signal } : {}),
  };
}

/** The provider part of an id (`openai:gpt-4o-mini` → `openai`), for implementations without a probe. */
const providerOfId = (id: string): string => id.split(":")[0] ?? id;

/** Probes an embedder: its own `probe()`, else one real one-word embedding. */
export function probeEmbedder(embedder: Embedder, signal?: AbortSignal): Promise<ProbeResult> {
  if (embedder.probe) return embedder.probe(signal);
  const target = { provider: providerOfId(embedder.id), model: embedder.id, baseUrl: null };
  return timedProbe(target, (s) => embedder.embed(["ping"], s), signal);
}

/** Probes an LLM: its own `probe()`, else a one-line JSON answer (an unavailable LLM is offline). */
export function probeLlm(llm: Llm, signal?: AbortSignal): Promise<ProbeResult> {
  if (llm.probe) return llm.probe(signal);
  const target = { provider: providerOfId(llm.id), model: llm.id, baseUrl: null };
  if (!llm.available) return Promise.resolve(offlineProbe(target));
  return timedProbe(target, (s) => llm.completeJson(jsonProbeRequest(s)), signal);
}
