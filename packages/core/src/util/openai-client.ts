import type OpenAI from "openai";

/** Connection settings shared by the OpenAI-compatible LLM and embedder. */
export interface OpenAIClientOptions {
  apiKey?: string;
  baseUrl?: string;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Creates an `openai` SDK client on first use: the SDK is imported lazily so that commands which
 * never call a provider start fast. The SDK's own retries (backoff on 429, 5xx and timeouts) apply.
 */
export function lazyOpenAIClient(options: OpenAIClientOptions): () => Promise<OpenAI> {
  let client: Promise<OpenAI> | undefined;
  return () => {
    client ??= import("openai").then(
      ({ default: OpenAIClass }) =>
        new OpenAIClass({
          apiKey: options.apiKey ?? "no-key",
          baseURL: options.baseUrl,
          timeout: options.timeoutMs,
          maxRetries: options.maxRetries,
        }),
    );
    return client;
  };
}
