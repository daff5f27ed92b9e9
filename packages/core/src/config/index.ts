/**
 * `@cortex-mem/core/config`: the config's schema, environment keys, generated reference and
 * template, and the explanations doors print. `loadConfig` and the config type are in the root.
 */
export { configSchema, jobsConfigSchema, usageConfigSchema, MIN_API_KEY_LENGTH } from "./schema.js";
export { ENV_KEYS } from "./env-layer.js";
export { explainEmbedderSwitch } from "./embedder-switch.js";
export { configTemplate, configReference } from "./config-reference.js";
