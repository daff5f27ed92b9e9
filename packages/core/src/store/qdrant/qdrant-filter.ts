import { CortexMemError, ErrorCode } from "../../errors.js";
import type { Scope } from "../../types/memory.js";
import type { StoreQuery } from "../memory-store.js";

/** One condition of a Qdrant filter (the JSON the REST API takes). */
export type QdrantCondition = Record<string, unknown>;

/** A Qdrant filter: all of `must`, none of `must_not`. */
export interface QdrantFilter {
  must: QdrantCondition[];
  must_not?: QdrantCondition[];
}

const SCOPE_KEYS = [
  ["userId", "user_id"],
  ["agentId", "agent_id"],
  ["runId", "run_id"],
] as const;

/** The hard scope filter: each given part must match exactly (payload keys `user_id`, `agent_id`, `run_id`). */
export function scopeConditions(scope: Scope): QdrantCondition[] {
  return SCOPE_KEYS.filter(([k]) => scope[k] !== undefined).map(([k, key]) => ({ key, match: { value: scope[k] } }));
}

/** Exactly this scope: given parts equal, absent parts absent (dedup looks only at the scope itself). */
export function exactScopeFilter(scope: Scope): QdrantFilter {
  const absent = SCOPE_KEYS.filter(([k]) => scope[k] === undefined).map(([, key]) => ({ is_empty: { key } }));
  return { must: [...scopeConditions(scope), ...absent] };
}

/** The JSON path of a metadata key; keys that are not plain identifiers are quoted. */
export function metadataPath(key: string): string {
  if (/^[A-Za-z0-9_-]+$/.test(key)) return `metadata.${key}`;
  if (key.includes('"') || key.length === 0) {
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      `Metadata key ${JSON.stringify(key)} cannot be filtered on with the Qdrant store`,
      {
        details: [{ path: `filters.metadata.${key}`, message: "key contains a double quote" }],
      },
    );
  }
  return `metadata."${key}"`;
}

function metadataCondition(key: string, value: string | number | boolean | null): QdrantCondition {
  const path = metadataPath(key);
  if (value === null) return { is_null: { key: path } };
  // Numbers compare by value whatever their JSON type (1 = 1.0), as SQLite does; match only takes integers.
  if (typeof value === "number") return { key: path, range: { gte: value, lte: value } };
  return { key: path, match: { value } };
}

function range(key: string, gte: number | undefined, lte: number | undefined): QdrantCondition[] {
  if (gte === undefined && lte === undefined) return [];
  return [{ key, range: { ...(gte !== undefined ? { gte } : {}), ...(lte !== undefined ? { lte } : {}) } }];
}

/** Scope and filters as one Qdrant filter, the same rows SQLite's `queryWhere` selects. */
export function queryFilter(query: StoreQuery): QdrantFilter {
  const f = query.filters;
  const must = scopeConditions(query.scope);
  if (!f.includeSuperseded) must.push({ key: "superseded", match: { value: false } });
  if (f.memoryTypes?.length) must.push({ key: "memory_type", match: { any: f.memoryTypes } });
  must.push(...range("importance", f.minImportance, f.maxImportance));
  must.push(...range("created_at", f.createdAfter?.getTime(), f.createdBefore?.getTime()));
  must.push(...range("observed_at", f.observedAfter?.getTime(), f.observedBefore?.getTime()));
  if (f.topics?.length) must.push({ key: "topics_lc", match: { any: f.topics.map((t) => t.toLowerCase()) } });
  if (f.entities?.length) must.push({ key: "entities_lc", match: { any: f.entities.map((e) => e.toLowerCase()) } });
  if (f.actorId !== undefined) must.push({ key: "actor_id", match: { value: f.actorId } });
  for (const [key, value] of Object.entries(f.metadata ?? {})) must.push(metadataCondition(key, value));
  if (f.expiredAt) must.push({ key: "expires_at", range: { lte: f.expiredAt.getTime() } });
  // Not expired: no `expires_at` (null or missing matches no range) or one after the instant.
  if (f.liveAt) return { must, must_not: [{ key: "expires_at", range: { lte: f.liveAt.getTime() } }] };
  return { must };
}

/** Adds conditions to a filter without changing it. */
export function withConditions(
  filter: QdrantFilter,
  must: QdrantCondition[],
  mustNot: QdrantCondition[] = [],
): QdrantFilter {
  const out: QdrantFilter = { must: [...filter.must, ...must] };
  const not = [...(filter.must_not ?? []), ...mustNot];
  if (not.length) out.must_not = not;
  return out;
}
