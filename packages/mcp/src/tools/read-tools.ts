import { MEMORY_TYPES } from "@cortex-mem/core";
import {
  listRequestFromWire,
  pageToWire,
  scoredToWire,
  searchRequestFromWire,
  wireListQuerySchema,
  wireSearchRequestSchema,
} from "@cortex-mem/core/wire";
import { pageOutput, searchOutput } from "../output-shapes.js";
import { renderPage, renderSearch } from "../render.js";
import { requireToolScope } from "../scope.js";
import { defineTool } from "../tool-registry.js";
import type { McpTool } from "../tool-registry.js";

const search = wireSearchRequestSchema.shape;
const list = wireListQuerySchema.shape;
const types = MEMORY_TYPES.join(", ");

/** `query_memory`: hybrid search (meaning + keywords, weighted by importance and recency) in a scope. */
export const queryMemoryTool: McpTool = defineTool({
  name: "query_memory",
  title: "Search memory",
  description:
    "Search long-term memory for what is known about the user or the task. Call it BEFORE answering " +
    "anything that may depend on the user's preferences, history, projects or earlier decisions, with a " +
    'short natural-language query ("dietary preferences", "how we deploy the API"). Returns the best ' +
    "matches first with a relevance score; an empty list means nothing relevant is remembered.",
  input: {
    query: search.query.describe("What to look for, in natural language"),
    k: search.k.describe("How many results (alias of limit; default 10)"),
    limit: search.limit.describe("How many results (default 10, at most 1000)"),
    memory_type: search.memory_type.describe(`Only these kinds: one or a list of ${types}`),
    min_salience: search.min_salience.describe("Only memories at least this important, 0..1 (alias of min_importance)"),
    min_importance: search.min_importance.describe("Only memories at least this important, 0..1"),
    topics: search.topics.describe("Only memories with one of these topics (list or comma-separated)"),
    user_id: search.user_id.describe("Whose memories to search. Omit to use the server's default user."),
    agent_id: search.agent_id.describe("Only this agent's memories. Omit to use the server's default agent."),
    run_id: search.run_id.describe("Only memories of this session"),
    created_after: search.created_after.describe("Only memories stored after this date (YYYY-MM-DD or RFC 3339)"),
    created_before: search.created_before.describe("Only memories stored before this date (YYYY-MM-DD or RFC 3339)"),
    include_expired: search.include_expired.describe("Also memories whose expires_at has passed (hidden by default)"),
    actor_id: search.actor_id.describe("Only memories said by this actor (a message's name)"),
    filters: search.filters.describe("The same filters nested, mem0's form: {user_id?, memory_type?, actor_id?, …}"),
  },
  output: searchOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(args, ctx) {
    const { query, options } = searchRequestFromWire(requireToolScope(args, ctx.defaultScope));
    const hits = (await ctx.memory.search(query, { ...options, ...(ctx.signal ? { signal: ctx.signal } : {}) })).map(
      scoredToWire,
    );
    return { structured: { results: hits, count: hits.length }, text: renderSearch(query, hits) };
  },
});

/** `list_memories`: pages through a scope's memories, newest first. */
export const listMemoriesTool: McpTool = defineTool({
  name: "list_memories",
  title: "List memories",
  description:
    "List stored memories, newest first, one page at a time; use it to review or clean up what is " +
    "remembered, not to answer questions (use query_memory for that). Pass next_cursor back as cursor " +
    "for the next page.",
  input: {
    limit: list.limit.describe("Page size, 1..1000 (default 100)"),
    cursor: list.cursor.describe("next_cursor of the previous page"),
    memory_type: list.memory_type.describe(`Only these kinds: one or a list of ${types}`),
    user_id: list.user_id.describe("Whose memories to list. Omit to use the server's default user."),
    agent_id: list.agent_id.describe("Only this agent's memories. Omit to use the server's default agent."),
    run_id: list.run_id.describe("Only memories of this session"),
    created_after: list.created_after.describe("Only memories stored after this date (YYYY-MM-DD or RFC 3339)"),
    created_before: list.created_before.describe("Only memories stored before this date (YYYY-MM-DD or RFC 3339)"),
    include_expired: list.include_expired.describe("Also memories whose expires_at has passed (hidden by default)"),
    actor_id: list.actor_id.describe("Only memories said by this actor (a message's name)"),
    filters: list.filters.describe("The same filters nested, mem0's form: {user_id?, memory_type?, actor_id?, …}"),
  },
  output: pageOutput,
  annotations: { readOnlyHint: true, openWorldHint: false },
  async run(args, ctx) {
    const page = pageToWire(await ctx.memory.list(listRequestFromWire(requireToolScope(args, ctx.defaultScope))));
    return { structured: page, text: renderPage(page.memories, page.next_cursor) };
  },
});
