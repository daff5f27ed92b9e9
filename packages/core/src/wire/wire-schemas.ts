import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { MEMORY_TYPES } from "../types/memory.js";
import { LIMITS } from "../types/limits.js";
import { messageRoleSchema, MESSAGE_ROLES } from "../types/message.js";
import { metadataSchema } from "../types/metadata.js";
import { metadataFilterSchema } from "../types/options.js";
import { TTL_GRAMMAR, isExpiresAt, isTtl } from "../util/duration.js";
import { parseDate } from "../util/dates.js";
import { once } from "../util/once.js";

const isMemoryType = (v: string): boolean => (MEMORY_TYPES as readonly string[]).includes(v.trim().toLowerCase());

/** A memory type on the wire: any casing of one of the six types. */
export const wireMemoryType = lazySchema(() =>
  z
    .string()
    .refine(isMemoryType, { message: `expected one of ${MEMORY_TYPES.join(", ")}` })
    .describe(`One of ${MEMORY_TYPES.join(", ")} (case-insensitive)`),
);

const idPart = lazySchema(() => z.string().trim().min(1).max(256));
const isDate = (v: string | number): boolean => {
  try {
    parseDate(v);
    return true;
  } catch {
    return false;
  }
};
const wireDate = lazySchema(() =>
  z
    .union([z.string().min(1), z.number()])
    .refine(isDate, { message: "invalid date: expected RFC 3339, YYYY-MM-DD or epoch milliseconds" })
    .describe("RFC 3339 date-time, a date (YYYY-MM-DD), or epoch milliseconds"),
);
const stringList = lazySchema(() =>
  z.union([z.array(z.string().min(1)), z.string().min(1)]).describe("A list, or a comma-separated string"),
);

/** `expires_at` on the wire: an absolute expiry, or null for never. */
export const wireExpiresAt = lazySchema(() =>
  z
    .string()
    .refine(isExpiresAt, "expected an RFC 3339 date-time with offset (2026-05-01T18:00:00Z) or a date (2026-05-01)")
    .nullable()
    .describe("When it stops being returned: RFC 3339 date-time with offset, or a date; null: never. Not with ttl"),
);

/** `ttl` on the wire: a time to live in the one TTL grammar. */
export const wireTtl = lazySchema(() =>
  z
    .union([z.string(), z.number()])
    .refine(isTtl, `expected ${TTL_GRAMMAR}`)
    .describe(`Time to live from now: ${TTL_GRAMMAR}. Not with expires_at`),
);

/** `include_expired` on the wire (body boolean, or "true"/"false" in a query string). */
export const wireIncludeExpired = lazySchema(() =>
  z
    .union([z.boolean(), z.enum(["true", "false"])])
    .describe("Also return memories whose expires_at has passed (kept until `expire` cleans them)"),
);

/** Scope fields on the wire (flat, or nested under `metadata` / `filters`); built on first use. */
export const wireScopeShape = once(() => ({
  user_id: idPart.optional().describe("The user the memory belongs to"),
  agent_id: idPart.optional().describe("The agent the memory belongs to"),
  run_id: idPart.optional().describe("The run or session the memory belongs to"),
}));

/** Filter fields on the wire, shared by search and list, flat or under `filters`; built on first use. */
export const wireFilterShape = once(() => ({
  memory_type: z.union([wireMemoryType, z.array(wireMemoryType).min(1)]).optional(),
  memory_types: z.array(wireMemoryType).min(1).optional(),
  min_importance: z.coerce.number().min(0).max(1).optional(),
  min_salience: z.coerce.number().min(0).max(1).optional().describe("Alias of min_importance (Rust MCP server)"),
  max_importance: z.coerce.number().min(0).max(1).optional(),
  created_after: wireDate.optional(),
  created_before: wireDate.optional(),
  observed_after: wireDate.optional(),
  observed_before: wireDate.optional(),
  topics: stringList.optional(),
  entities: stringList.optional(),
  actor_id: idPart.optional().describe("Only memories said by this actor"),
  include_superseded: z.union([z.boolean(), z.enum(["true", "false"])]).optional(),
  include_expired: wireIncludeExpired.optional(),
}));

/**
 * `filters: {...}` on the wire (mem0's name for it): scope, filters and metadata equality;
 * `custom` is Rust v1's name for the metadata filter. Unknown fields are errors.
 */
export const wireFiltersObject = lazySchema(() =>
  z.strictObject({
    ...wireScopeShape(),
    ...wireFilterShape(),
    metadata: metadataFilterSchema.optional(),
    custom: metadataFilterSchema.optional().describe("Alias of metadata (Rust v1)"),
  }),
);

