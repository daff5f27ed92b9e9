/**
 * `@cortex-mem/core/store`: the store implementations (SQLite, Qdrant) and the factory that builds
 * the one the config names. The `MemoryStore` port itself is exported from the root.
 */
export { createStore, probeConfiguredStore } from "../create-memory.js";
export {
  failedStoreProbe,
  probeStore,
  runStoreProbe,
  storeProbeReason,
  STORE_PROBE_TIMEOUT_MS,
} from "./store-probe.js";
export type { StoreProbeTarget } from "./store-probe.js";
export { sqlitePath, storeLocation } from "../providers/registries.js";
export { SqliteStore } from "./sqlite-store.js";
export type { SqliteStoreOptions } from "./sqlite-store.js";
export { QdrantStore } from "./qdrant-store.js";
export type { QdrantStoreOptions } from "./qdrant-store.js";
export { memoryVersion } from "../types/version.js";
export { contentHash, normalizeContent } from "../util/text.js";
