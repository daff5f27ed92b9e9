import type { StoreRetriever } from "../store/memory-store.js";
import type { Memory } from "../types/memory.js";

/** How many neighbours each memory asks the vector index for. */
const NEIGHBOURS = 6;

class UnionFind {
  readonly #parent = new Map<string, string>();
  find(x: string): string {
    let p = this.#parent.get(x) ?? x;
    if (p !== x) {
      p = this.find(p);
      this.#parent.set(x, p);
    }
    return p;
  }
  union(a: string, b: string): void {
    const ra = this.find(a);
    const rb = this.find(b);
    if (ra !== rb) this.#parent.set(rb, ra);
  }
}

/**
 * Groups near-duplicates: for each memory, its nearest neighbours in its own exact scope from the
 * store's vector index (never pairwise over everything); pairs at or above `threshold` cosine
 * join one group. Only memories in `candidates` are grouped. Groups of two or more, largest first.
 */
export async function nearDuplicateGroups(
  store: StoreRetriever,
  vectors: Map<string, Float32Array>,
  candidates: Map<string, Memory>,
  threshold: number,
  signal?: AbortSignal,
): Promise<string[][]> {
  const uf = new UnionFind();
  const paired = new Set<string>();
  for (const [id, vector] of vectors) {
    signal?.throwIfAborted();
    const m = candidates.get(id);
    if (!m) continue;
    const scope = {
      ...(m.userId ? { userId: m.userId } : {}),
      ...(m.agentId ? { agentId: m.agentId } : {}),
      ...(m.runId ? { runId: m.runId } : {}),
    };
    const hits = await store.vectorSearch(vector, { scope, filters: {} }, NEIGHBOURS);
    for (const h of hits) {
      const other = candidates.get(h.id);
      if (h.id === id || h.score < threshold || !other) continue;
      if (other.userId !== m.userId || other.agentId !== m.agentId || other.runId !== m.runId) continue;
      uf.union(id, h.id);
      paired.add(id).add(h.id);
    }
  }
  const groups = new Map<string, string[]>();
  for (const id of paired) {
    const root = uf.find(id);
    groups.set(root, [...(groups.get(root) ?? []), id]);
  }
  return [...groups.values()].filter((g) => g.length > 1).sort((a, b) => b.length - a.length);
}

/** The memory a merge keeps: the most important, then the most recently updated, then the longest. */
export function survivorOf(group: Memory[]): Memory {
  return [...group].sort(
    (a, b) =>
      b.importance - a.importance ||
      b.updatedAt.getTime() - a.updatedAt.getTime() ||
      b.content.length - a.content.length,
  )[0] as Memory;
}
