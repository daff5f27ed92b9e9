/**
 * Dates a query names ("on 13 October, 2023", "in May 2023", "in June", "in 2022"), as spans of
 * time matched against when memories were said (`observedAt`): a question about what happened
 * "in May 2023" is about what was said then. Month names are English, long and short: the list
 * below is the one `Intl.DateTimeFormat("en")` gives (a test derives it from `Intl` and compares),
 * written out because building it through `Intl` loaded ICU's locale data at every process start
 * (~10 ms of a cold `cortex-mem search`).
 */

/** A span of time a query names: `[from, to)` in epoch ms, or a month of any year (`month` 0–11). */
export type QueryDate = { from: number; to: number } | { month: number };

const LONG_MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september"].concat([
  "october",
  "november",
  "december",
]);
/** English month names, long and short (their first three letters), and "sept" → month 0–11. */
export const MONTHS: ReadonlyMap<string, number> = new Map([
  ...LONG_MONTHS.map((name, m) => [name, m] as const),
  ...LONG_MONTHS.map((name, m) => [name.slice(0, 3), m] as const),
  ["sept", 8],
]);

const MONTH = `(${[...MONTHS.keys()].sort((a, b) => b.length - a.length).join("|")})\\.?`;
const DAY = "(\\d{1,2})(?:st|nd|rd|th)?";
const YEAR = "((?:19|20)\\d\\d)";
const PATTERNS: [RegExp, (m: RegExpExecArray) => QueryDate | undefined][] = [
  // 13 October, 2023 — October 13, 2023 — October 13 2023
  [new RegExp(`\\b${DAY} ${MONTH},? ${YEAR}\\b`, "gi"), (m) => day(m[3], m[2], m[1])],
  [new RegExp(`\\b${MONTH} ${DAY},? ${YEAR}\\b`, "gi"), (m) => day(m[3], m[1], m[2])],
  // May 2023
  [new RegExp(`\\b${MONTH},? ${YEAR}\\b`, "gi"), (m) => month(m[2], m[1])],
  // June (any year)
  [new RegExp(`\\b(?:in|during|of|since|until|by|early|late|mid) ${MONTH}\\b`, "gi"), (m) => anyYear(m[1])],
  // 2023
  [new RegExp(`\\b${YEAR}\\b`, "g"), (m) => year(m[1])],
];

function monthIndex(name: string | undefined): number | undefined {
  return name === undefined ? undefined : MONTHS.get(name.toLowerCase().replace(/\.$/, ""));
}

function day(y: string | undefined, name: string | undefined, d: string | undefined): QueryDate | undefined {
  const m = monthIndex(name);
  const n = Number(d);
  if (m === undefined || !(n >= 1 && n <= 31)) return undefined;
  const from = Date.UTC(Number(y), m, n);
  return { from, to: from + 86_400_000 };
}

function month(y: string | undefined, name: string | undefined): QueryDate | undefined {
  const m = monthIndex(name);
  if (m === undefined) return undefined;
  return { from: Date.UTC(Number(y), m, 1), to: Date.UTC(Number(y), m + 1, 1) };
}

function anyYear(name: string | undefined): QueryDate | undefined {
  const m = monthIndex(name);
  return m === undefined ? undefined : { month: m };
}

function year(y: string | undefined): QueryDate {
  return { from: Date.UTC(Number(y), 0, 1), to: Date.UTC(Number(y) + 1, 0, 1) };
}

/**
 * The dates `text` names, most precise first; a phrase already read as a more precise date is not
 * read again ("May 3, 2023" is one day, not also May and 2023). Empty when it names none.
 */
export function queryDates(text: string): QueryDate[] {
  const out: QueryDate[] = [];
  const taken: [number, number][] = [];
  for (const [re, read] of PATTERNS) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) {
      const start = m.index;
      const end = start + m[0].length;
      if (taken.some(([s, e]) => start < e && end > s)) continue;
      const date = read(m);
      if (!date) continue;
      taken.push([start, end]);
      out.push(date);
    }
  }
  return out;
}

/** Whether a memory said at `at` (epoch ms) falls in one of `dates`. */
export function saidWithin(at: number, dates: readonly QueryDate[]): boolean {
  return dates.some((d) => ("month" in d ? new Date(at).getUTCMonth() === d.month : at >= d.from && at < d.to));
}

/** How much more a memory said within a date the query names scores than one said at another time. */
export const SAID_WITHIN_FACTOR = 4;

/**
 * The factor of each memory's keyword score for a query, from the dates it names: ×
 * {@link SAID_WITHIN_FACTOR} for a memory said within one of them, ×1 otherwise; undefined when
 * the query names no date. It only reweighs memories that matched the query's words, so it never
 * brings back an unrelated one. (Chosen on LoCoMo 0–2, kept on 3–4: see docs/BENCHMARKS.md.)
 */
export function dateFactor(text: string): ((doc: { observedAt: number }) => number) | undefined {
  const dates = queryDates(text);
  if (dates.length === 0) return undefined;
  // Flat spans and months: this runs for every candidate of a search.
  const spans = dates.flatMap((d) => ("month" in d ? [] : [d.from, d.to]));
  const months = dates.flatMap((d) => ("month" in d ? [d.month] : []));
  return ({ observedAt: at }) => {
    for (let i = 0; i < spans.length; i += 2)
      if (at >= (spans[i] as number) && at < (spans[i + 1] as number)) return SAID_WITHIN_FACTOR;
    return months.length && months.includes(new Date(at).getUTCMonth()) ? SAID_WITHIN_FACTOR : 1;
  };
}
