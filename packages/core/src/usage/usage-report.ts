import type { UsageLedger } from "./usage-ledger.js";
import type { UsagePrice, UsageQuery, UsageReport, UsageRow } from "./usage-types.js";

/** Cost of one row from a price per million tokens; null when its model has no price. */
export function rowCost(
  row: Pick<UsageRow, "model" | "tokensIn" | "tokensOut">,
  prices: readonly UsagePrice[],
): number | null {
  const price = prices.find((p) => p.model === row.model);
  if (!price) return null;
  return (row.tokensIn * price.input + row.tokensOut * price.output) / 1_000_000;
}

/**
 * The usage of a query's days and scope with a cost estimate from the user's price table (none is
 * built in: prices change). Rows of models without a price have cost null and are listed in
 * `unpricedModels`; the total cost sums the priced rows (null when none is priced). Local models
 * cost nothing and need no price.
 */
export async function usageReport(
  ledger: UsageLedger,
  query: UsageQuery,
  pricing: { prices: readonly UsagePrice[]; currency: string },
): Promise<UsageReport> {
  const rows = (await ledger.rows(query)).map((r) => ({
    ...r,
    cost: r.tokensIn === 0 && r.tokensOut === 0 ? 0 : rowCost(r, pricing.prices),
  }));
  const priced = rows.filter((r) => r.cost !== null);
  return {
    query,
    currency: pricing.currency,
    rows,
    totals: {
      calls: rows.reduce((n, r) => n + r.calls, 0),
      tokensIn: rows.reduce((n, r) => n + r.tokensIn, 0),
      tokensOut: rows.reduce((n, r) => n + r.tokensOut, 0),
      cost: priced.length ? round(priced.reduce((n, r) => n + (r.cost as number), 0)) : null,
    },
    unpricedModels: [...new Set(rows.filter((r) => r.cost === null).map((r) => r.model))].sort(),
  };
}

/** Costs are estimates: ten significant decimals are plenty and keep float noise out of answers. */
const round = (n: number): number => Math.round(n * 1e10) / 1e10;
