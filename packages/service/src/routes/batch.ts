import { parseOrThrow } from "@cortex-mem/core";
import { memoryToWire, scopeFromWire, updateRequestFromWire, wireUpdateRequestSchema } from "@cortex-mem/core/wire";
import type { MemoryManager, Scope } from "@cortex-mem/core";
import type { WireMemory } from "@cortex-mem/core/wire";
import type { Response } from "express";
import * as z from "zod";
import { toHttpError } from "../http/errors.js";
import { enforceScope, wireScopeQuerySchema } from "../http/scope-guard.js";
import { wireMemoryResponse } from "../openapi/wire-responses.js";
import { defineRoute } from "./route-spec.js";

const MAX_ITEMS = 1000;
const scopeBag = wireScopeQuerySchema.optional();

/** Body of `POST /memories/batch/delete`: ids, and an optional scope every id must lie in. */
export const batchDeleteRequestSchema = wireScopeQuerySchema.extend({
  ids: z.array(z.string()).min(1).max(MAX_ITEMS).describe("Ids of the memories to delete"),
  filters: scopeBag,
  metadata: scopeBag,
});

/** One item of a batch update: the id plus the fields of `PUT /memories/{id}`. */
export const batchUpdateItemSchema = z.strictObject({
  id: z.string().describe("The memory's id"),
  ...wireUpdateRequestSchema.shape,
});

/** Body of `POST /memories/batch/update`. Each item is validated on its own: a bad item fails alone. */
export const batchUpdateRequestSchema = wireScopeQuerySchema.extend({
  updates: z.array(batchUpdateItemSchema).min(1).max(MAX_ITEMS),
  filters: scopeBag,
  metadata: scopeBag,
});
const batchUpdateEnvelope = batchUpdateRequestSchema.extend({ updates: z.array(z.unknown()).min(1).max(MAX_ITEMS) });

/** The per-item answer of both batch routes, in request order. */
export const batchResponse = z.strictObject({
  results: z.array(
    z.strictObject({
      index: z.number().int(),
      id: z.string().nullable(),
      status: z.enum(["deleted", "updated", "error"]),
      memory: wireMemoryResponse.optional(),
      error: z.strictObject({ code: z.string(), message: z.string(), details: z.unknown().optional() }).optional(),
    }),
  ),
  succeeded: z.number().int(),
  failed: z.number().int(),
});
/** One item's outcome in a batch answer. */
interface BatchItem {
  index: number;
  id: string | null;
  status: "deleted" | "updated" | "error";
  memory?: WireMemory;
  error?: { code: string; message: string; details?: unknown };
}

/** Runs each item on its own, so one failure is reported without hiding the others. */
async function eachItem(
  items: unknown[],
  run: (item: unknown, index: number) => Promise<Omit<BatchItem, "index">>,
): Promise<{ results: BatchItem[]; succeeded: number; failed: number }> {
  const results: BatchItem[] = [];
  for (const [index, item] of items.entries()) {
    try {
      results.push({ index, ...(await run(item, index)) });
    } catch (error) {
      const id =
        typeof (item as { id?: unknown })?.id === "string"
          ? (item as { id: string }).id
          : typeof item === "string"
            ? item
            : null;
      results.push({ index, id, status: "error", error: toHttpError(error).toJSON() });
    }
  }
  const failed = results.filter((r) => r.status === "error").length;
  return { results, succeeded: results.length - failed, failed };
}

function guardFrom(
  res: Response,
  body: { filters?: Record<string, unknown>; metadata?: Record<string, unknown> } & Record<string, unknown>,
): { scope?: Scope } {
  const scope = enforceScope(res, scopeFromWire(body, body.filters, body.metadata));
  return Object.keys(scope).length === 0 ? {} : { scope };
}

async function deleteOne(
  memory: MemoryManager,
  id: string,
  guard: { scope?: Scope },
): Promise<Omit<BatchItem, "index">> {
  await memory.delete(id, guard);
  return { id, status: "deleted" };
}

/** `POST /memories/batch/delete`. */
export const batchDelete = defineRoute({
  method: "post",
  path: "/memories/batch/delete",
  operationId: "batchDelete",
  summary: "Delete many memories; each id gets its own result (a missing id does not stop the others)",
  tag: "batch",
  body: batchDeleteRequestSchema,
  response: { status: 200, description: "One result per id, in order", schema: batchResponse },
  errors: [400, 403, 503],
  async handle({ memory }, req, res) {
    const body = parseOrThrow(batchDeleteRequestSchema, req.body, "batch delete request");
    const guard = guardFrom(res, body);
    res.json(await eachItem(body.ids, (id) => deleteOne(memory, id as string, guard)));
  },
});

/** `POST /memories/batch/update`. */
export const batchUpdate = defineRoute({
  method: "post",
  path: "/memories/batch/update",
  operationId: "batchUpdate",
  summary: "Update many memories; each item is validated and applied on its own and gets its own result",
  tag: "batch",
  body: batchUpdateRequestSchema,
  response: { status: 200, description: "One result per item, in order", schema: batchResponse },
  errors: [400, 403, 503],
  async handle({ memory }, req, res) {
    const body = parseOrThrow(batchUpdateEnvelope, req.body, "batch update request");
    const guard = guardFrom(res, body);
    res.json(
      await eachItem(body.updates, async (item) => {
        const { id, ...fields } = parseOrThrow(batchUpdateItemSchema, item, "update item");
        const updated = await memory.update(id, updateRequestFromWire(fields), guard);
        return { id, status: "updated", memory: memoryToWire(updated) };
      }),
    );
  },
});
