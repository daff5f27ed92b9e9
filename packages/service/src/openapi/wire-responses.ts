import { ErrorCode } from "@cortex-mem/core";
import {
  wireJobSchema,
  wireAddResultItemSchema,
  wireHistoryEntrySchema,
  wireMemorySchema,
  wireScoredMemorySchema,
} from "@cortex-mem/core/wire";
import * as z from "zod";

/**
 * A memory as the service returns it: core's `wireMemorySchema` (the mirror of `memoryToWire`),
 * strict so tests catch any field the mapping adds without the schema, with metadata as a plain
 * JSON object for the OpenAPI document.
 */
export const wireMemoryResponse = z.strictObject({
  ...wireMemorySchema.shape,
  id: z.string().uuid(),
  metadata: z.record(z.string(), z.unknown()),
});

/** A search hit: the memory plus its score and the parts of the score. */
export const wireScoredResponse = wireMemoryResponse.extend({
  score: z.number(),
  score_parts: z.strictObject(wireScoredMemorySchema.shape.score_parts.shape),
});

/** `POST /memories/search` answer. */
export const searchResponse = z.strictObject({ results: z.array(wireScoredResponse), total: z.number().int() });

/** `GET /memories` answer: a page and the cursor of the next one (null at the end). */
export const pageResponse = z.strictObject({
  memories: z.array(wireMemoryResponse),
  next_cursor: z.string().nullable(),
  count: z.number().int(),
});

/** `POST /memories` answer: what happened to each fact. */
export const addResponse = z.strictObject({ results: z.array(z.strictObject(wireAddResultItemSchema.shape)) });

/** A job (`GET /jobs/{id}`). */
export const jobResponse = wireJobSchema;

/** `POST /memories` with async: the queued job, with its id also as `job_id`. */
export const acceptedJobResponse = wireJobSchema.extend({ job_id: z.string() });

/** `GET /jobs` answer: newest first, and the cursor of the next page (null at the end). */
export const jobPageResponse = z.strictObject({ jobs: z.array(wireJobSchema), next_cursor: z.string().nullable() });

/** One history row. */
export const historyEntryResponse = z.strictObject(wireHistoryEntrySchema.shape);

/** `GET /memories/{id}/history` answer, oldest first. */
export const historyResponse = z.strictObject({ memory_id: z.string(), history: z.array(historyEntryResponse) });

/** `GET /stats` answer. */
export const statsResponse = z.strictObject({
  total: z.number().int(),
  superseded: z.number().int(),
  by_type: z.record(z.string(), z.number().int()),
  by_user: z.record(z.string(), z.number().int()),
  by_agent: z.record(z.string(), z.number().int()),
  history_entries: z.number().int(),
});

/** `POST /memories/expire` answer. */
export const expireResponse = z.strictObject({
  expired: z.number().int().min(0).describe("Memories removed (with dry_run: that would be)"),
  dry_run: z.boolean(),
  ids: z.array(z.string().uuid()).describe("Their ids, at most 1000"),
});

/** `DELETE /memories` answer: how many memories of the scope were deleted. */
export const deletedResponse = z.strictObject({ deleted: z.number().int().min(0) });

/** `DELETE /memories/{id}` answer: the one memory deleted. */
export const deletedOneResponse = z.strictObject({ deleted: z.literal(1), id: z.string().uuid() });

/** The error body of every failure. */
export const errorResponse = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional().describe("For validation errors: [{path, message}]"),
  }),
});
