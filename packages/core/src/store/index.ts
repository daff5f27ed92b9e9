/**
 * `@cortex-mem/core/store`: the store implementations (SQLite, Qdrant) and the factory that builds
 * the one the config names. The `MemoryStore` port itself is exported from the root.
 */
export { createStore } from "../create-memory.js";
export { sqlitePath, storeLocation } from "../providers/registries.js";
export { SqliteStore } from "./sqlite-store.js";
export type { SqliteStoreOptions } from "./sqlite-store.js";
export { QdrantStore } from "./qdrant-store.js";
export type { QdrantStoreOptions } from "./qdrant-store.js";
export { memoryVersion } from "../types/version.js";
export { contentHash, normalizeContent } from "../util/text.js";
