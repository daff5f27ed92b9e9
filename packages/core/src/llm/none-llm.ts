import { CortexMemError, ErrorCode } from "../errors.js";
import type { JsonCompletionRequest, Llm } from "./llm.js";
import { offlineProbe } from "../providers/probe.js";
import type { ProbeResult } from "../providers/probe.js";

/** The `none` provider: no model; the pipeline uses its rule-based fallbacks instead of calling it. */
export class NoneLlm implements Llm {
  readonly id = "none";
  readonly available = false;

  /** No model, nothing to reach. */
  async probe(): Promise<ProbeResult> {
    return offlineProbe(
      { provider: "none", model: null, baseUrl: null },
      'rule-based extraction, no LLM calls; set llm.provider = "openai" and an API key for extraction',
    );
  }

  async completeJson<T>(request: JsonCompletionRequest<T>): Promise<T> {
    throw new CortexMemError(
      ErrorCode.CONFIG,
      `No LLM is configured for ${request.task}; set llm.provider = "openai" and an API key (OPENAI_API_KEY), or add with infer: false`,
    );
  }
}
