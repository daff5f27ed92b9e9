// Builders for the JSON bodies the OpenAI API answers with, kept to the fields the SDK reads.

/** Model id the fake server reports when a request names none, and lists under `GET /v1/models`. */
export const FAKE_MODEL = "fake-model";

/** A rough token count (words and punctuation runs) for `usage` fields. */
export function countTokens(text: string): number {
  return text.match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]+/gu)?.length ?? 0;
}

const ERROR_KINDS: Record<number, { type: string; code: string | null; message: string }> = {
  400: { type: "invalid_request_error", code: null, message: "Bad request." },
  401: { type: "invalid_request_error", code: "invalid_api_key", message: "Incorrect API key provided." },
  403: { type: "invalid_request_error", code: "unsupported_country_region_territory", message: "Forbidden." },
  404: { type: "invalid_request_error", code: "unknown_url", message: "Not found." },
  408: { type: "timeout_error", code: "timeout", message: "Request timed out." },
  409: { type: "conflict_error", code: "conflict", message: "Conflict." },
  422: { type: "invalid_request_error", code: null, message: "Unprocessable entity." },
  429: { type: "rate_limit_error", code: "rate_limit_exceeded", message: "Rate limit reached." },
  503: { type: "server_error", code: "service_unavailable", message: "The engine is currently overloaded." },
};

/** The OpenAI error body `{ error: { message, type, param, code } }` for an HTTP status. */
export function errorBody(status: number, message?: string): object {
  const kind = ERROR_KINDS[status] ?? {
    type: status >= 500 ? "server_error" : "invalid_request_error",
    code: null,
    message: status >= 500 ? "The server had an error while processing your request." : `HTTP ${status}.`,
  };
  return { error: { message: message ?? kind.message, type: kind.type, param: null, code: kind.code } };
}

let completionCounter = 0;

/** A non-streaming `chat.completion` object whose single choice carries `content`. */
export function chatCompletionBody(model: string, content: string, promptTokens: number): object {
  const completionTokens = countTokens(content);
  return {
    id: `chatcmpl-fake-${++completionCounter}`,
    object: "chat.completion",
    created: Math.floor(Date.now() / 1000),
    model,
    choices: [
      {
        index: 0,
        message: { role: "assistant", content, refusal: null },
        logprobs: null,
        finish_reason: "stop",
      },
    ],
    usage: {
      prompt_tokens: promptTokens,
      completion_tokens: completionTokens,
      total_tokens: promptTokens + completionTokens,
    },
  };
}

/** A `list` of `embedding` objects; each embedding is a float array or a base64 string. */
export function embeddingsBody(model: string, embeddings: (number[] | string)[], promptTokens: number): object {
  return {
    object: "list",
    data: embeddings.map((embedding, index) => ({ object: "embedding", index, embedding })),
    model,
    usage: { prompt_tokens: promptTokens, total_tokens: promptTokens },
  };
}

/** The `GET /v1/models` answer: a list holding the one fake model. */
export function modelsBody(): object {
  return {
    object: "list",
    data: [{ id: FAKE_MODEL, object: "model", created: 1_700_000_000, owned_by: "cortex-mem-testkit" }],
  };
}
