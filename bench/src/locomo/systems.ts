import type { SystemUnderTest } from "./rest-run.js";

/**
 * The offline default, which is BM25 alone (vector weight 0 with the local embedder): the row every
 * other system must never fall below.
 */
export const OFFLINE_DEFAULT: SystemUnderTest = { name: "keyword only (offline default)", toml: "" };
/** The local lexical embedder fused with BM25 (0.3 / 0.7, the former default), for the cost and worth of its vectors. */
export const LOCAL_HYBRID: SystemUnderTest = {
  name: "local vectors 0.3/0.7",
  toml: "[memory]\nvector_weight = 0.3\nkeyword_weight = 0.7\n",
};
/**
 * The local lexical embedder as a small bonus on BM25 (0.05 / 0.95): the largest vector weight that
 * was never below keyword only in any category of either mode on conversations 0–2
 * (docs/BENCHMARKS.md, "What changed"); the weight to use with the local embedder if vectors are wanted.
 */
export const LOCAL_BONUS: SystemUnderTest = {
  name: "local vectors 0.05/0.95",
  toml: "[memory]\nvector_weight = 0.05\nkeyword_weight = 0.95\n",
};

/**
 * A real embedding model from any OpenAI-compatible endpoint, when the environment names one:
 * `CORTEX_BENCH_EMBEDDING_BASE_URL` (required), `CORTEX_BENCH_EMBEDDING_MODEL`,
 * `CORTEX_BENCH_EMBEDDING_API_KEY`, `CORTEX_BENCH_EMBEDDING_DIMENSIONS`. The service then uses
 * its model-mode weights. Returns the reason instead when none is set.
 */
export function endpointSystem(env: NodeJS.ProcessEnv = process.env): SystemUnderTest | { skipped: string } {
  const baseUrl = env.CORTEX_BENCH_EMBEDDING_BASE_URL;
  if (!baseUrl)
    return { skipped: "no CORTEX_BENCH_EMBEDDING_BASE_URL set (an OpenAI-compatible /v1 endpoint serving embeddings)" };
  const model = env.CORTEX_BENCH_EMBEDDING_MODEL ?? "text-embedding-3-small";
  return {
    name: `model ${model}`,
    toml: "",
    env: {
      CORTEX_MEM_EMBEDDING_PROVIDER: "openai",
      CORTEX_MEM_EMBEDDING_BASE_URL: baseUrl,
      CORTEX_MEM_EMBEDDING_MODEL: model,
      CORTEX_MEM_EMBEDDING_API_KEY: env.CORTEX_BENCH_EMBEDDING_API_KEY ?? "bench",
      ...(env.CORTEX_BENCH_EMBEDDING_DIMENSIONS
        ? { CORTEX_MEM_EMBEDDING_DIMENSIONS: env.CORTEX_BENCH_EMBEDDING_DIMENSIONS }
        : {}),
    },
  };
}
