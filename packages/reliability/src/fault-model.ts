import type { ScriptedReply } from "@cortex-mem/testkit";

/** The faults the fake provider is scripted with. `malformed` is chat-only, `wrong-dimension` embeddings-only. */
export const FAULTS = ["429", "500", "hang", "truncated", "malformed", "wrong-dimension"] as const;

/** One scripted fault (or a normal answer). */
export type Fault = (typeof FAULTS)[number] | "ok";

/** Codes an `add` can fail with when a provider misbehaves. */
export type ProviderCode = "RATE_LIMITED" | "LLM" | "EMBEDDING" | "TIMEOUT";

/** What an `add` must do for a given script: succeed (from the LLM's facts, or raw under `store_raw`) or fail with one code. */
export type AddOutcome =
  { ok: true; raw: false } | { ok: true; raw: true; llmError: ProviderCode } | { ok: false; code: ProviderCode };

const RETRIED = new Set<Fault>(["429", "500", "hang"]);

/** The fake server's reply for a fault; error statuses ask the SDK to retry after 1 ms so retries are instant. */
export function replyFor(fault: Fault, dimensions: number): ScriptedReply {
  const retryNow = { "retry-after-ms": "1" };
  switch (fault) {
    case "429":
      return { status: 429, headers: retryNow };
    case "500":
      return { status: 500, headers: retryNow };
    case "hang":
      return { hang: true };
    case "truncated":
      return { body: '{"id":"x","object":"list","data":[{"embedding":[0.1,' };
    case "malformed":
      return { content: '{"facts": [{"content": "half a fact' };
    case "wrong-dimension":
      return { embeddings: [Array.from({ length: Math.max(1, dimensions / 2) }, () => 0.1)] };
    default:
      return {};
  }
}

/** One provider call as the `openai` SDK makes it: retryable faults are retried up to `maxRetries` times. */
function call(
  queue: Fault[],
  maxRetries: number,
  kind: "LLM" | "EMBEDDING",
): { ok: true; malformed: boolean } | { ok: false; code: ProviderCode } {
  for (let attempt = 0; ; attempt++) {
    const fault = queue.shift() ?? "ok";
    if (RETRIED.has(fault)) {
      if (attempt < maxRetries) continue;
      return { ok: false, code: fault === "429" ? "RATE_LIMITED" : fault === "hang" ? "TIMEOUT" : kind };
    }
    if (fault === "truncated" || fault === "wrong-dimension") return { ok: false, code: kind };
    return { ok: true, malformed: fault === "malformed" };
  }
}

/** The extraction call: a malformed JSON reply is asked for once more, then it is an `LLM` error. */
function extraction(chat: Fault[], maxRetries: number): { ok: true } | { ok: false; code: ProviderCode } {
  for (let ask = 0; ask < 2; ask++) {
    const r = call(chat, maxRetries, "LLM");
    if (!r.ok) return r;
    if (!r.malformed) return { ok: true };
  }
  return { ok: false, code: "LLM" };
}

/**
 * Predicts what `add(messages, {infer: true})` in a fresh scope does when the fake answers the
 * chat and embeddings calls from these scripts (consumed in order): the contract under test.
 * `store_raw` covers LLM failures only; an embedding failure fails the add with its code.
 */
export function expectedAdd(
  chatScript: Fault[],
  embeddingScript: Fault[],
  o: { maxRetries: number; storeRaw: boolean },
): AddOutcome {
  const chat = [...chatScript];
  const emb = [...embeddingScript];
  const llm = extraction(chat, o.maxRetries);
  if (llm.ok) {
    const embedded = call(emb, o.maxRetries, "EMBEDDING");
    return embedded.ok ? { ok: true, raw: false } : embedded;
  }
  if (!o.storeRaw) return llm;
  const raw = call(emb, o.maxRetries, "EMBEDDING");
  return raw.ok ? { ok: true, raw: true, llmError: llm.code } : raw;
}
