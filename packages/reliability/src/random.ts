/** A small seeded PRNG (mulberry32): the same seed gives the same kill moments, so a failing run can be replayed. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Picks `n` items spread over `items` (all of them when there are fewer). */
export function spread<T>(items: T[], n: number, random: () => number): T[] {
  if (items.length <= n) return [...items];
  const out = new Set<T>();
  while (out.size < n) out.add(items[Math.floor(random() * items.length)] as T);
  return [...out];
}
