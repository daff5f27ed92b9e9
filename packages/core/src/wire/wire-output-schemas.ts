import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { HISTORY_EVENTS, MEMORY_EVENTS, MEMORY_TYPES } from "../types/memory.js";
import { metadataSchema } from "../types/metadata.js";

// zod mirrors of what `memory-wire.ts` emits, for doors that declare their responses
// (MCP tool output schemas, OpenAPI). They describe the output; they never transform it.

const timestamp = lazySchema(() => z.iso.datetime({ offset: true }).describe("RFC 3339 date-time"));
const score = lazySchema(() => z.number().min(0));

/** A memory as `memoryToWire` emits it. */
export const wireMemorySchema = lazySchema(() =>
  z.object({
    id: z.string().describe("Memory id (UUID)"),
    content: z.string(),
    memory_type: z.enum(MEMORY_TYPES),
    user_id: z.string().optional(),
    agent_id: z.string().optional(),
    run_id: z.string().optional(),
    actor_id: z.string().optional(),
    role: z.string().optional(),
    importance_score: z.number().min(0).max(1),
    entities: z.array(z.string()),
    topics: z.array(z.string()),
    metadata: metadataSchema,
    hash: z.string(),
    created_at: timestamp,
    updated_at: timestamp,
    observed_at: timestamp.describe("When it was said (the message timestamp)"),
    valid_until: timestamp.optional(),
    superseded_by: z.string().optional(),
    source: z.array(z.string()),
    context: z.string().optional(),
    expires_at: timestamp
      .nullable()
      .describe("When it stops being returned (hidden unless include_expired); null: never"),
  }),
);

/** A search hit as `scoredToWire` emits it: the memory, its score and the parts of the score. */
export const wireScoredMemorySchema = lazySchema(() =>
  wireMemorySchema.extend({
    score,
    score_parts: z.object({ vector: score, keyword: score, relevance: score, importance: score, recency: score }),
  }),
);

/** A history row as `historyToWire` emits it. */
export const wireHistoryEntrySchema = lazySchema(() =>
  z.object({
    id: z.string(),
    memory_id: z.string(),
    event: z.enum(HISTORY_EVENTS),
    old_content: z.string().nullable(),
    new_content: z.string().nullable(),
    actor_id: z.string().optional(),
    user_id: z.string().optional(),
    agent_id: z.string().optional(),
    run_id: z.string().optional(),
    job_id: z.string().optional(),
    reason: z.string().optional(),
    created_at: timestamp,
  }),
);

/** One fact's outcome as `addItemToWire` emits it. */
export const wireAddResultItemSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    memory: z.string(),
    event: z.enum(MEMORY_EVENTS),
    memory_type: z.enum(MEMORY_TYPES),
    previous_memory: z.string().optional(),
  }),
);
