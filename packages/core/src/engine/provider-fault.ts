import { isCortexMemError } from "../errors.js";

/** Which model endpoint a failure came from. */
export type ProviderKind = "llm" | "embedding";

const TRANSIENT = new Set(["TIMEOUT", "RATE_LIMITED"]);

/**
 * The endpoint a provider failure came from, or undefined when `error` is no provider failure.
 * `LLM` and `EMBEDDING` name it by their code; `TIMEOUT` and `RATE_LIMITED` carry it in
 * `details.provider` (set by `translateOpenAIError`).
 */
export function providerOf(error: unknown): ProviderKind | undefined {
  if (!isCortexMemError(error)) return undefined;
  if (error.code === "LLM") return "llm";
  if (error.code === "EMBEDDING") return "embedding";
  if (!TRANSIENT.has(error.code)) return undefined;
  const provider = (error.details as { provider?: unknown } | undefined)?.provider;
  return provider === "llm" || provider === "embedding" ? provider : undefined;
}

/**
 * The metadata key that marks memories stored raw under `memory.on_llm_error = "store_raw"`:
 * `llm_error` after an LLM failure, `embedding_error` after an embedding failure (async adds only:
 * a synchronous add fails on an embedding failure, since storing raw needs an embedding too).
 */
export function rawLabel(provider: ProviderKind): "llm_error" | "embedding_error" {
  return provider === "llm" ? "llm_error" : "embedding_error";
}
