import { AsyncLocalStorage } from "node:async_hooks";

/** What the memory is doing when it calls a provider: the phase of the operation and whose it is. */
export interface UsageContext {
  /** `add`, `search`, `update`, `optimizer`…: embedding calls are recorded as `embed-<phase>`. */
  phase: string;
  userId?: string | undefined;
  agentId?: string | undefined;
}

/** Tokens one provider request reported (or that were estimated when it reported none). */
export interface ProviderUsage {
  tokensIn: number;
  tokensOut: number;
  /** True when the provider's response carried no `usage` and the numbers are estimates. */
  estimated?: boolean;
}

/** The provider requests made inside one metered call (a JSON completion may retry once). */
export interface UsageFrame {
  requests: number;
  tokensIn: number;
  tokensOut: number;
  estimated: number;
}

const contexts = new AsyncLocalStorage<UsageContext>();
const frames = new AsyncLocalStorage<UsageFrame>();

/**
 * Runs of either storage not yet settled. In Node 20 the first `run` turns on async hooks for
 * every promise of the process, and they stay on until each storage is disabled: once no run is
 * left, both are (the next `run` turns them on again), so a process that metered one call at
 * start — the embedder's dimension probe — does not pay for the hooks on every later request.
 */
let running = 0;
const settled = (): void => {
  if (--running > 0) return;
  contexts.disable();
  frames.disable();
};

const isThenable = (value: unknown): value is PromiseLike<unknown> =>
  (typeof value === "object" || typeof value === "function") &&
  value !== null &&
  typeof (value as { then?: unknown }).then === "function";

/** `storage.run(store, fn)`, counted in {@link running} until its result (a promise: its outcome) is settled. */
function counted<S, T>(storage: AsyncLocalStorage<S>, store: S, fn: () => T): T {
  running++;
  let value: T;
  try {
    value = storage.run(store, fn);
  } catch (error) {
    settled();
    throw error;
  }
  if (isThenable(value)) value.then(settled, settled);
  else settled();
  return value;
}

/** Runs `fn` with `context` as the usage context of every provider call it makes (nested contexts win). */
export function withUsageContext<T>(context: UsageContext, fn: () => T): T {
  return counted(contexts, context, fn);
}

/** The usage context of the current call, if an operation set one. */
export function currentUsageContext(): UsageContext | undefined {
  return contexts.getStore();
}

/**
 * Runs one metered provider call and returns what its requests reported through
 * {@link reportProviderUsage}, beside its result or error (the tokens of a failed call were spent too).
 */
export async function inUsageFrame<T>(
  fn: () => Promise<T>,
): Promise<{ frame: UsageFrame; value?: T; error?: unknown; failed: boolean }> {
  const frame: UsageFrame = { requests: 0, tokensIn: 0, tokensOut: 0, estimated: 0 };
  try {
    return { frame, value: await counted(frames, frame, fn), failed: false };
  } catch (error) {
    return { frame, error, failed: true };
  }
}

/** Called by a provider after each answered request with the tokens of its `usage` field (or an estimate). */
export function reportProviderUsage(usage: ProviderUsage): void {
  const frame = frames.getStore();
  if (!frame) return;
  frame.requests++;
  frame.tokensIn += Math.max(0, Math.round(usage.tokensIn));
  frame.tokensOut += Math.max(0, Math.round(usage.tokensOut));
  if (usage.estimated) frame.estimated++;
}

/** A rough token count for a provider that reported none: about four characters a token. */
export function estimateTokens(texts: readonly string[]): number {
  return texts.reduce((n, t) => n + Math.ceil(t.length / 4), 0);
}

/** A usage context for `phase` on behalf of a scope given as options (only string parts count). */
export function usagePhase(phase: string, scope: { userId?: unknown; agentId?: unknown } = {}): UsageContext {
  return {
    phase,
    ...(typeof scope.userId === "string" ? { userId: scope.userId } : {}),
    ...(typeof scope.agentId === "string" ? { agentId: scope.agentId } : {}),
  };
}
