import type { z } from "zod";
import { CortexMemError, ErrorCode } from "../errors.js";
import type { Scope } from "../types/memory.js";
import { LIMITS } from "../types/limits.js";
import type { MessageInput } from "../types/message.js";
import type { AddOptions, FiltersInput, ListOptions, SearchOptions, UpdateInput } from "../types/options.js";
import { parseOrThrow } from "../util/zod-error.js";
import type { wireFilterShape } from "./wire-schemas.js";
import {
  wireAddRequestSchema,
  wireListQuerySchema,
  wireScopeObject,
  wireSearchRequestSchema,
  wireUpdateRequestSchema,
} from "./wire-schemas.js";

type Bag = Record<string, unknown>;
const SCOPE_KEYS = [
  ["user_id", "userId"],
  ["agent_id", "agentId"],
  ["run_id", "runId"],
] as const;

/** `o` without its undefined fields (a loop: `fromEntries(entries().filter())` cost a search request ~5 µs). */
const compact = <T extends Bag>(o: T): T => {
  const out: Bag = {};
  for (const key of Object.keys(o)) if (o[key] !== undefined) out[key] = o[key];
  return out as T;
};

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

type WireFilters = Partial<z.infer<z.ZodObject<ReturnType<typeof wireFilterShape>>>> & { metadata?: Bag; custom?: Bag };

/**
 * The value of a field that has documented aliases (`threshold` / v1's `similarity_threshold`):
 * whichever the caller gave; two different values is a `VALIDATION` error naming the alias.
 */
export function aliased<T>(bag: Bag, names: readonly string[]): T | undefined {
  let found: { name: string; value: unknown } | undefined;
  for (const name of names) {
    const value = bag[name];
    if (value === undefined) continue;
    if (found && JSON.stringify(found.value) !== JSON.stringify(value)) {
      throw new CortexMemError(ErrorCode.VALIDATION, `${name} and ${found.name} name the same field; give one`, {
        details: [{ path: name, message: `conflicts with ${found.name}` }],
      });
    }
    found ??= { name, value };
  }
  return found?.value as T | undefined;
}

/** Empty entries of a list are dropped; a list left empty is an error (it would match nothing). */
function nonEmptyList(v: string | string[] | undefined, name: string): string[] | undefined {
  const items = list(v);
  if (items === undefined || items.length > 0) return items;
  throw new CortexMemError(ErrorCode.VALIDATION, `${name} must name at least one value`, {
    details: [{ path: name, message: "empty list" }],
  });
}

/** Flat fields and `filters: {...}` as one bag; a field given in both with different values is an error. */
function mergeFilters(flat: WireFilters, nested: WireFilters | undefined): WireFilters {
  const merged: Bag = compact({ ...flat } as Bag);
  for (const [key, value] of Object.entries(compact({ ...nested } as Bag))) {
    if (key === "metadata" || key === "custom") continue;
    merged[key] = aliased({ [key]: merged[key], [`filters.${key}`]: value }, [key, `filters.${key}`]);
  }
  return merged as WireFilters;
}

/**
 * Reads filters from flat fields merged with `filters: {...}` (mem0's form); a field given twice
 * with different values, or under two of its names, is a `VALIDATION` error naming it.
 */
