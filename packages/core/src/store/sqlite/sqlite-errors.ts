import { CortexMemError, ErrorCode } from "../../errors.js";

/** Runs a synchronous SQLite call and translates driver errors into `STORE` errors naming the file. */
export function guard<T>(path: string, action: string, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    throw translateSqliteError(error, path, action);
  }
}

/** SQLite driver error → `STORE` (busy, locked, corrupt, read-only, full disk…) or passes ours through. */
export function translateSqliteError(error: unknown, path: string, action: string): CortexMemError {
  if (error instanceof CortexMemError) return error;
  const code = (error as { code?: string })?.code ?? "";
  const message = error instanceof Error ? error.message : String(error);
  if (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED")) {
    return new CortexMemError(
      ErrorCode.STORE,
      `The store ${path} stayed busy while trying to ${action}; another process holds a long write. Try again.`,
      {
        cause: error,
      },
    );
  }
  return new CortexMemError(
    ErrorCode.STORE,
    `The store ${path} failed to ${action}: ${message}${code ? ` (${code})` : ""}`,
    { cause: error },
  );
}
