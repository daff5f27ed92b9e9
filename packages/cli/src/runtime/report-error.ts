import { CommanderError } from "commander";
import { AbortedError, EXIT, UsageError } from "./exit-codes.js";
import { colorsFor } from "./colors.js";

interface ErrorLike {
  code?: unknown;
  exitCode?: unknown;
  message: string;
  details?: unknown;
  toJSON?: () => unknown;
}

const isCortexMemError = (e: unknown): e is ErrorLike & { code: string; exitCode: number } =>
  e instanceof Error && e.name === "CortexMemError" && typeof (e as ErrorLike).exitCode === "number";

/**
 * The process exit code for anything thrown: core errors use `err.exitCode` (core's
 * `ERROR_TABLE`), usage mistakes and commander's parse errors give 2, a refused prompt 1, help
 * and version 0, anything unexpected 1.
 */
export function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode === 0 ? EXIT.OK : EXIT.USAGE;
  if (error instanceof UsageError) return EXIT.USAGE;
  if (error instanceof AbortedError) return EXIT.ABORTED;
  if (isCortexMemError(error)) return error.exitCode;
  return 1;
}

/**
 * Tells the user what went wrong, on stderr: `error [CODE]: message` plus validation details,
 * or with `--json` the REST error body `{"error": {code, message, details?}}` on one line.
 * Commander has already printed its own parse errors.
 */
export function reportError(error: unknown, json: boolean): void {
  if (error instanceof CommanderError) return;
  const e = error instanceof Error ? (error as ErrorLike) : { message: String(error) };
  const code = isCortexMemError(error) ? error.code : error instanceof UsageError ? "USAGE" : error instanceof AbortedError ? "ABORTED" : "INTERNAL";
  if (json) {
    const body = isCortexMemError(error) && error.toJSON ? error.toJSON() : { code, message: e.message };
    process.stderr.write(`${JSON.stringify({ error: body })}\n`);
    return;
  }
  const c = colorsFor(process.stderr);
  const lines = [`${c.red(c.bold("error"))} ${c.dim(`[${code}]`)}: ${e.message}`];
  if (Array.isArray(e.details)) {
    for (const d of e.details as { path?: string; message?: string }[]) lines.push(d.path ? `  - ${d.path}: ${d.message ?? ""}` : `  - ${d.message ?? ""}`);
  }
  if (code === "INTERNAL" && process.env.CORTEX_MEM_DEBUG && error instanceof Error && error.stack) lines.push(error.stack);
  process.stderr.write(`${lines.join("\n")}\n`);
}
