import {
  historyToWire,
  includeExpiredFromWire,
  memoryToWire,
  updateRequestFromWire,
  wireIncludeExpired,
  wireUpdateRequestSchema,
} from "@cortex-mem/core/wire";
import * as z from "zod";
import { etagOf, ifMatchVersions } from "../http/etag.js";
import { guardOf, wireScopeQuerySchema } from "../http/scope-guard.js";
import { clientGone } from "../http/signal.js";
import { deletedOneResponse, historyResponse, wireMemoryResponse } from "../openapi/wire-responses.js";
import { defineRoute } from "./route-spec.js";

/** The `{id}` path parameter. */
export const idParams = z.object({ id: z.string().describe("The memory's id (a UUID)") });

/** Query of `GET /memories/{id}`: the scope guard, and whether an expired memory is returned. */
const getQuery = wireScopeQuerySchema.extend({ include_expired: wireIncludeExpired.optional() });

const idOf = (params: Record<string, string | string[] | undefined>): string => String(params.id ?? "");

/** `GET /memories/{id}`. */
export const getMemory = defineRoute({
  method: "get",
  path: "/memories/{id}",
  operationId: "getMemory",
  summary:
    "Get one memory; the optional scope query makes a memory outside it a 404, and so is an expired one unless include_expired",
  tag: "memories",
  params: idParams,
  query: getQuery,
  response: { status: 200, description: "The memory", schema: wireMemoryResponse },
  headers: { ETag: "Version tag of the memory; send it as If-Match to update or delete only this version" },
  errors: [400, 403, 404, 503],
  async handle({ memory }, req, res) {
    const { include_expired, ...scope } = req.query as Record<string, unknown>;
    const includeExpired = includeExpiredFromWire({ include_expired });
    const found = await memory.get(idOf(req.params), {
      ...guardOf(res, scope),
      ...(includeExpired ? { includeExpired } : {}),
    });
    res.setHeader("ETag", etagOf(found));
    res.json(memoryToWire(found));
  },
});

/** `PUT /memories/{id}`. */
export const updateMemory = defineRoute({
  method: "put",
  path: "/memories/{id}",
  operationId: "updateMemory",
  summary:
    "Update a memory's content or attributes (re-embedded only when the content changes); If-Match makes it conditional",
  tag: "memories",
  params: idParams,
  query: wireScopeQuerySchema,
  body: wireUpdateRequestSchema,
  response: { status: 200, description: "The updated memory", schema: wireMemoryResponse },
  headers: { ETag: "Version tag of the updated memory" },
  requestHeaders: {
    "If-Match":
      "The ETag of the version you read: the change happens only if the memory is still that version, else 409 CONFLICT (* or absent: always)",
  },
  errors: [400, 403, 404, 409, 429, 502, 503, 504],
  async handle({ memory }, req, res) {
    const id = idOf(req.params);
    const change = updateRequestFromWire(req.body);
    const guard = guardOf(res, req.query);
    const ifVersion = ifMatchVersions(req.get("If-Match"));
    const updated = await memory.update(id, change, {
      ...guard,
      ...(ifVersion ? { ifVersion } : {}),
      signal: clientGone(res),
    });
    res.setHeader("ETag", etagOf(updated));
    res.json(memoryToWire(updated));
  },
});

/** `DELETE /memories/{id}`. */
export const deleteMemory = defineRoute({
  method: "delete",
  path: "/memories/{id}",
  operationId: "deleteMemory",
  summary: "Delete a memory for real (its history stays); If-Match makes it conditional",
  tag: "memories",
  params: idParams,
  query: wireScopeQuerySchema,
  response: { status: 200, description: "Deleted: always {deleted: 1, id}", schema: deletedOneResponse },
  requestHeaders: {
    "If-Match":
      "The ETag of the version you read: the change happens only if the memory is still that version, else 409 CONFLICT (* or absent: always)",
  },
  errors: [400, 403, 404, 409, 503],
  async handle({ memory }, req, res) {
    const id = idOf(req.params);
    const guard = guardOf(res, req.query);
    const ifVersion = ifMatchVersions(req.get("If-Match"));
    await memory.delete(id, { ...guard, ...(ifVersion ? { ifVersion } : {}) });
    res.json({ deleted: 1, id });
  },
});

/** `GET /memories/{id}/history`. */
export const memoryHistory = defineRoute({
  method: "get",
  path: "/memories/{id}/history",
  operationId: "memoryHistory",
  summary: "Every change of a memory, oldest first (also after it was deleted)",
  tag: "memories",
  params: idParams,
  query: wireScopeQuerySchema,
  response: { status: 200, description: "The history rows", schema: historyResponse },
  errors: [400, 403, 404, 503],
  async handle({ memory }, req, res) {
    const id = idOf(req.params);
    const rows = await memory.history(id, guardOf(res, req.query));
    res.json({ memory_id: id, history: rows.map(historyToWire) });
  },
});
