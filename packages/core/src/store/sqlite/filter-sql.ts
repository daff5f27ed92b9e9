import type { Scope } from "../../types/memory.js";
import type { StoreQuery } from "../memory-store.js";

/** A WHERE clause over alias `m` and its positional parameters. */
export interface SqlWhere {
  sql: string;
  params: unknown[];
}

/** The hard scope filter alone: each given part must match exactly. */
export function scopeWhere(scope: Scope, alias = "m"): SqlWhere {
  const parts: string[] = [];
  const params: unknown[] = [];
  for (const [key, column] of [
    ["userId", "user_id"],
    ["agentId", "agent_id"],
    ["runId", "run_id"],
  ] as const) {
    const value = scope[key];
    if (value !== undefined) {
      parts.push(`${alias}.${column} = ?`);
      params.push(value);
    }
  }
  return { sql: parts.length ? parts.join(" AND ") : "1", params };
}

const JSON_TYPE: Record<string, string> = { string: "text", boolean: "bool", number: "num", object: "null" };

/** Scope and filters as one WHERE clause over alias `m`. */
export function queryWhere(query: StoreQuery): SqlWhere {
  const base = scopeWhere(query.scope);
  const parts = [base.sql];
  const params = [...base.params];
  const f = query.filters;
  const add = (sql: string, ...values: unknown[]): void => {
    parts.push(sql);
    params.push(...values);
  };
  if (!f.includeSuperseded) add("m.superseded_by IS NULL");
  if (f.liveAt) add("(m.expires_at IS NULL OR m.expires_at > ?)", f.liveAt.getTime());
  if (f.expiredAt) add("m.expires_at <= ?", f.expiredAt.getTime());
  if (f.memoryTypes?.length) add(`m.memory_type IN (${f.memoryTypes.map(() => "?").join(",")})`, ...f.memoryTypes);
  if (f.minImportance !== undefined) add("m.importance >= ?", f.minImportance);
  if (f.maxImportance !== undefined) add("m.importance <= ?", f.maxImportance);
  if (f.createdAfter) add("m.created_at >= ?", f.createdAfter.getTime());
  if (f.createdBefore) add("m.created_at <= ?", f.createdBefore.getTime());
  if (f.observedAfter) add("m.observed_at >= ?", f.observedAfter.getTime());
  if (f.observedBefore) add("m.observed_at <= ?", f.observedBefore.getTime());
  for (const [field, values] of [
    ["topics", f.topics],
    ["entities", f.entities],
  ] as const) {
    if (!values?.length) continue;
    add(
      `EXISTS (SELECT 1 FROM json_each(m.${field}) j WHERE lower(j.value) IN (${values.map(() => "?").join(",")}))`,
      ...values.map((v) => v.toLowerCase()),
    );
  }
  if (f.actorId !== undefined) add("m.actor_id = ?", f.actorId);
  for (const [key, value] of Object.entries(f.metadata ?? {})) {
    const kind = value === null ? "null" : JSON_TYPE[typeof value];
    if (kind === "null") add("EXISTS (SELECT 1 FROM json_each(m.metadata) j WHERE j.key = ? AND j.type = 'null')", key);
    else if (kind === "bool")
      add(
        "EXISTS (SELECT 1 FROM json_each(m.metadata) j WHERE j.key = ? AND j.type = ?)",
        key,
        value ? "true" : "false",
      );
    else if (kind === "num")
      add(
        "EXISTS (SELECT 1 FROM json_each(m.metadata) j WHERE j.key = ? AND j.type IN ('integer','real') AND j.atom = ?)",
        key,
        value,
      );
    else
      add(
        "EXISTS (SELECT 1 FROM json_each(m.metadata) j WHERE j.key = ? AND j.type = 'text' AND j.atom = ?)",
        key,
        value,
      );
  }
  return { sql: parts.join(" AND "), params };
}

/** True when the query narrows beyond scope, superseded-ness and expiry (the vector cache then asks SQL which rows qualify). */
export function hasNarrowingFilters(query: StoreQuery): boolean {
  const { includeSuperseded: _i, liveAt: _l, ...rest } = query.filters;
  return Object.values(rest).some((v) => v !== undefined);
}
