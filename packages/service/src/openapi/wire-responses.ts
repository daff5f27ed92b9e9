import { ErrorCode, MEMORY_EVENTS, MEMORY_TYPES } from "@cortex-mem/core";
import { z } from "zod";

const date = z.string().describe("RFC 3339 date-time");
const scopeFields = { user_id: z.string().optional(), agent_id: z.string().optional(), run_id: z.string().optional() };

/** A memory as the service returns it (core's `memoryToWire`). */
export const wireMemoryResponse = z.strictObject({
  id: z.string().uuid(),
  content: z.string(),
  memory_type: z.enum(MEMORY_TYPES),
  ...scopeFields,
  actor_id: z.string().optional(),
  role: z.string().optional(),
  importance_score: z.number().min(0).max(1),
  entities: z.array(z.string()),
  topics: z.array(z.string()),
  metadata: z.record(z.string(), z.unknown()),
  hash: z.string(),
  created_at: date,
  updated_at: date,
  observed_at: date.describe("When it was said (the message timestamp)"),
  valid_until: date.optional(),
  superseded_by: z.string().optional(),
  source: z.array(z.string()),
});

/** A search hit: the memory plus its score and the parts of the score. */
export const wireScoredResponse = wireMemoryResponse.extend({
  score: z.number(),
  score_parts: z.strictObject({ vector: z.number(), keyword: z.number(), relevance: z.number(), importance: z.number(), recency: z.number() }),
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
export const addResponse = z.strictObject({
  results: z.array(
    z.strictObject({
      id: z.string(),
      memory: z.string(),
      event: z.enum(MEMORY_EVENTS),
      memory_type: z.enum(MEMORY_TYPES),
      previous_memory: z.string().optional(),
    }),
  ),
});

/** One history row. */
export const historyEntryResponse = z.strictObject({
  id: z.string(),
  memory_id: z.string(),
  event: z.enum(MEMORY_EVENTS),
  old_content: z.string().nullable(),
  new_content: z.string().nullable(),
  actor_id: z.string().optional(),
  ...scopeFields,
  created_at: date,
});

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

/** Answer of deletes: `{deleted: n}` (and the id for a single delete). */
export const deletedResponse = z.strictObject({ deleted: z.number().int(), id: z.string().optional() });

/** The error body of every failure. */
export const errorResponse = z.strictObject({
  error: z.strictObject({
    code: z.enum(Object.values(ErrorCode) as [ErrorCode, ...ErrorCode[]]),
    message: z.string(),
    details: z.unknown().optional().describe("For validation errors: [{path, message}]"),
  }),
});