/** `metadata: {...}` on a search: only the scope may be nested there (metadata filters go in `filters`). */
export const wireScopeObject = lazySchema(() => z.strictObject(wireScopeShape()));

/** One message of a conversation on the wire. */
export const wireMessageSchema = lazySchema(() =>
  z.strictObject({
    role: messageRoleSchema.describe(`One of ${MESSAGE_ROLES.join(", ")} (a speaker's name goes in name)`),
    content: z
      .string({ error: (i) => (i.input === undefined ? "content is missing" : "content must be a string") })
      .trim()
      .min(1, "message content must not be empty"),
    name: z.string().max(256).optional(),
    timestamp: wireDate.optional().describe("When the message was said; dates what it says"),
    id: z.string().max(256).optional().describe("Caller's id of the message, kept as the memory's source"),
  }),
);

/** Body of `POST /memories` (and the MCP/CLI add): content or messages, scope, options. */
export const wireAddRequestSchema = lazySchema(() =>
  z
    .strictObject({
      content: z.string().trim().min(1, "content must not be empty").optional(),
      messages: z
        .array(wireMessageSchema)
        .min(1, "messages must not be empty")
        .max(LIMITS.messagesPerAdd, `at most ${LIMITS.messagesPerAdd} messages per add (use import for bulk loads)`)
        .optional(),
      ...wireScopeShape(),
      actor_id: idPart.optional(),
      role: messageRoleSchema.optional(),
      infer: z.boolean().optional().describe("Extract facts with the LLM (default from config)"),
      memory_type: wireMemoryType.optional(),
      importance_score: z.number().min(0).max(1).optional(),
      topics: z.array(z.string().min(1)).optional(),
      metadata: metadataSchema.optional().describe("Free JSON; user_id/agent_id/run_id here act as scope"),
      custom: metadataSchema.optional().describe("Alias of metadata (Rust v1)"),
      timestamp: wireDate.optional(),
      expires_at: wireExpiresAt.optional(),
      ttl: wireTtl.optional(),
      async: z
        .boolean()
        .optional()
        .describe("Queue the add as a durable job and answer at once (202, the job) instead of waiting"),
    })
    .refine((b) => (b.content === undefined) !== (b.messages === undefined), {
      message: "give exactly one of content or messages",
      path: ["content"],
    }),
);

/** Body of `POST /memories/search`. */
export const wireSearchRequestSchema = lazySchema(() =>
  z.strictObject({
    query: z.string().trim().min(1, "query must not be empty").max(LIMITS.queryLength),
    ...wireScopeShape(),
    ...wireFilterShape(),
    filters: wireFiltersObject.optional(),
    metadata: wireScopeObject.optional().describe("The scope, nested (metadata equality goes in filters.metadata)"),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).optional(),
    k: z.coerce.number().int().min(1).max(LIMITS.pageSize).optional().describe("Alias of limit (Rust MCP server)"),
    threshold: z.coerce.number().min(0).optional(),
    similarity_threshold: z.coerce.number().min(0).optional().describe("Alias of threshold (Rust v1), same 0..1 scale"),
  }),
);

/** Query string of `GET /memories` (also the MCP/CLI list). */
export const wireListQuerySchema = lazySchema(() =>
  z.strictObject({
    ...wireScopeShape(),
    ...wireFilterShape(),
    filters: wireFiltersObject.optional().describe("Scope and filters nested (mem0's form)"),
    limit: z.coerce.number().int().min(1).max(LIMITS.pageSize).optional(),
    cursor: z.string().min(1).max(512).optional(),
  }),
);

/** Body of `PUT /memories/{id}`. */
export const wireUpdateRequestSchema = lazySchema(() =>
  z
    .strictObject({
      content: z.string().trim().min(1, "content must not be empty").optional(),
      memory_type: wireMemoryType.optional(),
      importance_score: z.number().min(0).max(1).optional(),
      topics: z.array(z.string().min(1)).optional(),
      entities: z.array(z.string().min(1)).optional(),
      metadata: metadataSchema.optional(),
      custom: metadataSchema.optional().describe("Alias of metadata (Rust v1)"),
      actor_id: idPart.optional(),
      expires_at: wireExpiresAt.optional(),
      ttl: wireTtl.optional(),
    })
    .refine((b) => Object.values(b).some((v) => v !== undefined), {
      message: "nothing to update: give content or another field",
    }),
);
