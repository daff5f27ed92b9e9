import { isoDay } from "../util/dates.js";

const DAY = 86_400_000;
const WEEKDAYS = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"];
const UNITS: Record<string, number> = {
  day: 1,
  days: 1,
  week: 7,
  weeks: 7,
  month: 30,
  months: 30,
  year: 365,
  years: 365,
};
const NUMBERS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};

function shift(reference: Date, days: number): string {
  return isoDay(new Date(reference.getTime() + days * DAY));
}

function month(reference: Date, delta: number): string {
  const d = new Date(Date.UTC(reference.getUTCFullYear(), reference.getUTCMonth() + delta, 1));
  return d.toISOString().slice(0, 7);
}

/**
 * Resolves relative dates against when the message was said and appends the absolute date, so
 * "I went hiking yesterday" said on 2023-05-08 is kept as "I went hiking yesterday (2023-05-07)".
 * The original words are kept; only the first few phrases are resolved.
 */
export function resolveRelativeDates(text: string, reference: Date): string {
  const rules: [RegExp, (m: RegExpMatchArray) => string | undefined][] = [
    [/\byesterday\b/i, () => shift(reference, -1)],
    [/\btoday\b|\btonight\b|\bthis morning\b/i, () => shift(reference, 0)],
    [/\btomorrow\b/i, () => shift(reference, 1)],
    [
      /\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten) (days?|weeks?|months?|years?) ago\b/i,
      (m) => {
        const n = NUMBERS[(m[1] as string).toLowerCase()] ?? Number(m[1]);
        return shift(reference, -n * (UNITS[(m[2] as string).toLowerCase()] ?? 1));
      },
    ],
    [/\blast week\b/i, () => `week of ${shift(reference, -7)}`],
    [/\bnext week\b/i, () => `week of ${shift(reference, 7)}`],
    [/\blast month\b/i, () => month(reference, -1)],
    [/\bnext month\b/i, () => month(reference, 1)],
    [/\blast year\b/i, () => String(reference.getUTCFullYear() - 1)],
    [/\bnext year\b/i, () => String(reference.getUTCFullYear() + 1)],
    [
      /\blast (sunday|monday|tuesday|wednesday|thursday|friday|saturday)\b/i,
      (m) => {
        const target = WEEKDAYS.indexOf((m[1] as string).toLowerCase());
        const back = (reference.getUTCDay() - target + 7) % 7 || 7;
        return shift(reference, -back);
      },
    ],
  ];
  const notes: string[] = [];
  for (const [re, resolve] of rules) {
    const m = text.match(re);
    if (!m) continue;
    const value = resolve(m);
    if (value && !notes.includes(value)) notes.push(value);
    if (notes.length >= 3) break;
  }
  return notes.length === 0 ? text : `${text} (${notes.join(", ")})`;
}
