/**
 * The commented `cortex-mem.toml` that `cortex-mem init` writes. Every value shown is the default;
 * uncomment a line to change it. Environment variables (`CORTEX_MEM_*`, `OPENAI_API_KEY`) and
 * flags override the file.
 */
export const CONFIG_TEMPLATE = `# cortex-mem.toml — configuration of Cortex Memory (CLI, REST service, MCP server).
# Precedence: defaults < this file < environment variables < command-line flags.
# Check the result with \`cortex-mem config\` and \`cortex-mem doctor\`.

# Where data lives (the SQLite file is <home>/memories.db). Env: CORTEX_MEM_HOME
# home = "/home/you/.cortex-mem"

[store]
# "sqlite" (embedded, default) or "qdrant". Env: CORTEX_MEM_STORE
kind = "sqlite"
# path = "/var/lib/cortex-mem/memories.db"        # Env: CORTEX_MEM_DB_PATH

[llm]
# "none" = rule-based extraction, no network (default without an API key);
# "openai" = any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, LM Studio…).
# provider = "openai"                             # Env: CORTEX_MEM_LLM_PROVIDER
# base_url = "http://localhost:11434/v1"          # Env: CORTEX_MEM_LLM_BASE_URL or OPENAI_BASE_URL
# api_key = "sk-…"                                # Env: CORTEX_MEM_LLM_API_KEY or OPENAI_API_KEY (prefer env for secrets)
# model = "gpt-4o-mini"                           # Env: CORTEX_MEM_LLM_MODEL
# temperature = 0
# max_tokens = 2048
# timeout_ms = 60000
# max_retries = 3

[embedding]
# "local" = deterministic, offline, no model file (default without an API key); "openai" = OpenAI-compatible.
# Switching embedders later? Run \`cortex-mem reembed\`.
# provider = "openai"                             # Env: CORTEX_MEM_EMBEDDING_PROVIDER
# base_url = "http://localhost:11434/v1"          # Env: CORTEX_MEM_EMBEDDING_BASE_URL or OPENAI_BASE_URL
# api_key = "sk-…"                                # Env: CORTEX_MEM_EMBEDDING_API_KEY or OPENAI_API_KEY
# model = "text-embedding-3-small"                # Env: CORTEX_MEM_EMBEDDING_MODEL
# dimensions = 1536                               # Env: CORTEX_MEM_EMBEDDING_DIMENSIONS
# batch_size = 64
# timeout_ms = 30000

[memory]
# infer = true                  # extract facts with the LLM on add (Env: CORTEX_MEM_INFER)
# on_llm_error = "fail"         # or "store_raw": keep the raw text when the LLM fails
# duplicate_threshold = 0.95    # similarity above which a fact is a duplicate
# related_threshold = 0.6       # similarity above which the LLM decides ADD/UPDATE/SUPERSEDE
# search_limit = 10
# search_threshold = 0
# vector_weight = 0.5
# keyword_weight = 0.5
# importance_weight = 0.1
# recency_weight = 0.05
# recency_half_life_days = 30
# max_content_length = 32768

[server]
# host = "127.0.0.1"            # Env: CORTEX_MEM_HOST
# port = 3000                   # Env: CORTEX_MEM_PORT
# api_keys = ["a-long-secret"]  # Env: CORTEX_MEM_API_KEYS (key or key:user_id, comma-separated)
# cors_origins = []             # Env: CORTEX_MEM_CORS_ORIGINS

[logging]
# level = "info"                # debug, info, warn, error, silent. Env: CORTEX_MEM_LOG_LEVEL
`;
