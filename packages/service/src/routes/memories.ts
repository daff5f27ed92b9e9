import type { ServerResponse } from "node:http";
import { parseOrThrow } from "@cortex-mem/core";
import type { MemoryManager } from "@cortex-mem/core";
import {
  addRequestFromWire,
  addResultToWire,
  jobToWire,
  listRequestFromWire,
  pageToWire,
  scopeFromWire,
  scoredToWire,
  searchRequestFromWire,
  wireAddRequestSchema,
  wireListQuerySchema,
  wireSearchRequestSchema,
} from "@cortex-mem/core/wire";
import type { WireScoredMemory } from "@cortex-mem/core/wire";
import * as z from "zod";
import type { HasLocals } from "../http/auth.js";
import { sendJson } from "../http/errors.js";
import { enforceScope, wireScopeQuerySchema } from "../http/scope-guard.js";
import { clientGone } from "../http/signal.js";
import {
  acceptedJobResponse,
  addResponse,
  deletedResponse,
  expireResponse,
  pageResponse,
  searchResponse,
} from "../openapi/wire-responses.js";
import { defineRoute } from "./route-spec.js";

/** `filters` in a query string: a JSON object with scope and filter fields (the nested form). */
const listQueryDoc = wireListQuerySchema.extend({
  filters: z
    .string()
    .optional()
    .describe('Nested scope and filters as JSON, e.g. {"user_id":"alice","memory_type":"personal"}'),
});

