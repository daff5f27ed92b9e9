import type { UsageReport } from "@cortex-mem/core";
import type { Colors } from "../runtime/colors.js";
import { keyValues, table, terminalWidth } from "./table.js";

const money = (cost: number | null, currency: string): string =>
  cost === null ? "?" : `${cost.toFixed(6)} ${currency}`;
const scopeText = (r: UsageReport["rows"][number]): string =>
  [r.userId && `user=${r.userId}`, r.agentId && `agent=${r.agentId}`].filter(Boolean).join(" ") || "-";

/** A usage report as a table (day, operation, model, calls, tokens, cost, scope) and its totals. */
export function formatUsage(report: UsageReport, c: Colors): string[] {
  if (report.rows.length === 0) return [c.dim("No LLM or embedding calls recorded.")];
  const rows = table(
    [
      { header: "DAY", color: c.dim },
      { header: "OPERATION" },
      { header: "MODEL" },
      { header: "CALLS" },
      { header: "TOKENS IN" },
      { header: "TOKENS OUT" },
      { header: "COST" },
      { header: "SCOPE" },
    ],
    report.rows.map((r) => [
      r.day,
      r.operation,
      r.model,
      String(r.calls),
      String(r.tokensIn),
      String(r.tokensOut),
      money(r.cost, report.currency),
      scopeText(r),
    ]),
    { width: terminalWidth() ?? 0, bold: c.bold },
  );
  const t = report.totals;
  return [
    ...rows,
    "",
    ...keyValues(
      [
        ["calls", String(t.calls)],
        ["tokens in", String(t.tokensIn)],
        ["tokens out", String(t.tokensOut)],
        ["cost", money(t.cost, report.currency)],
      ],
      c.bold,
    ),
    ...(report.unpricedModels.length
      ? [c.dim(`no price for ${report.unpricedModels.join(", ")} (set [[usage.prices]]; cost shown as ?)`)]
      : []),
  ];
}
