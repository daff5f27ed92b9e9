import { CortexMemError, ErrorCode, parseOrThrow } from "@cortex-mem/core";
import { scopeFromWire, wireScopeObject } from "@cortex-mem/core/wire";
import type { Scope } from "@cortex-mem/core";
import { principalOf } from "./auth.js";
import type { HasLocals } from "./auth.js";

/** Scope given in a query string (`?user_id=…&agent_id=…&run_id=…`): narrows reads, selects deletes. */
export const wireScopeQuerySchema = wireScopeObject;

/** Reads a scope from a query string with {@link wireScopeQuerySchema}. */
export function scopeFromQuery(query: unknown): Scope {
  const q = parseOrThrow(wireScopeQuerySchema, query ?? {}, "query");
  return scopeFromWire(q);
}

/**
 * Applies the caller's key to a scope. A key bound to a user may only name that user: another
 * `user_id` is `FORBIDDEN`; a missing one is filled in, so the key never reaches other users.
 */
export function enforceScope<T extends Scope>(res: HasLocals, scope: T): T {
  const bound = principalOf(res).userId;
  if (bound === undefined) return scope;
  if (scope.userId !== undefined && scope.userId !== bound) {
    throw new CortexMemError(
      ErrorCode.FORBIDDEN,
      `This API key is bound to another user and cannot use user_id "${scope.userId}"`,
      {
        details: [{ path: "user_id", message: "not allowed for this API key" }],
      },
    );
  }
  return { ...scope, userId: bound };
}

/** The `{scope}` guard for one-memory operations: the query's scope, bound to the key's user. */
export function guardOf(res: HasLocals, query: unknown): { scope?: Scope } {
  const scope = enforceScope(res, scopeFromQuery(query));
  return Object.keys(scope).length === 0 ? {} : { scope };
}