/** Reads the optional `filters` JSON of a list query (left as is when it is not JSON, for the schema to name). */
function nestedFilters(raw: unknown): unknown {
  if (typeof raw !== "string") return raw;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** `POST /memories`: store content or extract facts from messages. */
export const addMemory = defineRoute({
  method: "post",
  path: "/memories",
  operationId: "addMemory",
  summary: "Add a memory (content) or a conversation (messages); with infer, facts are extracted and reconciled",
  tag: "memories",
  query: wireScopeQuerySchema,
  body: wireAddRequestSchema,
  response: { status: 200, description: "What happened to each fact", schema: addResponse },
  alsoResponds: [
    {
      status: 202,
      description: "With async: the queued job (its result appears at Location, GET /jobs/{id})",
      schema: acceptedJobResponse,
      headers: { Location: "The job's URL, /jobs/{id}" },
    },
  ],
  errors: [400, 403, 429, 502, 503, 504],
  async handle({ memory }, req, res) {
    const { input, options, async } = addRequestFromWire(req.body, req.query);
    if (async) {
      const job = await memory.addAsync(input, enforceScope(res, options));
      res
        .status(202)
        .location(`/jobs/${job.id}`)
        .json({ job_id: job.id, ...jobToWire(job) });
      return;
    }
    const result = await memory.add(input, { ...enforceScope(res, options), signal: clientGone(res) });
    res.json(addResultToWire(result));
  },
});

/** `GET /memories`: a page of memories, newest first. */
export const listMemories = defineRoute({
  method: "get",
  path: "/memories",
  operationId: "listMemories",
  summary: "List memories (newest first) with scope, filters and cursor pagination",
  tag: "memories",
  query: listQueryDoc,
  response: {
    status: 200,
    description: "One page; pass next_cursor back as cursor for the next",
    schema: pageResponse,
  },
  errors: [400, 403, 503],
  async handle({ memory }, req, res) {
    const { filters, ...flat } = req.query as Record<string, unknown>;
    const query = filters === undefined ? flat : { ...flat, filters: nestedFilters(filters) };
    const page = await memory.list(enforceScope(res, listRequestFromWire(query)));
    res.json(pageToWire(page));
  },
});

/** Optional JSON body of delete-all: the scope flat or nested under `filters` / `metadata`. */
const deleteAllBody = wireScopeQuerySchema.extend({
  filters: wireScopeQuerySchema.optional(),
  metadata: wireScopeQuerySchema.optional(),
});

/** `DELETE /memories?user_id=…`: delete every memory of a scope. */
export const deleteAllMemories = defineRoute({
  method: "delete",
  path: "/memories",
  operationId: "deleteAllMemories",
  summary: "Delete every memory of a scope (user_id, agent_id and/or run_id is required); history rows stay",
  tag: "memories",
  query: wireScopeQuerySchema,
  body: deleteAllBody.optional(),
  response: { status: 200, description: "How many memories were deleted", schema: deletedResponse },
  errors: [400, 403, 503],
  async handle({ memory }, req, res) {
    const query = parseOrThrow(wireScopeQuerySchema, req.query, "query");
    const body = parseOrThrow(deleteAllBody, req.body ?? {}, "body");
    const scope = enforceScope(res, scopeFromWire(query, body, body.filters, body.metadata));
    res.json(await memory.deleteAll(scope));
  },
});

/** Body of `POST /memories/expire`: the scope (flat or nested, optional for an unbound key) and `dry_run`. */
const expireBody = wireScopeQuerySchema
  .extend({
    filters: wireScopeQuerySchema.strict().optional(),
    metadata: wireScopeQuerySchema.strict().optional(),
    dry_run: z.boolean().optional().describe("Count and list what would be removed; remove nothing"),
  })
  .strict();

/** `POST /memories/expire`: remove the memories whose `expires_at` has passed, with an EXPIRE history row each. */
export const expireMemories = defineRoute({
  method: "post",
  path: "/memories/expire",
  operationId: "expireMemories",
  summary:
    "Delete the memories whose expires_at has passed (EXPIRE history row each); a key bound to a user cleans only that user, else the scope given, else every scope",
  tag: "memories",
  query: wireScopeQuerySchema,
  body: expireBody,
  response: {
    status: 200,
    description: "How many were removed (or would be, with dry_run), and their ids",
    schema: expireResponse,
  },
  errors: [400, 403, 503],
  async handle({ memory }, req, res) {
    const query = parseOrThrow(wireScopeQuerySchema.strict(), req.query, "query");
    const body = parseOrThrow(expireBody, req.body ?? {}, "body");
    const scope = enforceScope(res, scopeFromWire(query, body, body.filters, body.metadata));
    const result = await memory.expire({ ...scope, ...(body.dry_run ? { dryRun: true } : {}) });
    res.json({ expired: result.expired, dry_run: result.dryRun, ids: result.ids });
  },
});

/** `POST /memories/search`: hybrid search inside a scope. */
export const searchMemories = defineRoute({
  method: "post",
  path: "/memories/search",
  operationId: "searchMemories",
  summary: "Hybrid search (vectors + keywords, weighted by importance and recency) with scope and filters",
  tag: "memories",
  query: wireScopeQuerySchema,
  body: wireSearchRequestSchema,
  response: {
    status: 200,
    description: "Best matches first, each with its score and the parts of it",
    schema: searchResponse,
  },
  errors: [400, 403, 429, 502, 503, 504],
  async handle({ memory }, req, res) {
    sendJson(res, 200, await searchAnswer(memory, req.body, req.query, res));
  },
});

/**
 * The work of `POST /memories/search` from its wire body and query string to its wire answer, for
 * express and for the lean path of the standalone service alike (`lean-search.ts`).
 */
export async function searchAnswer(
  memory: MemoryManager,
  body: unknown,
  query: unknown,
  res: ServerResponse & HasLocals,
): Promise<{ results: WireScoredMemory[]; total: number }> {
  const request = searchRequestFromWire(body, query);
  // Object.assign rather than a spread followed by a key (V8's slow path in Node 20); same keys, same order.
  // The abort signal (an AbortController and a listener per request) only when the search can use it.
  const options = Object.assign({}, enforceScope(res, request.options));
  const results = await memory.search(
    request.query,
    memory.searchCallsProvider ? Object.assign(options, { signal: clientGone(res) }) : options,
  );
  return { results: results.map(scoredToWire), total: results.length };
}
