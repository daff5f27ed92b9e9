import { CortexMemError, ErrorCode } from "../errors.js";

/** Reads a status from an SDK error without importing the SDK (it loads lazily). */
function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown })?.status;
  return typeof status === "number" ? status : undefined;
}

/**
 * Translates an `openai` SDK failure into our codes: timeouts → `TIMEOUT`, 429 → `RATE_LIMITED`,
 * 401/403 → `CONFIG` (the key is wrong), anything else → `code` (`LLM` or `EMBEDDING`) naming the URL.
 * `TIMEOUT` and `RATE_LIMITED` carry `details.provider` (`"llm"` or `"embedding"`): which endpoint failed.
 */
export function translateOpenAIError(error: unknown, code: "LLM" | "EMBEDDING", baseUrl: string): CortexMemError {
  if (error instanceof CortexMemError) return error;
  const name = (error as { constructor?: { name?: string } })?.constructor?.name ?? "";
  const message = error instanceof Error ? error.message : String(error);
  const what = code === "LLM" ? "LLM" : "embedding";
  // TIMEOUT and RATE_LIMITED do not say which endpoint failed by their code: the details do.
  const provider = { provider: code === "LLM" ? "llm" : "embedding" };
  if (name === "APIConnectionTimeoutError" || /timed? ?out/i.test(message)) {
    return new CortexMemError(ErrorCode.TIMEOUT, `The ${what} endpoint ${baseUrl} timed out: ${message}`, {
      cause: error,
      details: provider,
    });
  }
  if ((error as { name?: string })?.name === "AbortError" || name === "APIUserAbortError") {
    return new CortexMemError(ErrorCode.TIMEOUT, `The ${what} request to ${baseUrl} was aborted`, {
      cause: error,
      details: provider,
    });
  }
  const status = statusOf(error);
  if (status === 429) {
    return new CortexMemError(
      ErrorCode.RATE_LIMITED,
      `The ${what} endpoint ${baseUrl} is rate limiting us (429): ${message}`,
      { cause: error, details: provider },
    );
  }
  if (status === 401 || status === 403) {
    const key =
      code === "LLM" ? "llm.api_key / CORTEX_MEM_LLM_API_KEY" : "embedding.api_key / CORTEX_MEM_EMBEDDING_API_KEY";
    return new CortexMemError(
      ErrorCode.CONFIG,
      `The ${what} endpoint ${baseUrl} refused the API key (${status}); set ${key} or OPENAI_API_KEY`,
      {
        cause: error,
      },
    );
  }
  if (name === "APIConnectionError") {
    return new CortexMemError(ErrorCode[code], `Cannot reach the ${what} endpoint ${baseUrl}: ${message}`, {
      cause: error,
    });
  }
  const prefix = status === undefined ? "" : `${status} `;
  return new CortexMemError(ErrorCode[code], `The ${what} endpoint ${baseUrl} failed: ${prefix}${message}`, {
    cause: error,
  });
}

/** Default base URL of the OpenAI API, shown in messages when none is configured. */
export const OPENAI_DEFAULT_BASE_URL = "https://api.openai.com/v1";