export function filtersFromWire(flat: WireFilters, nested?: WireFilters & { custom?: Bag }): FiltersInput {
  const f = mergeFilters(flat, nested);
  if (f.memory_type !== undefined && f.memory_types !== undefined) aliased(f, ["memory_type", "memory_types"]);
  const types = f.memory_types ?? (f.memory_type === undefined ? undefined : ([] as string[]).concat(f.memory_type));
  const minImportance = aliased<number>(f, ["min_importance", "min_salience"]);
  if (minImportance !== undefined && f.max_importance !== undefined && minImportance > f.max_importance) {
    throw new CortexMemError(ErrorCode.VALIDATION, "min_importance is greater than max_importance", {
      details: [{ path: "min_importance", message: "greater than max_importance" }],
    });
  }
  return compact({
    memoryTypes: types?.map((t) => t.trim().toLowerCase()),
    minImportance,
    maxImportance: f.max_importance,
    createdAfter: f.created_after,
    createdBefore: f.created_before,
    observedAfter: f.observed_after,
    observedBefore: f.observed_before,
    topics: nonEmptyList(f.topics, "topics"),
    entities: nonEmptyList(f.entities, "entities"),
    actorId: f.actor_id,
    metadata: (nested ? aliased(nested, ["metadata", "custom"]) : undefined) as FiltersInput["metadata"],
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

/** A wire add body (and the scope of its query string) → the library's `add(input, options)` arguments. */
export function addRequestFromWire(
  body: unknown,
  query?: unknown,
): {
  input: string | MessageInput[];
  options: AddOptions;
  async: boolean;
} {
  const b = parseOrThrow(wireAddRequestSchema, body, "add request");
  const metadata = aliased<Bag>(b, ["metadata", "custom"]);
  const scope = scopeFromWire(queryScope(query), b, metadata);
  const input: string | MessageInput[] = b.content ?? (b.messages ?? []).map((m) => compact({ ...m }) as MessageInput);
  const options = compact({
    ...scope,
    infer: b.infer,
    memoryType: b.memory_type,
    metadata: withoutScope(metadata),
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

type WireSearchBody = z.output<typeof wireSearchRequestSchema>;
const PLAIN_SEARCH_KEYS = new Set(["query", "user_id", "agent_id", "run_id", "limit"]);

/** A trimmed string of `min`..`max` characters, or undefined (then zod decides and explains). */
const trimmedWithin = (v: unknown, min: number, max: number): string | undefined => {
  if (typeof v !== "string") return undefined;
  const t = v.trim();
  return t.length >= min && t.length <= max ? t : undefined;
};

/**
 * The commonest search body — a query, the scope fields and an integer `limit`, each valid —
 * checked by hand, giving what `wireSearchRequestSchema` would give for it (the hot REST route
 * spent ~5 % of a request in zod's first level); undefined for anything else, which the schema
 * then parses and refuses or accepts as always. Tests compare both on generated bodies.
 */
export function plainSearchBody(body: unknown): WireSearchBody | undefined {
  if (typeof body !== "object" || body === null) return undefined;
  const proto = Object.getPrototypeOf(body) as unknown;
  if (proto !== Object.prototype && proto !== null) return undefined;
  const bag = body as Bag;
  const out: Bag = {};
  for (const key of Object.keys(bag)) {
    if (!PLAIN_SEARCH_KEYS.has(key)) return undefined;
    const v = bag[key];
    if (key === "limit") {
      if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > LIMITS.pageSize) return undefined;
      out[key] = v;
      continue;
    }
    const t = key === "query" ? trimmedWithin(v, 1, LIMITS.queryLength) : trimmedWithin(v, 1, 256);
    if (t === undefined) return undefined;
    out[key] = t;
  }
  return out.query === undefined ? undefined : (out as WireSearchBody);
}

/** True for no query string at all or one without fields (nothing for the scope schema to read). */
const isEmptyBag = (bag: unknown): boolean => {
  if (bag === undefined || bag === null) return true;
  if (typeof bag !== "object") return false;
  for (const _ in bag) return false;
  return Object.getOwnPropertySymbols(bag).length === 0 && !Array.isArray(bag);
};

/**
 * The scope a POST carries in its query string (`POST /memories/search?user_id=alice`): only
 * scope fields may be there; it joins the body's scope, a different value being an error.
 */
function queryScope(query: unknown): Bag | undefined {
  if (query === undefined || query === null) return undefined;
  return parseOrThrow(wireScopeObject, query, "query string");
}

/** A wire search body (and the scope of its query string) → the library's `search(query, options)` arguments. */
export function searchRequestFromWire(body: unknown, query?: unknown): { query: string; options: SearchOptions } {
  const plain = plainSearchBody(body);
  const b = plain ?? parseOrThrow(wireSearchRequestSchema, body, "search request");
  const scope = scopeFromWire(isEmptyBag(query) ? undefined : queryScope(query), b, b.filters, b.metadata);
  // A plain body names no filter: what filtersFromWire makes of it is `{}`.
  const filters = plain ? {} : filtersFromWire(b, b.filters);
  // compact({...scope, filters, limit, threshold}) built without the spread: a spread followed by
  // more keys went through V8's slow path (~2-3 µs a request, Node 20); same keys, same order.
  const options: Bag = Object.assign({}, scope);
  options.filters = filters;
  const limit = aliased(b, ["limit", "k"]);
  if (limit !== undefined) options.limit = limit;
  const threshold = aliased(b, ["threshold", "similarity_threshold"]);
  if (threshold !== undefined) options.threshold = threshold;
  return { query: b.query, options: options as SearchOptions };
}

/** A wire list query (query string or tool input) → the library's `list(options)`. */
export function listRequestFromWire(query: unknown): ListOptions {
  const q = parseOrThrow(wireListQuerySchema, query, "list request");
  const scope = scopeFromWire(q, q.filters);
  return compact({ ...scope, filters: filtersFromWire(q, q.filters), limit: q.limit, cursor: q.cursor }) as ListOptions;
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
    metadata: aliased(b, ["metadata", "custom"]),
    actorId: b.actor_id,
    expiresAt: b.expires_at,
    ttl: b.ttl,
  }) as UpdateInput;
}
