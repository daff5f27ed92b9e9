/** Summary of repeated measurements (milliseconds or any unit). */
export interface Summary {
  n: number;
  median: number;
  p95: number;
  p99: number;
  min: number;
  max: number;
}

/** Quantile of sorted values (nearest rank). */
function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] as number;
}

/** Median, p95, p99, min and max of a sample. */
export function summarize(values: number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  return {
    n: sorted.length,
    median: quantile(sorted, 0.5),
    p95: quantile(sorted, 0.95),
    p99: quantile(sorted, 0.99),
    min: sorted[0] ?? Number.NaN,
    max: sorted.at(-1) ?? Number.NaN,
  };
}

/** Median of a few repeated figures. */
export function median(values: number[]): number {
  return summarize(values).median;
}

/** Times an async function once, in milliseconds. */
export async function timeMs(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return performance.now() - start;
}

/** Rounds for display. */
export function fmt(x: number, digits = 2): string {
  if (!Number.isFinite(x)) return "n/a";
  return x >= 100 ? x.toFixed(0) : x.toFixed(digits);
}

const printed: string[] = [];

/** Every table printed so far (for docs/BENCHMARKS.md). */
export function captured(): string[] {
  return printed;
}

/** Prints rows as an aligned plain-text table. */
export function table(title: string, header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join("  ");
  const out = [
    `\n## ${title}`,
    line(header),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...cells.slice(1).map(line),
  ].join("\n");
  console.log(out);
  printed.push(out);
  return out;
}

/** "met" or "missed" for a measured figure against a target (`at most` or `at least`). */
export function verdict(value: number, target: number, kind: "max" | "min"): string {
  if (!Number.isFinite(value)) return "not measured";
  return (kind === "max" ? value <= target : value >= target) ? "met" : "missed";
}
