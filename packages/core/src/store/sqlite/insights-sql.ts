import { existsSync, statSync } from "node:fs";
import type Database from "better-sqlite3";
import { growthDays, importanceBucket, importanceBuckets } from "../../insights/insights-options.js";
import type { ActivityRow, MemoryInsights, ResolvedInsightsOptions } from "../../insights/insights-types.js";
import type { Scope } from "../../types/memory.js";
import { scopeWhere } from "./filter-sql.js";
import { rowToHistory } from "./rows.js";
import type { HistoryRow } from "./rows.js";

type Sql = (sql: string) => Database.Statement;

const DAY_MS = 86_400_000;

/** Owners (user or agent) with their live memory counts and latest history row, most memories first. */
function owners(
  sql: Sql,
  scope: Scope,
  column: "user_id" | "agent_id",
  limit: number,
): { rows: ActivityRow[]; total: number } {
  const m = scopeWhere(scope, "m");
  const h = scopeWhere(scope, "h");
  const query = `
    WITH counts AS (SELECT m.${column} AS k, COUNT(*) AS n FROM memories m WHERE ${m.sql} AND m.${column} IS NOT NULL GROUP BY m.${column}),
         acts AS (SELECT h.${column} AS k, MAX(h.at) AS last FROM history h WHERE ${h.sql} AND h.${column} IS NOT NULL GROUP BY h.${column}),
         keys AS (SELECT k FROM counts UNION SELECT k FROM acts)
    SELECT keys.k AS k, COALESCE(counts.n, 0) AS n, acts.last AS last, COUNT(*) OVER () AS total
    FROM keys LEFT JOIN counts ON counts.k = keys.k LEFT JOIN acts ON acts.k = keys.k
    ORDER BY n DESC, keys.k LIMIT ?`;
  const rows = sql(query).all(...m.params, ...h.params, limit) as {
    k: string;
    n: number;
    last: number | null;
    total: number;
  }[];
  return {
    rows: rows.map((r) => ({ id: r.k, memories: r.n, lastActivity: r.last === null ? null : new Date(r.last) })),
    total: rows[0]?.total ?? 0,
  };
}

/** Bytes of the database file and its WAL (null for an in-memory database). */
function fileSize(path: string): number | null {
  if (path === ":memory:" || path === "") return null;
  return [path, `${path}-wal`].reduce((sum, p) => sum + (existsSync(p) ? statSync(p).size : 0), 0);
}

/** {@link MemoryInsights} of a scope, by SQL aggregates over the memories and history tables. */
export function sqliteInsights(sql: Sql, path: string, scope: Scope, options: ResolvedInsightsOptions): MemoryInsights {
  const w = scopeWhere(scope, "m");
  const hw = scopeWhere(scope, "h");
  // One covering-index pass (memories_insights) gives totals, superseded, types and importance.
  const groups = sql(
    `SELECT m.memory_type AS k, m.importance AS i, COUNT(*) AS n, COUNT(m.superseded_by) AS s
     FROM memories m WHERE ${w.sql} GROUP BY m.memory_type, m.importance`,
  ).all(...w.params) as { k: string; i: number; n: number; s: number }[];
  const totals = { total: 0, superseded: 0 };
  const byType: Record<string, number> = {};
  const bucketCounts = new Map<number, number>();
  for (const g of groups) {
    totals.total += g.n;
    totals.superseded += g.s;
    byType[g.k] = (byType[g.k] ?? 0) + g.n;
    const b = importanceBucket(g.i);
    bucketCounts.set(b, (bucketCounts.get(b) ?? 0) + g.n);
  }
  const since = options.since.getTime();
  const perDay = sql(
    `SELECT m.created_at / ${DAY_MS} AS d, COUNT(*) AS n FROM memories m WHERE ${w.sql} AND m.created_at >= ? GROUP BY d`,
  ).all(...w.params, since) as { d: number; n: number }[];
  const before = (
    sql(`SELECT COUNT(*) AS n FROM memories m WHERE ${w.sql} AND m.created_at < ?`).get(...w.params, since) as {
      n: number;
    }
  ).n;
  const historyEntries = (sql(`SELECT COUNT(*) AS n FROM history h WHERE ${hw.sql}`).get(...hw.params) as { n: number })
    .n;
  const recent = (
    sql(`SELECT h.* FROM history h WHERE ${hw.sql} ORDER BY h.seq DESC LIMIT ?`).all(
      ...hw.params,
      options.recent,
    ) as HistoryRow[]
  ).map(rowToHistory);
  const users = owners(sql, scope, "user_id", options.owners);
  const agents = owners(sql, scope, "agent_id", options.owners);
  return {
    ...totals,
    historyEntries,
    byType,
    users: users.rows,
    usersTotal: users.total,
    agents: agents.rows,
    agentsTotal: agents.total,
    growth: growthDays(options, new Map(perDay.map((r) => [r.d, r.n]))),
    createdBefore: before,
    importance: importanceBuckets(bucketCounts),
    storeSizeBytes: fileSize(path),
    recent,
  };
}
