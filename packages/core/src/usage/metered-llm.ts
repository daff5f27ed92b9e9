import type { JsonCompletionRequest, Llm } from "../llm/llm.js";
import { currentUsageContext } from "./usage-context.js";
import type { UsageLedger } from "./usage-ledger.js";
import { metered, modelOfProviderId } from "./metered-model.js";
import { probeLlm } from "../providers/probe.js";
import type { ProbeResult } from "../providers/probe.js";

/** Operation names of the LLM tasks the engine runs (by `JsonCompletionRequest.task`). */
const TASK_OPERATIONS: Record<string, string> = {
  "fact extraction": "extract",
  "memory update decision": "decide",
  "memory classification": "optimizer",
  "memory merge": "optimizer",
  "status probe": "probe",
  "health check": "probe",
};

/** The usage operation of an LLM task: its known name, else the current phase, else `llm`. */
export function llmOperation(task: string): string {
  return TASK_OPERATIONS[task] ?? currentUsageContext()?.phase ?? "llm";
}

/** An {@link Llm} that records every completion's tokens in a {@link UsageLedger}; otherwise the same LLM. */
export class MeteredLlm implements Llm {
  readonly id: string;
  readonly available: boolean;
  readonly inner: Llm;
  readonly #ledger: UsageLedger;
  readonly #model: string;

  constructor(inner: Llm, ledger: UsageLedger) {
    this.inner = inner;
    this.id = inner.id;
    this.available = inner.available;
    this.#ledger = ledger;
    this.#model = modelOfProviderId(inner.id);
  }

  /** The inner LLM's probe, its requests recorded as `probe`. */
  probe(signal?: AbortSignal): Promise<ProbeResult> {
    return metered(this.#ledger, this.#model, "probe", () => probeLlm(this.inner, signal), { countLocal: false });
  }

  completeJson<T>(request: JsonCompletionRequest<T>): Promise<T> {
    return metered(this.#ledger, this.#model, llmOperation(request.task), () => this.inner.completeJson(request));
  }
}
