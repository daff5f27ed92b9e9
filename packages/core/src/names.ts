/**
 * `@cortex-mem/core/names`: the built-in store, embedder and LLM names and the config keys that
 * choose them, importable without loading the rest of core (the CLI's help lists them).
 */
export { BUILTIN_PROVIDERS, PORT_CONFIG_KEYS } from "./providers/builtin-providers.js";
export type { PortKind } from "./providers/builtin-providers.js";
