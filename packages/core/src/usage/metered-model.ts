import type { UsageLedger } from "./usage-ledger.js";
import { currentUsageContext, inUsageFrame } from "./usage-context.js";

/**
 * The model name a provider id stands for: `openai:gpt-4o-mini` → `gpt-4o-mini`,
 * `openai:text-embedding-3-small:512` → `text-embedding-3-small`, `local-hash-v2:384` → `local-hash-v2`.
 */
export function modelOfProviderId(id: string): string {
  const bare = id.startsWith("openai:") ? id.slice("openai:".length) : id;
  return bare.replace(/:\d+$/, "");
}

/**
 * Runs one provider call and records it in `ledger` under `operation` and the current usage
 * context's scope: the tokens its requests reported, or — when it made no reporting request (a
 * local model) — one call of 0 estimated tokens (unless `countLocal` is false). A failed call is recorded with what it spent, then rethrown.
 */
export async function metered<T>(
  ledger: UsageLedger,
  model: string,
  operation: string,
  fn: () => Promise<T>,
  options: { countLocal?: boolean } = {},
): Promise<T> {
  const context = currentUsageContext();
  const at = new Date();
  const outcome = await inUsageFrame(fn);
  const { frame } = outcome;
  if (frame.requests > 0 || (!outcome.failed && options.countLocal !== false)) {
    const local = frame.requests === 0;
    ledger.record({
      operation,
      model,
      userId: context?.userId,
      agentId: context?.agentId,
      calls: local ? 1 : frame.requests,
      tokensIn: frame.tokensIn,
      tokensOut: frame.tokensOut,
      estimatedCalls: local ? 1 : frame.estimated,
      at,
    });
  }
  if (outcome.failed) throw outcome.error;
  return outcome.value as T;
}
