/**
 * Keys of other configurations (the Rust version's `config.toml`) that a file may use, by section
 * and by their name in the file. Each alias either sets one of our keys (`to`, a dotted camelCase
 * path, with an optional value conversion) or is accepted without effect (`to: null`); either may
 * carry a warning that {@link loadConfig} returns with the config. New compatibility keys are one
 * entry here; nothing else in the loader changes.
 */
export interface ConfigAlias {
  /** The key it sets, e.g. `"qdrant.timeoutMs"`; `null` = accepted and ignored (a warning says so). */
  to: string | null;
  /** Converts the file's value into ours (units, shapes); the result is validated like any value. */
  convert?: (value: unknown) => unknown;
  /** Told to the user whenever the key is used (required when `to` is null). */
  warning?: string;
  /** For the reference (docs/CONFIG.md): what the conversion does. */
  note?: string;
}

/** Seconds in the Rust version's files, milliseconds in ours. */
const secondsToMs = (value: unknown): unknown => (typeof value === "number" ? value * 1000 : value);

const v1Unused = (what: string): ConfigAlias => ({
  to: null,
  warning: `a Cortex Memory v1 key that has no effect here (${what}); it is ignored`,
});

/** The Rust version's keys that mean one of ours, or that it had and we accept without effect. */
export const FILE_ALIASES: Readonly<Record<string, Readonly<Record<string, ConfigAlias>>>> = {
  qdrant: {
    collection_name: { to: "qdrant.collection" },
    embedding_dim: { to: "embedding.dimensions" },
    timeout_secs: { to: "qdrant.timeoutMs", convert: secondsToMs, note: "seconds, × 1000" },
  },
  llm: {
    api_base_url: { to: "llm.baseUrl" },
    model_efficient: { to: "llm.model" },
  },
  embedding: {
    api_base_url: { to: "embedding.baseUrl" },
    model_name: { to: "embedding.model" },
    timeout_secs: { to: "embedding.timeoutMs", convert: secondsToMs, note: "seconds, × 1000" },
  },
  memory: {
    max_search_results: { to: "memory.searchLimit" },
    search_similarity_threshold: { to: "memory.searchThreshold" },
    merge_threshold: { to: "memory.duplicateThreshold" },
    similarity_threshold: { to: "memory.relatedThreshold" },
    max_memories: v1Unused("no memory cap"),
    memory_ttl_hours: v1Unused("no expiry yet"),
    auto_summary_threshold: v1Unused("no summaries"),
    auto_enhance: v1Unused("use memory.infer"),
    deduplicate: v1Unused("exact duplicates are always dropped"),
  },
  logging: {
    enabled: v1Unused("the doors always log to stderr at logging.level"),
    log_directory: v1Unused("the doors log to stderr"),
  },
};
