import type { StoreHistory, StoreReader } from "../store/memory-store.js";
import type { HistoryEntry, Memory, Scope } from "../types/memory.js";
import {
  dayNumber,
  growthDays,
  importanceBucket,
  importanceBuckets,
  resolveInsightsOptions,
} from "./insights-options.js";
import type { ActivityRow, InsightsOptions, MemoryInsights, ResolvedInsightsOptions } from "./insights-types.js";

const bump = <K>(map: Map<K, number>, key: K): void => {
  map.set(key, (map.get(key) ?? 0) + 1);
};

function ownerRows(counts: Map<string, number>, last: Map<string, number>, limit: number): ActivityRow[] {
  return [...counts.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([id, memories]) => ({ id, memories, lastActivity: last.has(id) ? new Date(last.get(id) as number) : null }));
}

/**
 * Insights of a store without aggregate queries (e.g. Qdrant): one pass over every memory of the
 * scope, page by page. Last activity is the latest `updatedAt`; recent changes are the history of
 * the most recently updated memories.
 */
export async function scanInsights(
  store: StoreReader & StoreHistory,
  scope: Scope,
  o: ResolvedInsightsOptions,
): Promise<MemoryInsights> {
  const byType = new Map<string, number>();
  const users = new Map<string, number>();
  const agents = new Map<string, number>();
  const lastUser = new Map<string, number>();
  const lastAgent = new Map<string, number>();
  const perDay = new Map<number, number>();
  const buckets = new Map<number, number>();
  let total = 0;
  let superseded = 0;
  let before = 0;
  let latest: Memory[] = [];
  let cursor: string | undefined;
  do {
    const page = await store.list(
      { scope, filters: { includeSuperseded: true } },
      { limit: 500, ...(cursor ? { cursor } : {}) },
    );
    for (const m of page.memories) {
      total++;
      if (m.supersededBy) superseded++;
      bump(byType, m.memoryType);
      bump(buckets, importanceBucket(m.importance));
      const updated = m.updatedAt.getTime();
      for (const [id, counts, last] of [
        [m.userId, users, lastUser],
        [m.agentId, agents, lastAgent],
      ] as const) {
        if (id === undefined) continue;
        bump(counts, id);
        last.set(id, Math.max(last.get(id) ?? 0, updated));
      }
      if (m.createdAt < o.since) before++;
      else bump(perDay, dayNumber(m.createdAt.getTime()));
    }
    latest = [...latest, ...page.memories]
      .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime())
      .slice(0, o.recent);
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  const histories = await Promise.all(latest.map((m) => store.history(m.id)));
  const recent: HistoryEntry[] = histories
    .flat()
    .sort((a, b) => b.at.getTime() - a.at.getTime())
    .slice(0, o.recent);
  const stats = await store.stats(scope);
  return {
    total,
    superseded,
    historyEntries: stats.historyEntries,
    byType: Object.fromEntries(byType),
    users: ownerRows(users, lastUser, o.owners),
    usersTotal: users.size,
    agents: ownerRows(agents, lastAgent, o.owners),
    agentsTotal: agents.size,
    growth: growthDays(o, perDay),
    createdBefore: before,
    importance: importanceBuckets(buckets),
    storeSizeBytes: null,
    recent,
  };
}

/**
 * Aggregates of a scope (empty scope: everything) for dashboards: counts by type and owner, last
 * activity, growth per day, importance histogram, store size and recent history. Uses the store's
 * own aggregate queries when it has them, else one pass over the memories.
 */
export async function memoryInsights(
  store: StoreReader & StoreHistory,
  scope: Scope,
  options: InsightsOptions = {},
): Promise<MemoryInsights> {
  const resolved = resolveInsightsOptions(options);
  return store.insights ? store.insights(scope, resolved) : scanInsights(store, scope, resolved);
}
