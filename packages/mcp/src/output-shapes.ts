import {
  wireJobSchema,
  wireAddResultItemSchema,
  wireHistoryEntrySchema,
  wireMemorySchema,
  wireScoredMemorySchema,
} from "@cortex-mem/core/wire";
import * as z from "zod";

// Output schemas of the tools (MCP wants an object at the top): core's wire schemas, wrapped.

/** store_memory and add_conversation: what happened to each fact. */
export const addOutput = {
  results: z
    .array(wireAddResultItemSchema)
    .describe(
      "One entry per fact: ADD (new), UPDATE/SUPERSEDE (changed an older memory) or NONE (already known); empty when queued",
    ),
  job: wireJobSchema.optional().describe("With async: the queued job; job_status tells its outcome"),
};

/** job_status: one job. */
export const jobOutput = {
  job: wireJobSchema.describe("The job: status, progress, result (the add's results) or error"),
};

/** query_memory: hits, best first. */
export const searchOutput = {
  results: z.array(wireScoredMemorySchema).describe("Matching memories, best first, with score and score parts"),
  count: z.number().int().min(0),
};

/** list_memories: one page, newest first. */
export const pageOutput = {
  memories: z.array(wireMemorySchema),
  next_cursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
  count: z.number().int().min(0),
};

/** get_memory and update_memory: one memory. */
export const memoryOutput = { memory: wireMemorySchema };

/** delete_memory: what was deleted. */
export const deleteOutput = { deleted: z.literal(true), memory_id: z.string() };

/** memory_history: every change, oldest first. */
export const historyOutput = { memory_id: z.string(), history: z.array(wireHistoryEntrySchema) };
