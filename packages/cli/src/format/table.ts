import { safeText } from "./escape.js";

/** A column of a {@link table}: its header and an optional colour for its cells. */
export interface Column {
  header: string;
  color?: (s: string) => string;
}

const oneLine = (s: string): string => safeText(s.replace(/\s*\n\s*/g, " ⏎ "));

/** Shortens `s` to `width` characters with an ellipsis. */
export function truncate(s: string, width: number): string {
  return s.length <= width ? s : `${s.slice(0, Math.max(0, width - 1))}…`;
}

/**
 * Lays rows out in aligned columns under a header. On a terminal the last column is cut to the
 * window width; in a pipe nothing is cut (so `grep` sees whole lines).
 */
export function table(
  columns: Column[],
  rows: string[][],
  options: { width?: number; bold?: (s: string) => string } = {},
): string[] {
  const cells = rows.map((r) => r.map(oneLine));
  const widths = columns.map((col, i) => Math.max(col.header.length, ...cells.map((r) => (r[i] ?? "").length)));
  const last = columns.length - 1;
  const used = widths.slice(0, last).reduce((a, w) => a + w + 2, 0);
  const room = options.width ? Math.max(20, options.width - used) : Infinity;
  const render = (r: string[], color: boolean): string =>
    r
      .map((cell, i) => {
        const text = i === last ? truncate(cell, room) : cell.padEnd(widths[i] ?? 0);
        const paint = color ? columns[i]?.color : undefined;
        return paint ? paint(text) : text;
      })
      .join("  ")
      .trimEnd();
  const bold = options.bold ?? ((s: string) => s);
  return [
    bold(
      render(
        columns.map((c) => c.header),
        false,
      ),
    ),
    ...cells.map((r) => render(r, true)),
  ];
}

/** `key  value` lines with keys aligned. */
export function keyValues(pairs: [string, string][], key: (s: string) => string = (s) => s): string[] {
  const width = Math.max(0, ...pairs.map(([k]) => k.length));
  return pairs.map(([k, v]) => `${key(safeText(k).padEnd(width))}  ${safeText(v)}`);
}

/** Terminal width for tables on stdout, or undefined in a pipe. */
export function terminalWidth(): number | undefined {
  return process.stdout.isTTY ? process.stdout.columns : undefined;
}
