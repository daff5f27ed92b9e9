/**
 * `@cortex-mem/core/providers`: the embedder and LLM implementations and the factories that build
 * the ones the config names. The `Embedder` and `Llm` ports are exported from the root.
 */
export { createEmbedder, createLlm } from "../create-memory.js";
export { dot, normalize } from "../embedder/embedder.js";
export { LocalEmbedder, localEmbedding, LOCAL_EMBEDDING_DIMENSIONS } from "../embedder/local-embedder.js";
export { OpenAIEmbedder } from "../embedder/openai-embedder.js";
export type { OpenAIEmbedderOptions } from "../embedder/openai-embedder.js";
export { NoneLlm } from "../llm/none-llm.js";
export { OpenAILlm } from "../llm/openai-llm.js";
export type { OpenAILlmOptions } from "../llm/openai-llm.js";
export { parseLooseJson } from "../llm/json-repair.js";
export { PortRegistry } from "./port-registry.js";
export { embedderRegistry, llmRegistry, storeRegistry } from "./registries.js";
export { PORT_CONFIG_KEYS, checkPortName, registeredNames } from "./provider-names.js";
export { offlineProbe, probeEmbedder, probeLlm, probeReason, timedProbe, PROBE_TIMEOUT_MS } from "./probe.js";
export type { ProbeTarget } from "./probe.js";
