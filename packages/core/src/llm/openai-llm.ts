import type OpenAI from "openai";
import { CortexMemError, ErrorCode } from "../errors.js";
import { lazyOpenAIClient } from "../util/openai-client.js";
import { OPENAI_DEFAULT_BASE_URL, translateOpenAIError } from "../util/openai-errors.js";
import { estimateTokens, reportProviderUsage } from "../usage/usage-context.js";
import { parseLooseJson } from "./json-repair.js";
import type { JsonCompletionRequest, Llm } from "./llm.js";
import { jsonProbeRequest, timedProbe } from "../providers/probe.js";
import type { ProbeResult } from "../providers/probe.js";

/** Settings of {@link OpenAILlm}. */
export interface OpenAILlmOptions {
  apiKey?: string;
  baseUrl?: string;
  model: string;
  temperature: number;
  maxTokens: number;
  timeoutMs: number;
  maxRetries: number;
}

/**
 * Structured JSON completion on any OpenAI-compatible chat endpoint. Transport failures are
 * retried with backoff by the SDK; malformed JSON is repaired locally, else asked for once more.
 */
export class OpenAILlm implements Llm {
  readonly id: string;
  readonly available = true;
  readonly #options: OpenAILlmOptions;
  readonly #client: () => Promise<OpenAI>;
  readonly #url: string;

  constructor(options: OpenAILlmOptions) {
    this.#options = options;
    this.#client = lazyOpenAIClient(options);
    this.#url = options.baseUrl ?? OPENAI_DEFAULT_BASE_URL;
    this.id = `openai:${options.model}`;
  }

  /** Asks for a one-line JSON answer: the endpoint answers, takes the key, and knows the model. */
  probe(signal?: AbortSignal): Promise<ProbeResult> {
    const target = { provider: "openai", model: this.#options.model, baseUrl: this.#url };
    return timedProbe(target, (s) => this.completeJson(jsonProbeRequest(s)), signal);
  }

  async completeJson<T>(request: JsonCompletionRequest<T>): Promise<T> {
    const messages: { role: "system" | "user" | "assistant"; content: string }[] = [
      { role: "system", content: request.system },
      { role: "user", content: request.user },
    ];
    const first = await this.#chat(messages, request.signal);
    const parsed = this.#validate(first, request);
    if (parsed.ok) return parsed.value;
    messages.push(
      { role: "assistant", content: first },
      { role: "user", content: `That reply was not valid: ${parsed.problem}. Answer again with only the JSON object.` },
    );
    const second = await this.#chat(messages, request.signal);
    const retried = this.#validate(second, request);
    if (retried.ok) return retried.value;
    throw new CortexMemError(
      ErrorCode.LLM,
      `The LLM ${this.#options.model} at ${this.#url} returned invalid JSON for ${request.task} twice: ${retried.problem}`,
      {
        details: { reply: second.slice(0, 500) },
      },
    );
  }

  #validate<T>(
    text: string,
    request: JsonCompletionRequest<T>,
  ): { ok: true; value: T } | { ok: false; problem: string } {
    const json = parseLooseJson(text);
    if (json === undefined) return { ok: false, problem: "not JSON" };
    const result = request.schema.safeParse(json);
    if (result.success) return { ok: true, value: result.data };
    const first = result.error.issues[0];
    return {
      ok: false,
      problem: `${first?.path.join(".") || "(root)"}: ${first?.message ?? "does not match the schema"}`,
    };
  }

  async #chat(
    messages: { role: "system" | "user" | "assistant"; content: string }[],
    signal?: AbortSignal,
  ): Promise<string> {
    try {
      const client = await this.#client();
      const response = await client.chat.completions.create(
        {
          model: this.#options.model,
          messages,
          temperature: this.#options.temperature,
          max_tokens: this.#options.maxTokens,
          response_format: { type: "json_object" },
        },
        { signal },
      );
      const content = response.choices?.[0]?.message?.content;
      const usage = response.usage;
      reportProviderUsage(
        usage
          ? { tokensIn: usage.prompt_tokens ?? 0, tokensOut: usage.completion_tokens ?? 0 }
          : {
              tokensIn: estimateTokens(messages.map((m) => m.content)),
              tokensOut: estimateTokens([content ?? ""]),
              estimated: true,
            },
      );
      if (typeof content !== "string" || content.trim() === "") {
        throw new CortexMemError(
          ErrorCode.LLM,
          `The LLM ${this.#options.model} at ${this.#url} returned an empty reply`,
        );
      }
      return content;
    } catch (error) {
      throw translateOpenAIError(error, "LLM", this.#url);
    }
  }
}
