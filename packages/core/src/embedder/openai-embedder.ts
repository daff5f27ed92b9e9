import type OpenAI from "openai";
import { CortexMemError, ErrorCode } from "../errors.js";
import { lazyOpenAIClient } from "../util/openai-client.js";
import { OPENAI_DEFAULT_BASE_URL, translateOpenAIError } from "../util/openai-errors.js";
import type { Embedder } from "./embedder.js";
import { normalize } from "./embedder.js";
import { estimateTokens, reportProviderUsage } from "../usage/usage-context.js";
import { timedProbe } from "../providers/probe.js";
import type { ProbeResult } from "../providers/probe.js";

/** Settings of {@link OpenAIEmbedder}. */
export interface OpenAIEmbedderOptions {
  apiKey?: string;
  baseUrl?: string;
  model: string;
  dimensions?: number;
  batchSize: number;
  timeoutMs: number;
  maxRetries: number;
}

/** Embeddings from any OpenAI-compatible endpoint (OpenAI, Azure, Ollama, vLLM, LM Studio…), in batches. */
export class OpenAIEmbedder implements Embedder {
  readonly id: string;
  readonly #options: OpenAIEmbedderOptions;
  readonly #client: () => Promise<OpenAI>;
  readonly #url: string;
  #dimensions: number | undefined;

  constructor(options: OpenAIEmbedderOptions) {
    this.#options = options;
    this.#dimensions = options.dimensions;
    this.#client = lazyOpenAIClient(options);
    this.#url = options.baseUrl ?? OPENAI_DEFAULT_BASE_URL;
    this.id = `openai:${options.model}${options.dimensions ? `:${options.dimensions}` : ""}`;
  }

  async dimensions(signal?: AbortSignal): Promise<number> {
    if (this.#dimensions === undefined) {
      const [probe] = await this.#request(["dimension probe"], signal);
      this.#dimensions = (probe as Float32Array).length;
    }
    return this.#dimensions;
  }

  /** Embeds one word: the endpoint answers, takes the key, and returns a vector of the expected size. */
  probe(signal?: AbortSignal): Promise<ProbeResult> {
    const target = { provider: "openai", model: this.#options.model, baseUrl: this.#url };
    return timedProbe(target, (s) => this.#request(["ping"], s), signal);
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    const out: Float32Array[] = [];
    for (let i = 0; i < texts.length; i += this.#options.batchSize) {
      out.push(...(await this.#request(texts.slice(i, i + this.#options.batchSize), signal)));
    }
    return out;
  }

  async #request(input: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (input.length === 0) return [];
    let data: { embedding: number[]; index: number }[];
    try {
      const client = await this.#client();
      const response = await client.embeddings.create(
        {
          model: this.#options.model,
          input,
          ...(this.#options.dimensions ? { dimensions: this.#options.dimensions } : {}),
        },
        { signal },
      );
      data = response.data as { embedding: number[]; index: number }[];
      const usage = (response as { usage?: { prompt_tokens?: number } }).usage;
      reportProviderUsage(
        usage?.prompt_tokens !== undefined
          ? { tokensIn: usage.prompt_tokens, tokensOut: 0 }
          : { tokensIn: estimateTokens(input), tokensOut: 0, estimated: true },
      );
    } catch (error) {
      throw translateOpenAIError(error, "EMBEDDING", this.#url);
    }
    if (!Array.isArray(data) || data.length !== input.length) {
      throw new CortexMemError(
        ErrorCode.EMBEDDING,
        `The embedding endpoint ${this.#url} returned ${data?.length ?? 0} vectors for ${input.length} texts`,
      );
    }
    const sorted = [...data].sort((a, b) => a.index - b.index);
    return sorted.map((d) => this.#check(d.embedding));
  }

  #check(embedding: number[]): Float32Array {
    const expected = this.#dimensions;
    if (!Array.isArray(embedding) && !((embedding as unknown) instanceof Float32Array)) {
      throw new CortexMemError(ErrorCode.EMBEDDING, `The embedding endpoint ${this.#url} returned a malformed vector`);
    }
    if (embedding.length === 0 || (expected !== undefined && embedding.length !== expected)) {
      throw new CortexMemError(
        ErrorCode.EMBEDDING,
        `The embedding endpoint ${this.#url} returned a vector of dimension ${embedding.length}, expected ${expected ?? "a non-empty vector"}; check embedding.model / embedding.dimensions`,
      );
    }
    if (embedding.some((x) => !Number.isFinite(x))) {
      throw new CortexMemError(
        ErrorCode.EMBEDDING,
        `The embedding endpoint ${this.#url} returned a vector with non-finite values`,
      );
    }
    return normalize(Float32Array.from(embedding));
  }
}
