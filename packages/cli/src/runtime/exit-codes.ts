/** Exit codes of the CLI besides the per-error-class codes of core's `ERROR_TABLE`. */
export const EXIT = {
  /** Everything went as asked. */
  OK: 0,
  /** A confirmation was refused or not answered, so nothing was changed. */
  ABORTED: 1,
  /** Bad flags, missing arguments or an unknown command (commander's errors too). */
  USAGE: 2,
} as const;

/** A mistake in how the command was called: exit code 2, message naming the fix. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

/** A confirmation prompt that was refused: exit code 1, nothing written. */
export class AbortedError extends Error {
  override readonly name = "AbortedError";
}
