/** One metered provider call, before aggregation. */
export interface UsageEntry {
  /** `extract`, `decide`, `optimizer`, `probe`, `embed-add`, `embed-search`… */
  operation: string;
  /** Model name as the provider knows it (`gpt-4o-mini`, `text-embedding-3-small`, `local-hash-v2`). */
  model: string;
  userId?: string | undefined;
  agentId?: string | undefined;
  /** Provider requests made (a JSON completion asked again counts twice). */
  calls: number;
  tokensIn: number;
  tokensOut: number;
  /** Requests whose tokens were estimated (no `usage` in the response, or a local model: 0). */
  estimatedCalls: number;
  at: Date;
}

/** One aggregated row: the calls and tokens of one day, operation, scope and model. */
export interface UsageRow {
  /** UTC day, `YYYY-MM-DD`. */
  day: string;
  operation: string;
  model: string;
  userId: string | null;
  agentId: string | null;
  calls: number;
  tokensIn: number;
  tokensOut: number;
  estimatedCalls: number;
}

/** Which rows to read: days inclusive (`YYYY-MM-DD`, UTC) and scope parts (each given part equal). */
export interface UsageQuery {
  from?: string;
  to?: string;
  userId?: string;
  agentId?: string;
}

/** Totals of a set of rows. */
export interface UsageTotals {
  calls: number;
  tokensIn: number;
  tokensOut: number;
  /** Cost of the priced rows, in `currency`; null when no row has a price. */
  cost: number | null;
}

/** A price: per million tokens in and out, for one model (`[[usage.prices]]`). */
export interface UsagePrice {
  model: string;
  input: number;
  output: number;
}

/** What `GET /usage`, `stats --usage` and the library report: rows with their cost, and totals. */
export interface UsageReport {
  query: UsageQuery;
  currency: string;
  rows: (UsageRow & { cost: number | null })[];
  totals: UsageTotals;
  /** Models used in these rows that have no price in the config (their cost is unknown, not 0). */
  unpricedModels: string[];
}
