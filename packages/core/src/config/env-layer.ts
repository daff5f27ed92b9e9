import { setPath } from "./config-file.js";

type Env = Record<string, string | undefined>;

/** Environment variables and the config key each one sets. */
export const ENV_KEYS: Readonly<Record<string, string>> = {
  CORTEX_MEM_HOME: "home",
  CORTEX_MEM_STORE: "store.kind",
  CORTEX_MEM_DB_PATH: "store.path",
  CORTEX_MEM_QDRANT_URL: "qdrant.url",
  CORTEX_MEM_QDRANT_API_KEY: "qdrant.apiKey",
  CORTEX_MEM_QDRANT_COLLECTION: "qdrant.collection",
  CORTEX_MEM_LLM_PROVIDER: "llm.provider",
  CORTEX_MEM_LLM_MODEL: "llm.model",
  CORTEX_MEM_LLM_BASE_URL: "llm.baseUrl",
  CORTEX_MEM_LLM_API_KEY: "llm.apiKey",
  CORTEX_MEM_EMBEDDING_PROVIDER: "embedding.provider",
  CORTEX_MEM_EMBEDDING_MODEL: "embedding.model",
  CORTEX_MEM_EMBEDDING_BASE_URL: "embedding.baseUrl",
  CORTEX_MEM_EMBEDDING_API_KEY: "embedding.apiKey",
  CORTEX_MEM_EMBEDDING_DIMENSIONS: "embedding.dimensions",
  CORTEX_MEM_INFER: "memory.infer",
  CORTEX_MEM_ON_LLM_ERROR: "memory.onLlmError",
  CORTEX_MEM_HOST: "server.host",
  CORTEX_MEM_PORT: "server.port",
  CORTEX_MEM_API_KEYS: "server.apiKeys",
  CORTEX_MEM_CORS_ORIGINS: "server.corsOrigins",
  CORTEX_MEM_ALLOWED_HOSTS: "server.allowedHosts",
  CORTEX_MEM_WORKERS: "server.workers",
  CORTEX_MEM_LOG_LEVEL: "logging.level",
};

/** Generic variables that fill several keys, below the specific `CORTEX_MEM_*` ones. */
export const SHARED_ENV_KEYS: Readonly<Record<string, readonly string[]>> = {
  OPENAI_API_KEY: ["llm.apiKey", "embedding.apiKey"],
  OPENAI_BASE_URL: ["llm.baseUrl", "embedding.baseUrl"],
};

const LISTS = new Set(["server.apiKeys", "server.corsOrigins", "server.allowedHosts"]);

/** `key` or `key:user_id` items, comma-separated, as `CORTEX_MEM_API_KEYS` carries them. */
function parseList(path: string, value: string): unknown[] {
  const items = value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (path !== "server.apiKeys") return items;
  return items.map((item) => {
    const at = item.indexOf(":");
    return at < 0 ? item : { key: item.slice(0, at), userId: item.slice(at + 1) };
  });
}

/**
 * Builds the environment layer. The generic `OPENAI_API_KEY` / `OPENAI_BASE_URL` fill both the
 * LLM and the embedder, below the specific `CORTEX_MEM_*` variables.
 */
export function envLayer(env: Env): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, paths] of Object.entries(SHARED_ENV_KEYS)) {
    const value = env[name]?.trim();
    if (value) paths.forEach((p) => setPath(out, p, value));
  }
  for (const [name, path] of Object.entries(ENV_KEYS)) {
    const value = env[name]?.trim();
    if (!value) continue;
    setPath(out, path, LISTS.has(path) ? parseList(path, value) : value);
  }
  const infer = env.CORTEX_MEM_INFER?.trim().toLowerCase();
  // Anything but a yes or a no stays a string, so the schema refuses it (`CORTEX_MEM_INFER=maybe`) instead of reading "yes".
  if (infer) {
    const yes = ["1", "true", "yes", "on"].includes(infer);
    const no = ["0", "false", "no", "off"].includes(infer);
    setPath(out, "memory.infer", yes || no ? yes : infer);
  }
  return out;
}
