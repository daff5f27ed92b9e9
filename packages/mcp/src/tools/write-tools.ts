import { MEMORY_TYPES } from "@cortex-mem/core";
import { addRequestFromWire, addResultToWire, jobToWire, wireAddRequestSchema } from "@cortex-mem/core/wire";
import type { AddOptions, MessageInput } from "@cortex-mem/core";
import { addOutput } from "../output-shapes.js";
import { renderAdd } from "../render.js";
import { requireToolScope } from "../scope.js";
import { defineTool } from "../tool-registry.js";
import type { McpTool, ToolContext } from "../tool-registry.js";

const asyncArg = wireAddRequestSchema.shape.async.describe(
  "Queue it and return at once with a job (ask job_status for the outcome) instead of waiting for extraction",
);

/** Adds now, or queues the add as a job (`async`), answering in the add output's shape either way. */
async function addOrQueue(
  input: string | MessageInput[],
  options: AddOptions,
  queue: boolean,
  ctx: ToolContext,
): Promise<{ structured: { results: unknown; job: unknown }; text: string }> {
  if (queue) {
    const job = jobToWire(await ctx.memory.addAsync(input, options));
    return { structured: { results: [], job }, text: `Queued as job ${job.id}; ask job_status for the outcome.` };
  }
  const result = addResultToWire(
    await ctx.memory.add(input, { ...options, ...(ctx.signal ? { signal: ctx.signal } : {}) }),
  );
  return {
    structured: { ...result, job: undefined },
    text: renderAdd(result.results as { id: string; memory: string; event: string }[]),
  };
}

const add = wireAddRequestSchema.shape;
/** Expiry arguments of both add tools. */
const expiry = {
  ttl: add.ttl.describe(
    'Optional: forget it after this long, e.g. "12h", "7d" (or seconds) — for time-bound facts ("in Paris this week"). Not with expires_at',
  ),
  expires_at: add.expires_at.describe(
    "Optional: forget it after this time (RFC 3339 with offset, or a date); null: never, whatever the defaults. Not with ttl",
  ),
};
const scope = {
  user_id: add.user_id.describe("Whose memory this is. Omit to use the server's default user."),
  agent_id: add.agent_id.describe("The agent the memory belongs to. Omit to use the server's default agent."),
};

/** `store_memory`: stores one piece of content exactly as given (no extraction). */
export const storeMemoryTool: McpTool = defineTool({
  name: "store_memory",
  title: "Store a memory",
  description:
    "Save one durable fact, preference, decision or instruction to long-term memory, verbatim. " +
    'Call it when the user states something worth knowing in a future conversation ("I\'m vegetarian", ' +
    '"deploys go through staging first"); write the content as a self-contained sentence. Do not store ' +
    "small talk or things only relevant to this turn. An exact duplicate is not stored twice (event NONE). " +
    "Returns the stored memory's id and event.",
  input: {
    content: add.content.unwrap().describe("The fact to remember, as one self-contained sentence"),
    ...scope,
    run_id: add.run_id.describe("Optional session id, to keep this session's memories apart"),
    memory_type: add.memory_type.describe(
      `Optional kind: ${MEMORY_TYPES.join(", ")} (classified automatically when omitted)`,
    ),
    topics: add.topics.describe('Optional topic tags, e.g. ["food", "travel"]'),
    metadata: add.metadata.describe("Optional free JSON object kept with the memory and returned as given"),
    ...expiry,
    custom: add.custom.describe("Alias of metadata (Rust v1's name)"),
    async: asyncArg,
  },
  output: addOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
  async run(args, ctx) {
    const { input, options, async } = addRequestFromWire({ ...requireToolScope(args, ctx.defaultScope), infer: false });
    return addOrQueue(input, options, async, ctx);
  },
});

/** `add_conversation`: extracts the facts worth keeping from messages and reconciles them with memory. */
export const addConversationTool: McpTool = defineTool({
  name: "add_conversation",
  title: "Remember a conversation",
  description:
    "Give a conversation (or its latest turns) to memory: the facts worth keeping are extracted, compared " +
    "with what is already remembered, and added, updated, superseded (when contradicted) or skipped. Use it " +
    "at the end of a meaningful exchange instead of several store_memory calls. Message timestamps date " +
    'what was said ("yesterday" is resolved against them). Returns each fact with its event.',
  input: {
    messages: add.messages.unwrap().describe("The conversation, oldest first: [{role, content, timestamp?}]"),
    ...scope,
    run_id: add.run_id.describe("Optional session id, to keep this conversation's memories apart"),
    ...expiry,
    async: asyncArg,
  },
  output: addOutput,
  annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
  async run(args, ctx) {
    const { input, options, async } = addRequestFromWire(requireToolScope(args, ctx.defaultScope));
    return addOrQueue(input, options, async, ctx);
  },
});
