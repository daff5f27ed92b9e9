import type { z } from "zod";
import { CortexMemError, ErrorCode } from "../errors.js";

/** One issue of a failed validation, with the dotted path of the offending field. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Turns zod issues into `{path, message}` pairs that every door can show as details. */
export function zodIssues(error: z.ZodError): ValidationIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
}

/** Parses `input` with `schema` or throws a `VALIDATION` error naming each bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = zodIssues(result.error);
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  throw new CortexMemError(ErrorCode.VALIDATION, `Invalid ${what}: ${summary}`, { details: issues });
}
