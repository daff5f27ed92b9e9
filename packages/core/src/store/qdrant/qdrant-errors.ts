import { CortexMemError, ErrorCode } from "../../errors.js";

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EPIPE",
  "ETIMEDOUT",
  "UND_ERR_SOCKET",
  "UND_ERR_CONNECT_TIMEOUT",
  "UND_ERR_CLOSED",
]);

interface HttpFailure {
  status: number;
  data?: unknown;
}

function networkCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e && depth < 4; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string" && NETWORK_CODES.has(code)) return code;
  }
  return error instanceof TypeError && /fetch failed/i.test(error.message) ? "fetch failed" : undefined;
}

function httpFailure(error: unknown): HttpFailure | undefined {
  const status = (error as { status?: unknown })?.status;
  if (typeof status === "number") return { status, data: (error as { data?: unknown }).data };
  const m = error instanceof Error ? error.message.match(/^Unexpected Response: (\d{3})/) : null;
  return m ? { status: Number(m[1]) } : undefined;
}

/** Qdrant's own explanation in an error body (`{"status": {"error": "…"}}`), if any. */
function reason(data: unknown): string {
  const text = (data as { status?: { error?: unknown } })?.status?.error;
  return typeof text === "string" ? text : typeof data === "string" ? data : "";
}

function isTimeout(error: unknown): boolean {
  const name = (error as { name?: unknown })?.name;
  return name === "QdrantClientTimeoutError" || name === "TimeoutError" || name === "AbortError";
}

/**
 * Any failure of a Qdrant call → our error model: unreachable → `STORE` naming the URL, no answer in
 * time → `TIMEOUT`, 429 → `RATE_LIMITED`, a rejected API key → `CONFIG`, a request too large →
 * `VALIDATION` (the memory is too big), any other refusal → `STORE` with Qdrant's reason.
 */
export function mapQdrantError(error: unknown, url: string, action: string): CortexMemError {
  if (error instanceof CortexMemError) return error;
  const where = `Qdrant at ${url}`;
  if (isTimeout(error))
    return new CortexMemError(
      ErrorCode.TIMEOUT,
      `${where} did not answer in time while trying to ${action} (raise qdrant.timeout_ms if the server is just slow)`,
      { cause: error },
    );
  if ((error as { name?: unknown })?.name === "QdrantClientResourceExhaustedError") {
    const retryAfter = (error as { retry_after?: number }).retry_after;
    return new CortexMemError(
      ErrorCode.RATE_LIMITED,
      `${where} is rate limiting requests; try again${retryAfter ? ` in ${retryAfter} s` : " later"}`,
      { cause: error, details: { url, status: 429 } },
    );
  }
  const code = networkCode(error);
  if (code) {
    return new CortexMemError(
      ErrorCode.STORE,
      `Cannot reach ${where} to ${action} (${code}). Is it running? Start one with \`docker run -p 6333:6333 qdrant/qdrant\` or fix qdrant.url / CORTEX_MEM_QDRANT_URL.`,
      { cause: error, details: { url } },
    );
  }
  const http = httpFailure(error);
  if (http) {
    const why = reason(http.data);
    const detail = `${http.status}${why ? `: ${why}` : ""}`;
    if (http.status === 401 || http.status === 403) {
      return new CortexMemError(
        ErrorCode.CONFIG,
        `${where} refused the API key while trying to ${action} (${detail}); set qdrant.api_key / CORTEX_MEM_QDRANT_API_KEY`,
        { cause: error, details: { url, status: http.status } },
      );
    }
    if (http.status === 429)
      return new CortexMemError(
        ErrorCode.RATE_LIMITED,
        `${where} is rate limiting requests (${detail}); try again later`,
        { cause: error, details: { url, status: 429 } },
      );
    if (http.status === 413 || /larger than allowed|payload.*too large/i.test(why)) {
      return new CortexMemError(
        ErrorCode.VALIDATION,
        `The request is too large for ${where} while trying to ${action} (${detail}); store smaller memories or metadata`,
        {
          cause: error,
          details: [{ path: "content", message: "too large for the Qdrant server" }],
        },
      );
    }
    return new CortexMemError(ErrorCode.STORE, `${where} failed to ${action} (${detail})`, {
      cause: error,
      details: { url, status: http.status },
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  return new CortexMemError(ErrorCode.STORE, `${where} failed to ${action}: ${message}`, {
    cause: error,
    details: { url },
  });
}

/** True for failures worth another try: unreachable, timeouts, rate limits and server errors (never a 4xx refusal). */
export function isRetryable(error: CortexMemError): boolean {
  if (error.code === ErrorCode.TIMEOUT || error.code === ErrorCode.RATE_LIMITED) return true;
  if (error.code !== ErrorCode.STORE) return false;
  const status = (error.details as { status?: number } | undefined)?.status;
  return status === undefined ? networkCode(error.cause) !== undefined : status >= 500;
}

/** How a call is retried: attempts in all, and the first back-off (doubled each time, with jitter). */
export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
}

/**
 * Runs a Qdrant call, mapping its failure; idempotent calls (`retry`) are tried again with
 * exponential back-off while the failure is retryable.
 */
export async function qdrantCall<T>(
  url: string,
  action: string,
  fn: () => Promise<T>,
  retry: RetryPolicy | null,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (raw) {
      const error = mapQdrantError(raw, url, action);
      if (!retry || attempt >= retry.attempts || !isRetryable(error)) throw error;
      const delay = retry.baseDelayMs * 2 ** (attempt - 1) * (0.5 + Math.random() / 2);
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}
