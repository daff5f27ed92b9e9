import type { z } from "zod";
import { CortexMemError, ErrorCode } from "../errors.js";
import { unknownFieldMessage } from "./did-you-mean.js";
import { knownKeysAt } from "./schema-keys.js";

/** One issue of a failed validation, with the dotted path of the offending field. */
export interface ValidationIssue {
  path: string;
  message: string;
}

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join(".");

/**
 * Turns zod issues into `{path, message}` pairs that every door can show as details. An unknown
 * field (a strict object's `unrecognized_keys`) becomes one issue per field, its path naming the
 * field as the caller wrote it, with "did you mean" when `schema` knows a close name.
 */
export function zodIssues(error: z.ZodError, schema?: z.ZodType): ValidationIssue[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== "unrecognized_keys") return [{ path: dotted(issue.path), message: issue.message }];
    const known = schema ? knownKeysAt(schema, issue.path) : [];
    return issue.keys.map((key) => ({ path: dotted([...issue.path, key]), message: unknownFieldMessage(key, known) }));
  });
}

/** Parses `input` with `schema` or throws a `VALIDATION` error naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  throw validationError(zodIssues(result.error, schema), what);
}

/** The one `VALIDATION` error of a list of issues: every issue in the message and in `details`. */
export function validationError(issues: ValidationIssue[], what: string): CortexMemError {
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  return new CortexMemError(ErrorCode.VALIDATION, `Invalid ${what}: ${summary}`, { details: issues });
}

/**
 * Throws `VALIDATION` when `bag` holds a key outside `known` (each named, with "did you mean"):
 * for inputs read by hand rather than by a strict schema (query strings, option bags).
 */
export function rejectUnknownKeys(bag: object | undefined, known: readonly string[], what: string, prefix = ""): void {
  if (!bag) return;
  const unknown = Object.keys(bag).filter((k) => !known.includes(k));
  if (unknown.length === 0) return;
  throw validationError(
    unknown.map((key) => ({ path: `${prefix}${key}`, message: unknownFieldMessage(key, known) })),
    what,
  );
}
