import type { CortexMemConfig } from "../config/schema.js";
import type { Scope } from "../types/memory.js";
import type { FiltersInput } from "../types/options.js";
import type { StoreFilters } from "../store/memory-store.js";
import { CortexMemError, ErrorCode } from "../errors.js";
import { parseOptionalDate } from "../util/dates.js";
import type { ScoringWeights } from "./scoring.js";

/** The part of the config the engine reads. */
export type EngineSettings = CortexMemConfig["memory"];

/** Scoring weights out of the engine settings. */
export function weightsOf(s: EngineSettings): ScoringWeights {
  return {
    vectorWeight: s.vectorWeight,
    keywordWeight: s.keywordWeight,
    importanceWeight: s.importanceWeight,
    recencyWeight: s.recencyWeight,
    recencyHalfLifeDays: s.recencyHalfLifeDays,
  };
}

/** Parsed filters (dates read, ranges checked) for the store. */
export function toStoreFilters(f: FiltersInput | undefined): StoreFilters {
  if (!f) return {};
  const out: StoreFilters = {
    ...(f.memoryTypes ? { memoryTypes: f.memoryTypes as StoreFilters["memoryTypes"] } : {}),
    ...(f.minImportance !== undefined ? { minImportance: f.minImportance } : {}),
    ...(f.maxImportance !== undefined ? { maxImportance: f.maxImportance } : {}),
    ...(f.topics ? { topics: f.topics } : {}),
    ...(f.entities ? { entities: f.entities } : {}),
    ...(f.actorId !== undefined ? { actorId: f.actorId } : {}),
    ...(f.metadata ? { metadata: f.metadata } : {}),
    ...(f.includeSuperseded !== undefined ? { includeSuperseded: f.includeSuperseded } : {}),
  };
  for (const key of ["createdAfter", "createdBefore", "observedAfter", "observedBefore"] as const) {
    const date = parseOptionalDate(f[key], key);
    if (date) out[key] = date;
  }
  if (out.minImportance !== undefined && out.maxImportance !== undefined && out.minImportance > out.maxImportance) {
    throw new CortexMemError(ErrorCode.VALIDATION, "minImportance is greater than maxImportance", {
      details: [{ path: "filters.minImportance", message: "greater than maxImportance" }],
    });
  }
  return out;
}

/** True when `memory` lies inside `scope` (every given part equal). An empty scope contains everything. */
export function inScope(memory: Scope, scope: Scope | undefined): boolean {
  if (!scope) return true;
  return (["userId", "agentId", "runId"] as const).every((k) => scope[k] === undefined || scope[k] === memory[k]);
}

/** Keeps only the scope parts of an options object. */
export function scopeOf(o: Scope): Scope {
  return {
    ...(o.userId !== undefined ? { userId: o.userId } : {}),
    ...(o.agentId !== undefined ? { agentId: o.agentId } : {}),
    ...(o.runId !== undefined ? { runId: o.runId } : {}),
  };
}

/** Throws `VALIDATION` unless the scope names at least one of user, agent or run. */
export function requireScope(scope: Scope, action: string): void {
  if (scope.userId === undefined && scope.agentId === undefined && scope.runId === undefined) {
    throw new CortexMemError(ErrorCode.VALIDATION, `${action} needs a scope: give user_id, agent_id or run_id`, {
      details: [{ path: "user_id", message: "one of user_id, agent_id, run_id is required" }],
    });
  }
}
