/**
 * One error model for every door: a code from {@link ErrorCode}, a human message that names the
 * problem and the fix, optional structured details, and the original cause kept for logs.
 */
export const ErrorCode = {
  VALIDATION: "VALIDATION",
  NOT_FOUND: "NOT_FOUND",
  METHOD_NOT_ALLOWED: "METHOD_NOT_ALLOWED",
  CONFLICT: "CONFLICT",
  CONFIG: "CONFIG",
  LLM: "LLM",
  EMBEDDING: "EMBEDDING",
  STORE: "STORE",
  UNAUTHORIZED: "UNAUTHORIZED",
  FORBIDDEN: "FORBIDDEN",
  RATE_LIMITED: "RATE_LIMITED",
  TIMEOUT: "TIMEOUT",
  PAYLOAD_TOO_LARGE: "PAYLOAD_TOO_LARGE",
  UNSUPPORTED_MEDIA_TYPE: "UNSUPPORTED_MEDIA_TYPE",
  INTERNAL: "INTERNAL",
} as const;

/** A code from {@link ErrorCode}. */
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** How each door reports a code: REST status, CLI exit code (2 is reserved for usage errors). */
export interface ErrorMapping {
  httpStatus: number;
  exitCode: number;
}

/** The single table the doors read: code → HTTP status and CLI exit code. MCP reports every code as an `isError` tool result. */
export const ERROR_TABLE: Readonly<Record<ErrorCode, ErrorMapping>> = {
  VALIDATION: { httpStatus: 400, exitCode: 3 },
  NOT_FOUND: { httpStatus: 404, exitCode: 4 },
  /** A known REST path asked with a method it does not answer (a usage mistake, hence exit code 2). */
  METHOD_NOT_ALLOWED: { httpStatus: 405, exitCode: 2 },
  CONFLICT: { httpStatus: 409, exitCode: 5 },
  CONFIG: { httpStatus: 500, exitCode: 6 },
  LLM: { httpStatus: 502, exitCode: 7 },
  EMBEDDING: { httpStatus: 502, exitCode: 8 },
  STORE: { httpStatus: 503, exitCode: 9 },
  UNAUTHORIZED: { httpStatus: 401, exitCode: 10 },
  FORBIDDEN: { httpStatus: 403, exitCode: 11 },
  RATE_LIMITED: { httpStatus: 429, exitCode: 12 },
  TIMEOUT: { httpStatus: 504, exitCode: 13 },
  PAYLOAD_TOO_LARGE: { httpStatus: 413, exitCode: 14 },
  UNSUPPORTED_MEDIA_TYPE: { httpStatus: 415, exitCode: 15 },
  INTERNAL: { httpStatus: 500, exitCode: 1 },
};

/** Options accepted by {@link CortexMemError}. */
export interface CortexMemErrorOptions {
  details?: unknown;
  cause?: unknown;
}

/** The only error class core throws on purpose; doors map it through {@link ERROR_TABLE}. */
export class CortexMemError extends Error {
  override readonly name = "CortexMemError";
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: CortexMemErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.details = options.details;
  }

  /** HTTP status for this error's code. */
  get httpStatus(): number {
    return ERROR_TABLE[this.code].httpStatus;
  }

  /** CLI exit code for this error's code. */
  get exitCode(): number {
    return ERROR_TABLE[this.code].exitCode;
  }

  /** The body every door shows a client: code, message, details; never a stack. */
  toJSON(): { code: ErrorCode; message: string; details?: unknown } {
    return this.details === undefined
      ? { code: this.code, message: this.message }
      : { code: this.code, message: this.message, details: this.details };
  }
}

/** True when `value` is a {@link CortexMemError}, optionally with the given code. */
export function isCortexMemError(value: unknown, code?: ErrorCode): value is CortexMemError {
  return value instanceof CortexMemError && (code === undefined || value.code === code);
}

/** Wraps anything thrown into a {@link CortexMemError}; unknown failures become `INTERNAL`. */
export function toCortexMemError(value: unknown): CortexMemError {
  if (value instanceof CortexMemError) return value;
  const message = value instanceof Error ? value.message : String(value);
  return new CortexMemError(ErrorCode.INTERNAL, `Unexpected error: ${message}`, { cause: value });
}
