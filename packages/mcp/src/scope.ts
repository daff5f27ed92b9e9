import { CortexMemError, ErrorCode } from "@cortex-mem/core";

/** The scope a server acts in when a tool call omits it (from `--user-id` / `--agent-id` or env). */
export interface DefaultScope {
  userId?: string;
  agentId?: string;
}

/** Scope fields as a tool receives them (snake_case, all optional). */
export interface WireScopeInput {
  user_id?: string | undefined;
  agent_id?: string | undefined;
  run_id?: string | undefined;
  /** mem0's nested form: a scope here counts as given by the call. */
  filters?: { user_id?: string | undefined; agent_id?: string | undefined } | undefined;
}

const clean = (v: string | undefined): string | undefined =>
  v === undefined || v.trim() === "" ? undefined : v.trim();

/**
 * Fills the scope parts a call left out from the server's defaults, each part on its own: an
 * explicit `user_id` wins over `--user-id`, and `--agent-id` still applies to it.
 */
export function withDefaultScope<T extends WireScopeInput>(input: T, defaults: DefaultScope): T {
  const userId = clean(input.user_id) ?? clean(input.filters?.user_id) ?? clean(defaults.userId);
  const agentId = clean(input.agent_id) ?? clean(input.filters?.agent_id) ?? clean(defaults.agentId);
  return { ...input, ...(userId ? { user_id: userId } : {}), ...(agentId ? { agent_id: agentId } : {}) };
}

/**
 * Like {@link withDefaultScope}, then insists on a user or an agent: without one, a read would span
 * every user and a write would belong to nobody. The `VALIDATION` error says how to fix it.
 */
export function requireToolScope<T extends WireScopeInput>(input: T, defaults: DefaultScope): T {
  const scoped = withDefaultScope(input, defaults);
  if (scoped.user_id === undefined && scoped.agent_id === undefined) {
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      "user_id is required: pass user_id (or agent_id) in the call, or start the server with --user-id <id> (env CORTEX_MEM_USER_ID)",
      { details: [{ path: "user_id", message: "required when the server has no default user or agent" }] },
    );
  }
  return scoped;
}

/**
 * Reads the default scope from flags, then `CORTEX_MEM_USER_ID` / `CORTEX_MEM_AGENT_ID`. Rust v1's
 * `--agent X` is accepted too, with v1's meaning: agent `X` and, unless a user is given, user `user_of_X`.
 */
export function defaultScopeFrom(
  flags: { userId?: string | undefined; agentId?: string | undefined; agent?: string | undefined },
  env: Record<string, string | undefined>,
): DefaultScope {
  const v1Agent = clean(flags.agent);
  const userId = clean(flags.userId) ?? clean(env.CORTEX_MEM_USER_ID) ?? (v1Agent ? `user_of_${v1Agent}` : undefined);
  const agentId = clean(flags.agentId) ?? v1Agent ?? clean(env.CORTEX_MEM_AGENT_ID);
  return { ...(userId ? { userId } : {}), ...(agentId ? { agentId } : {}) };
}
