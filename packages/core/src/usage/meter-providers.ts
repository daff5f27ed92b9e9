import { join } from "node:path";
import type { CortexMemConfig } from "../config/schema.js";
import type { Embedder } from "../embedder/embedder.js";
import type { Llm } from "../llm/llm.js";
import type { MemoryStore } from "../store/memory-store.js";
import { SqliteStore } from "../store/sqlite-store.js";
import { MeteredEmbedder } from "./metered-embedder.js";
import { MeteredLlm } from "./metered-llm.js";
import { SqliteUsageLedger } from "./sqlite-usage-ledger.js";
import type { UsageLedger } from "./usage-ledger.js";

/**
 * The usage ledger for a store (unless `usage.enabled = false`): the `token_usage` table in the
 * SQLite store's own file, else in `jobs.db` in the home directory (beside a Qdrant deployment).
 */
export function createUsageLedger(config: CortexMemConfig, store: MemoryStore): UsageLedger | undefined {
  if (!config.usage.enabled) return undefined;
  const path = store instanceof SqliteStore ? store.path : join(config.home, "jobs.db");
  return new SqliteUsageLedger({ path, flushMs: config.usage.flushMs });
}

/** The LLM and embedder, each wrapped to record its calls in `ledger` (as given when there is none). */
export function meterProviders(
  providers: { llm: Llm; embedder: Embedder },
  ledger: UsageLedger | undefined,
): { llm: Llm; embedder: Embedder } {
  if (!ledger) return providers;
  return { llm: new MeteredLlm(providers.llm, ledger), embedder: new MeteredEmbedder(providers.embedder, ledger) };
}
