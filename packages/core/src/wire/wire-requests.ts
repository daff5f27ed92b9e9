import type { z } from "zod";
import { CortexMemError, ErrorCode } from "../errors.js";
import type { Scope } from "../types/memory.js";
import type { MessageInput } from "../types/message.js";
import type { AddOptions, FiltersInput, ListOptions, SearchOptions, UpdateInput } from "../types/options.js";
import { parseOrThrow } from "../util/zod-error.js";
import type { wireFilterShape } from "./wire-schemas.js";
import {
  wireAddRequestSchema,
  wireListQuerySchema,
  wireSearchRequestSchema,
  wireUpdateRequestSchema,
} from "./wire-schemas.js";

type Bag = Record<string, unknown>;
const SCOPE_KEYS = [
  ["user_id", "userId"],
  ["agent_id", "agentId"],
  ["run_id", "runId"],
] as const;

const compact = <T extends Bag>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;

/** Reads the scope from flat fields and from nested bags; two different values for one key is an error. */
export function scopeFromWire(...bags: (Bag | undefined)[]): Scope {
  const scope: Record<string, string> = {};
  for (const [wire, lib] of SCOPE_KEYS) {
    for (const bag of bags) {
      const value = bag?.[wire];
      if (value === undefined || value === null) continue;
      if (typeof value !== "string" || value.trim() === "") {
        throw new CortexMemError(ErrorCode.VALIDATION, `${wire} must be a non-empty string`, {
          details: [{ path: wire, message: "expected string" }],
        });
      }
      if (scope[lib] !== undefined && scope[lib] !== value.trim()) {
        throw new CortexMemError(ErrorCode.VALIDATION, `${wire} is given twice with different values`, {
          details: [{ path: wire, message: "conflicting values" }],
        });
      }
      scope[lib] = value.trim();
    }
  }
  return scope;
}

const list = (v: string | string[] | undefined): string[] | undefined =>
  v === undefined ? undefined : (Array.isArray(v) ? v : v.split(",")).map((s) => s.trim()).filter(Boolean);

type WireFilters = Partial<z.infer<z.ZodObject<typeof wireFilterShape>>> & { metadata?: Bag };

/** Reads filters from flat fields merged with `filters: {...}` (nested wins where both are given). */
export function filtersFromWire(flat: WireFilters, nested?: WireFilters): FiltersInput {
  const f = { ...compact(flat as Bag), ...compact((nested ?? {}) as Bag) } as WireFilters;
  const types = f.memory_types ?? (f.memory_type === undefined ? undefined : ([] as string[]).concat(f.memory_type));
  return compact({
    memoryTypes: types?.map((t) => t.trim().toLowerCase()),
    minImportance: f.min_importance ?? f.min_salience,
    maxImportance: f.max_importance,
    createdAfter: f.created_after,
    createdBefore: f.created_before,
    observedAfter: f.observed_after,
    observedBefore: f.observed_before,
    topics: list(f.topics),
    entities: list(f.entities),
    actorId: f.actor_id,
    metadata: nested?.metadata as FiltersInput["metadata"],
    includeSuperseded:
      f.include_superseded === undefined ? undefined : f.include_superseded === true || f.include_superseded === "true",
    includeExpired: includeExpiredFromWire(f),
  }) as FiltersInput;
}

/** `include_expired` of a body or query string (`true`, `"true"`); undefined when absent. */
export function includeExpiredFromWire(bag: { include_expired?: unknown } | undefined): boolean | undefined {
  const v = bag?.include_expired;
  if (v === undefined) return undefined;
  if (v === true || v === "true") return true;
  if (v === false || v === "false") return false;
  throw new CortexMemError(ErrorCode.VALIDATION, "include_expired must be true or false", {
    details: [{ path: "include_expired", message: "expected true or false" }],
  });
}

const withoutScope = (bag: Bag | undefined): Bag | undefined => {
  if (!bag) return bag;
  const { user_id: _u, agent_id: _a, run_id: _r, ...rest } = bag;
  return rest;
};

/** A wire add body → the library's `add(input, options)` arguments. */
export function addRequestFromWire(body: unknown): {
  input: string | MessageInput[];
  options: AddOptions;
  async: boolean;
} {
  const b = parseOrThrow(wireAddRequestSchema, body, "add request");
  const scope = scopeFromWire(b, b.metadata);
  const input: string | MessageInput[] = b.content ?? (b.messages ?? []).map((m) => compact({ ...m }) as MessageInput);
  const options = compact({
    ...scope,
    infer: b.infer,
    memoryType: b.memory_type,
    metadata: withoutScope(b.metadata),
    timestamp: b.timestamp,
    actorId: b.actor_id,
    role: b.role,
    importance: b.importance_score,
    topics: b.topics,
    expiresAt: b.expires_at,
    ttl: b.ttl,
  }) as AddOptions;
  return { input, options, async: b.async === true };
}

/** A wire search body → the library's `search(query, options)` arguments. */
export function searchRequestFromWire(body: unknown): { query: string; options: SearchOptions } {
  const b = parseOrThrow(wireSearchRequestSchema, body, "search request");
  const scope = scopeFromWire(b, b.filters, b.metadata);
  const filters = filtersFromWire(b, b.filters);
  const options = compact({ ...scope, filters, limit: b.limit ?? b.k, threshold: b.threshold }) as SearchOptions;
  return { query: b.query, options };
}

/** A wire list query (query string or tool input) → the library's `list(options)`. */
export function listRequestFromWire(query: unknown): ListOptions {
  const q = parseOrThrow(wireListQuerySchema, query, "list request");
  return compact({ ...scopeFromWire(q), filters: filtersFromWire(q), limit: q.limit, cursor: q.cursor }) as ListOptions;
}

/** A wire update body → the library's `update(id, input)`. */
export function updateRequestFromWire(body: unknown): UpdateInput {
  const b = parseOrThrow(wireUpdateRequestSchema, body, "update request");
  return compact({
    content: b.content,
    memoryType: b.memory_type,
    importance: b.importance_score,
    topics: b.topics,
    entities: b.entities,
    metadata: b.metadata,
    actorId: b.actor_id,
    expiresAt: b.expires_at,
    ttl: b.ttl,
  }) as UpdateInput;
}
