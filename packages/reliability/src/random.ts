import { seededRandom } from "@cortex-mem/testkit";

/** The shared seeded PRNG: the same seed gives the same kill moments, so a failing run can be replayed. */
export { seededRandom };

/** Picks `n` items spread over `items` (all of them when there are fewer). */
export function spread<T>(items: T[], n: number, random: () => number): T[] {
  if (items.length <= n) return [...items];
  const out = new Set<T>();
  while (out.size < n) out.add(items[Math.floor(random() * items.length)] as T);
  return [...out];
}
