import { CortexMemError, ErrorCode } from "../errors.js";

/**
 * Reads a point in time from what callers send: a Date, an RFC 3339 / ISO string, a date-only
 * string (midnight UTC), or epoch milliseconds (seconds when the number is small enough).
 */
export function parseDate(value: Date | string | number, field = "date"): Date {
  let date: Date;
  if (value instanceof Date) date = new Date(value.getTime());
  else if (typeof value === "number") date = new Date(value < 1e11 ? value * 1000 : value);
  else {
    const text = value.trim();
    date = /^\d{4}-\d{2}-\d{2}$/.test(text) ? new Date(`${text}T00:00:00.000Z`) : new Date(text);
  }
  if (Number.isNaN(date.getTime())) {
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      `Invalid ${field}: expected an RFC 3339 date, got ${JSON.stringify(value)}`,
      {
        details: [{ path: field, message: "invalid date" }],
      },
    );
  }
  return date;
}

/** Like {@link parseDate} but passes `undefined` through. */
export function parseOptionalDate(value: Date | string | number | undefined, field: string): Date | undefined {
  return value === undefined ? undefined : parseDate(value, field);
}

/** `YYYY-MM-DD` of a date in UTC. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}
