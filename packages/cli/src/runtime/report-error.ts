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

/** Commander's own message without its `error: ` prefix (it is reported under `code` instead). */
const commanderMessage = (error: CommanderError): string =>
  error.code === "commander.help"
    ? "no command given: run cortex-mem --help to see the commands"
    : error.message.replace(/^error:\s*/i, "");

/**
 * Tells the user what went wrong, on stderr: `error [CODE]: message` plus validation details,
 * or with `--json` always exactly one line `{"error": {code, message, details?, exit_code}}`
 * (the REST error body plus the exit code), usage errors from commander's parser included.
 * Without `--json`, commander has already printed its own parse errors.
 */
export function reportError(error: unknown, json: boolean): void {
  const exitCode = exitCodeOf(error);
  if (error instanceof CommanderError) {
    if (json && exitCode !== EXIT.OK) {
      process.stderr.write(
        `${JSON.stringify({ error: { code: "USAGE", message: commanderMessage(error), exit_code: exitCode } })}\n`,
      );
    }
    return;
  }
  const e = error instanceof Error ? (error as ErrorLike) : { message: String(error) };
  const code = isCortexMemError(error)
    ? error.code
    : error instanceof UsageError
      ? "USAGE"
      : error instanceof AbortedError
        ? "ABORTED"
        : "INTERNAL";
  if (json) {
    const body = isCortexMemError(error) && error.toJSON ? (error.toJSON() as object) : { code, message: e.message };
    process.stderr.write(`${JSON.stringify({ error: { ...body, exit_code: exitCode } })}\n`);
    return;
  }
  const c = colorsFor(process.stderr);
  const lines = [`${c.red(c.bold("error"))} ${c.dim(`[${code}]`)}: ${e.message}`];
  if (Array.isArray(e.details)) {
    for (const d of e.details as { path?: string; message?: string }[])
      lines.push(d.path ? `  - ${d.path}: ${d.message ?? ""}` : `  - ${d.message ?? ""}`);
  }
  if (code === "INTERNAL" && process.env.CORTEX_MEM_DEBUG && error instanceof Error && error.stack)
    lines.push(error.stack);
  process.stderr.write(`${lines.join("\n")}\n`);
}
