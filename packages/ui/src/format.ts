// Formatting of numbers and dates for display.

/** 1234567 → "1.2 MB". */
export function bytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let v = n;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${u === 0 ? v : v.toFixed(1)} ${units[u]}`;
}

/** An ISO date as local date and time, short. */
export function when(iso: string | null | undefined): string {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: "medium", timeStyle: "short" });
}

/** First `n` characters of a text, with an ellipsis when cut. */
export function clip(text: string | null | undefined, n = 120): string {
  if (!text) return "";
  return text.length > n ? `${text.slice(0, n - 1)}…` : text;
}
