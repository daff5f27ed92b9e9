import type { Scope } from "@cortex-mem/core";
import { scopeFromWire } from "@cortex-mem/core/wire";
import { UsageError } from "../runtime/exit-codes.js";

/** The scope flags every memory command shares. */
export type ScopeFlags = { userId?: string; agentId?: string; runId?: string };

/** The scope flags in wire form (`user_id`, …), for the core `*FromWire` readers. */
export function wireScope(o: ScopeFlags): Record<string, string> {
  return Object.fromEntries(
    Object.entries({ user_id: o.userId, agent_id: o.agentId, run_id: o.runId }).filter(
      (e): e is [string, string] => e[1] !== undefined,
    ),
  );
}

/** The scope flags read through core (so blank values fail like on every other door). */
export function scopeOfFlags(o: ScopeFlags): Scope {
  return scopeFromWire(wireScope(o));
}

/** A `{scope}` guard for get/update/delete/history when scope flags were given. */
export function guardOf(o: ScopeFlags): { scope?: Scope } {
  const scope = scopeOfFlags(o);
  return Object.keys(scope).length ? { scope } : {};
}

/** Filter flags of search and list in wire form. */
export type FilterFlags = {
  memoryType?: string[];
  topic?: string[];
  topics?: string[];
  entity?: string[];
  actor?: string;
  metadata?: Record<string, unknown>;
  minImportance?: number;
  after?: string;
  before?: string;
  observedAfter?: string;
  observedBefore?: string;
  includeSuperseded?: boolean;
  includeExpired?: boolean;
};

/**
 * Filter flags → the wire fields `searchRequestFromWire` / `listRequestFromWire` read
 * (`--metadata` is not a flat wire field: see {@link metadataFilter}).
 */
export function wireFilters(o: FilterFlags): Record<string, unknown> {
  const topics = [...(o.topic ?? []), ...(o.topics ?? [])];
  return Object.fromEntries(
    Object.entries({
      memory_types: o.memoryType?.length ? o.memoryType : undefined,
      topics: topics.length ? topics : undefined,
      entities: o.entity?.length ? o.entity : undefined,
      actor_id: o.actor,
      min_importance: o.minImportance,
      created_after: o.after,
      created_before: o.before,
      observed_after: o.observedAfter,
      observed_before: o.observedBefore,
      include_superseded: o.includeSuperseded,
      include_expired: o.includeExpired,
    }).filter(([, v]) => v !== undefined),
  );
}

/** `--ttl`, `--expires-at`, `--never-expire` of add and update. */
export type ExpiryFlags = { ttl?: string; expiresAt?: string; neverExpire?: boolean };

/**
 * Expiry flags → the wire fields (`ttl`, `expires_at`; `--never-expire` is `expires_at: null`).
 * Two of them at once is a usage error naming both; core checks each value.
 */
export function wireExpiry(o: ExpiryFlags): Record<string, unknown> {
  const given = [
    o.ttl !== undefined && "--ttl",
    o.expiresAt !== undefined && "--expires-at",
    o.neverExpire && "--never-expire",
  ];
  const used = given.filter(Boolean);
  if (used.length > 1) throw new UsageError(`Give only one of ${used.join(", ")}`);
  if (o.neverExpire) return { expires_at: null };
  return {
    ...(o.ttl !== undefined ? { ttl: o.ttl } : {}),
    ...(o.expiresAt !== undefined ? { expires_at: o.expiresAt } : {}),
  };
}

/** Commands that write by scope need one: a usage error naming the flags otherwise. */
export function requireScopeFlags(o: ScopeFlags, command: string): void {
  if (o.userId === undefined && o.agentId === undefined && o.runId === undefined) {
    throw new UsageError(`${command} needs a scope: pass -u/--user-id, -a/--agent-id or --run-id`);
  }
}

/** `--metadata` filter pairs as core's `filters.metadata` (core validates the values), or nothing. */
export function metadataFilter(o: FilterFlags): { metadata?: Record<string, string | number | boolean | null> } {
  return o.metadata ? { metadata: o.metadata as Record<string, string | number | boolean | null> } : {};
}
