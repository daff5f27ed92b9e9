import type { Scope } from "@cortex-mem/core";
import {
  historyToWire,
  includeExpiredFromWire,
  memoryIdSchema,
  memoryToWire,
  scopeFromWire,
  updateRequestFromWire,
  wireIncludeExpired,
  wireListQuerySchema,
  wireUpdateRequestSchema,
} from "@cortex-mem/core/wire";
import { deleteOutput, historyOutput, memoryOutput } from "../output-shapes.js";
import { renderHistory, renderMemory } from "../render.js";
import { requireToolScope } from "../scope.js";
import type { WireScopeInput } from "../scope.js";
import { defineTool } from "../tool-registry.js";
import type { McpTool, ToolContext } from "../tool-registry.js";

const update = wireUpdateRequestSchema.shape;
const scopeShape = wireListQuerySchema.shape;
const memoryId = memoryIdSchema.describe("The memory's id (a UUID from store_memory, query_memory or list_memories)");
const guardFields = {
  user_id: scopeShape.user_id.describe("Whose memory it is; required when the server has no default user or agent"),
  agent_id: scopeShape.agent_id.describe("The agent the memory belongs to, if not the server's default"),
};

/**
 * The scope a memory must lie in: the call's, else the server's default. Neither is a `VALIDATION`
 * error, as for every other tool: an agent must say whose memory it means, so an id alone never
 * reaches another user's memory.
 */
function guardOf(args: WireScopeInput, ctx: ToolContext): { scope?: Scope; signal?: AbortSignal } {
  const s = requireToolScope(args, ctx.defaultScope);
  const scope = scopeFromWire({ user_id: s.user_id, agent_id: s.agent_id });
  return { ...(Object.keys(scope).length > 0 ? { scope } : {}), ...(ctx.signal ? { signal: ctx.signal } : {}) };
}

/** `get_memory`: one memory by id. */
export const getMemoryTool: McpTool = defineTool({
  name: "get_memory",
  title: "Get a memory",
  description:
    "Fetch one memory by id with all its attributes (type, importance, topics, dates, whether it was superseded).",
  input: {
    memory_id: memoryId,
    ...guardFields,
    include_expired: wireIncludeExpired
      .optional()
      .describe("Also return it when its expires_at has passed (else an expired memory is not found)"),
  },
  output: memoryOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(args, ctx) {
    const includeExpired = includeExpiredFromWire(args) === true;
    const guard = { ...guardOf(args, ctx), ...(includeExpired ? { includeExpired } : {}) };
    const memory = memoryToWire(await ctx.memory.get(args.memory_id, guard));
    return { structured: { memory }, text: renderMemory(memory) };
  },
});

/** `update_memory`: corrects a memory in place; its history keeps the old text. */
export const updateMemoryTool: McpTool = defineTool({
  name: "update_memory",
  title: "Update a memory",
  description:
    'Correct or refine an existing memory when the user says it is wrong or has changed ("I moved to Berlin"). ' +
    "Give the full new content; the old text stays in memory_history. Returns the updated memory.",
  input: {
    memory_id: memoryId,
    content: update.content.describe("The corrected memory, as one self-contained sentence"),
    memory_type: update.memory_type.describe("New kind, if it changes"),
    topics: update.topics.describe("New topic tags (replace the old ones)"),
    metadata: update.metadata.describe("New metadata object (replaces the old one)"),
    ttl: update.ttl.describe('Forget it after this long from now, e.g. "12h", "7d" (or seconds). Not with expires_at'),
    expires_at: update.expires_at.describe(
      "Forget it after this time (RFC 3339 with offset, or a date); null: never expire. Not with ttl",
    ),
    custom: update.custom.describe("Alias of metadata (Rust v1's name)"),
    ...guardFields,
  },
  output: memoryOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const { memory_id, user_id: _u, agent_id: _a, ...change } = args;
    const memory = memoryToWire(await ctx.memory.update(memory_id, updateRequestFromWire(change), guardOf(args, ctx)));
    return { structured: { memory }, text: renderMemory(memory, "Updated") };
  },
});

/** `delete_memory`: deletes a memory for real; its history row stays. */
export const deleteMemoryTool: McpTool = defineTool({
  name: "delete_memory",
  title: "Delete a memory",
  description:
    "Permanently delete a memory, e.g. when the user asks to forget something. A record of the deletion stays in memory_history.",
  input: { memory_id: memoryId, ...guardFields },
  output: deleteOutput,
  annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    await ctx.memory.delete(args.memory_id, guardOf(args, ctx));
    return {
      structured: { deleted: true as const, memory_id: args.memory_id },
      text: `Deleted memory ${args.memory_id}.`,
    };
  },
});

/** `memory_history`: every change of a memory, oldest first (also after deletion). */
export const memoryHistoryTool: McpTool = defineTool({
  name: "memory_history",
  title: "Memory history",
  description:
    "Show how a memory changed over time (added, updated, superseded, deleted), oldest first; works for deleted memories too.",
  input: { memory_id: memoryId, ...guardFields },
  output: historyOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(args, ctx) {
    const history = (await ctx.memory.history(args.memory_id, guardOf(args, ctx))).map(historyToWire);
    return { structured: { memory_id: args.memory_id, history }, text: renderHistory(args.memory_id, history) };
  },
});
