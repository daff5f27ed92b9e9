import { CortexMemError, ErrorCode } from "../errors.js";
import type { LoadedConfig } from "./load-config.js";

interface MismatchDetails {
  stored: { dimensions?: number; embedder?: string };
  configured: { dimensions: number; embedder: string };
}

const isMismatch = (details: unknown): details is MismatchDetails => {
  const d = details as Partial<MismatchDetails> | undefined;
  return typeof d?.stored === "object" && d.stored !== null && typeof d.configured?.embedder === "string";
};

/** The `embedding.provider` that gives the store's embedder, from its id (`local-hash-v2:384`, `openai:…`). */
const providerOf = (embedderId: string | undefined): "local" | "openai" | undefined =>
  embedderId?.startsWith("local") ? "local" : embedderId?.startsWith("openai") ? "openai" : undefined;

/**
 * Explains a store-embedder mismatch (`CONFIG` with `details.stored`) that the user did not ask
 * for: when `embedding.provider` is not set, it follows the API key, so setting `OPENAI_API_KEY`
 * for LLM extraction also switches the embedder. The returned error says so and gives the one
 * command that keeps the store's embedder (and `cortex-mem reembed` to move instead). Any other
 * error, or a provider chosen on purpose, is returned unchanged.
 */
export function explainEmbedderSwitch(error: unknown, loaded: LoadedConfig): unknown {
  if (!(error instanceof CortexMemError) || error.code !== ErrorCode.CONFIG || !isMismatch(error.details)) return error;
  if (loaded.sources["embedding.provider"] !== "default") return error;
  const keep = providerOf(error.details.stored.embedder);
  const now = loaded.config.embedding.provider;
  if (!keep || keep === now) return error;
  const why =
    now === "openai"
      ? "an API key is set (OPENAI_API_KEY or embedding.apiKey) and embedding.provider is not, so the embedder switched to OpenAI along with the LLM"
      : "no embedding API key is set (OPENAI_API_KEY or embedding.apiKey) and embedding.provider is not, so the embedder fell back to the local one";
  const message =
    `The store holds vectors from embedder "${error.details.stored.embedder ?? "unknown"}", but ${why} ` +
    `("${error.details.configured.embedder}"). To keep the store's embedder, run: export CORTEX_MEM_EMBEDDING_PROVIDER=${keep} ` +
    `(or set embedding.provider = "${keep}" in the config). To move the store to the new embedder instead, run: cortex-mem reembed`;
  return new CortexMemError(ErrorCode.CONFIG, message, {
    details: { ...error.details, fix: `export CORTEX_MEM_EMBEDDING_PROVIDER=${keep}` },
    cause: error,
  });
}
