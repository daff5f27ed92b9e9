/**
 * `@cortex-mem/core/usage`: token accounting — the SQLite ledger, the metering wrappers of the
 * embedder and LLM ports, the per-call context and the report. The `UsageLedger` port and the
 * usage types are exported from the root; the wire mapping from `@cortex-mem/core/wire`.
 */
export { SqliteUsageLedger } from "./sqlite-usage-ledger.js";
export type { SqliteUsageLedgerOptions } from "./sqlite-usage-ledger.js";
export { MeteredEmbedder, embedOperation } from "./metered-embedder.js";
export { MeteredLlm, llmOperation } from "./metered-llm.js";
export { createUsageLedger, meterProviders } from "./meter-providers.js";
export { reportProviderUsage, usagePhase, withUsageContext } from "./usage-context.js";
export type { ProviderUsage, UsageContext } from "./usage-context.js";
export { rowCost, usageReport } from "./usage-report.js";
