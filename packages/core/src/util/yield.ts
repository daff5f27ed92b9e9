/**
 * Lets the event loop run pending I/O (other requests, timers) before continuing. An `await` on a
 * resolved promise only runs microtasks; CPU-bound loops over large inputs yield through
 * {@link yielder} so one big call never stalls the others.
 */
export function yieldToLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Longest a CPU-bound loop runs between two yields to the event loop, in milliseconds. */
export const YIELD_BUDGET_MS = 8;

/** A function to call between items of a CPU-bound loop: it yields once {@link YIELD_BUDGET_MS} have passed since the last yield. */
export function yielder(budgetMs = YIELD_BUDGET_MS): () => Promise<void> {
  let since = performance.now();
  return async () => {
    if (performance.now() - since < budgetMs) return;
    await yieldToLoop();
    since = performance.now();
  };
}

/** `items.map(fn)` that yields to the event loop every {@link YIELD_BUDGET_MS} of work. */
export async function mapYielding<T, R>(items: readonly T[], fn: (item: T, index: number) => R): Promise<R[]> {
  const out: R[] = [];
  const pause = yielder();
  for (let i = 0; i < items.length; i++) {
    await pause();
    out.push(fn(items[i] as T, i));
  }
  return out;
}
