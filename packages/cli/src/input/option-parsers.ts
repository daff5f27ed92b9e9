import { InvalidArgumentError } from "commander";

/**
 * Commander parser for the repeatable `--metadata` flag: `key=value` pairs (values stay
 * strings) or a JSON object, merged left to right into one object.
 */
export function collectMetadata(value: string, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const acc = { ...(previous ?? {}) };
  const text = value.trim();
  if (text.startsWith("{")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new InvalidArgumentError('not valid JSON; give key=value or a JSON object like \'{"project":"apollo"}\'');
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
      throw new InvalidArgumentError("the JSON must be an object");
    return { ...acc, ...(parsed as Record<string, unknown>) };
  }
  const eq = text.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`expected key=value or a JSON object, got "${value}"`);
  acc[text.slice(0, eq).trim()] = text.slice(eq + 1);
  return acc;
}

/** Commander parser for repeatable list flags: `-t a -t b` and `-t a,b` both give `[a, b]`. */
export function collectList(value: string, previous: string[] | undefined): string[] {
  return [
    ...(previous ?? []),
    ...value
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  ];
}

/** Commander parser for a number flag; a non-number is a usage error (exit 2). */
export function parseNumber(value: string): number {
  const n = Number(value);
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a number, got "${value}"`);
  return n;
}

/** Commander parser for a whole-number flag; anything else is a usage error (exit 2). */
export function parseInteger(value: string): number {
  const n = parseNumber(value);
  if (!Number.isInteger(n)) throw new InvalidArgumentError(`expected a whole number, got "${value}"`);
  return n;
}
