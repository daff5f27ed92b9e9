import type { UsageEntry, UsageQuery, UsageRow } from "./usage-types.js";

/**
 * Where metered provider calls are counted: aggregated per (day, operation, scope, model). `record`
 * must be cheap (it runs on the search path); an implementation may buffer and write later, and
 * `flush` writes what it holds.
 */
export interface UsageLedger {
  record(entry: UsageEntry): void;
  /** Rows of the query's days and scope, oldest day first (pending entries are flushed first). */
  rows(query: UsageQuery): Promise<UsageRow[]>;
  /** Calls and tokens since the ledger began, per operation and model (for `/metrics` counters). */
  totals(): Promise<{ operation: string; model: string; calls: number; tokensIn: number; tokensOut: number }[]>;
  flush(): Promise<void>;
  close(): Promise<void>;
}
