/**
 * The names core implements itself, defined once, with no imports so the CLI can list them in its
 * help without loading core (`@cortex-mem/core/names`). The config schema, the registries and the
 * docs use these; library users add their own with `registerStore` / `registerEmbedder` / `registerLlm`.
 */
export const BUILTIN_PROVIDERS = {
  store: ["sqlite", "qdrant"],
  embedding: ["local", "openai"],
  llm: ["none", "openai"],
} as const;

/** The three ports chosen by name in the config. */
export type PortKind = "store" | "embedding" | "llm";

/** The config key that names each port's implementation. */
export const PORT_CONFIG_KEYS: Record<PortKind, string> = {
  store: "store.kind",
  embedding: "embedding.provider",
  llm: "llm.provider",
};
