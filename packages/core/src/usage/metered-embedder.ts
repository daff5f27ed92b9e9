import type { Embedder } from "../embedder/embedder.js";
import { currentUsageContext } from "./usage-context.js";
import type { UsageLedger } from "./usage-ledger.js";
import { metered, modelOfProviderId } from "./metered-model.js";
import { probeEmbedder } from "../providers/probe.js";
import type { ProbeResult } from "../providers/probe.js";

/** `embed-<phase>` of the current usage context (`embed-add`, `embed-search`…), else `embed-other`. */
export function embedOperation(): string {
  return `embed-${currentUsageContext()?.phase ?? "other"}`;
}

/** An {@link Embedder} that records every request's tokens in a {@link UsageLedger}; otherwise the same embedder. */
export class MeteredEmbedder implements Embedder {
  readonly id: string;
  readonly noiseFloor?: number;
  readonly inner: Embedder;
  readonly #ledger: UsageLedger;
  readonly #model: string;

  constructor(inner: Embedder, ledger: UsageLedger) {
    this.inner = inner;
    this.id = inner.id;
    if (inner.noiseFloor !== undefined) this.noiseFloor = inner.noiseFloor;
    this.#ledger = ledger;
    this.#model = modelOfProviderId(inner.id);
  }

  /** A dimension probe costs a request only when the size was not configured; recorded as `embed-probe` then. */
  dimensions(signal?: AbortSignal): Promise<number> {
    return metered(this.#ledger, this.#model, "embed-probe", () => this.inner.dimensions(signal), {
      countLocal: false,
    });
  }

  /** The inner embedder's probe, its requests recorded as `embed-probe`. */
  probe(signal?: AbortSignal): Promise<ProbeResult> {
    return metered(this.#ledger, this.#model, "embed-probe", () => probeEmbedder(this.inner, signal), {
      countLocal: false,
    });
  }

  embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (texts.length === 0) return this.inner.embed(texts, signal);
    return metered(this.#ledger, this.#model, embedOperation(), () => this.inner.embed(texts, signal));
  }
}
