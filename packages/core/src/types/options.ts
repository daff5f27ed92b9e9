import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { LIMITS } from "./limits.js";
import { memoryTypeSchema, scopeSchema } from "./memory.js";
import type { MemoryType } from "./memory.js";
import { metadataSchema } from "./metadata.js";
import { messageRoleSchema, messageSchema } from "./message.js";
import { TTL_GRAMMAR, isExpiresAt, isTtl } from "../util/duration.js";

/** Metadata equality filter: scalar values, at most {@link LIMITS.metadataFilterKeys} keys. */
export const metadataFilterSchema = lazySchema(() =>
  z
    .record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))
    .refine((m) => Object.keys(m).length <= LIMITS.metadataFilterKeys, {
      message: `at most ${LIMITS.metadataFilterKeys} keys per metadata filter`,
    }),
);

const dateInput = lazySchema(() => z.union([z.date(), z.string().min(1), z.number()]));

/** An absolute expiry: a Date, an RFC 3339 date-time with offset, or a date (see `parseExpiresAt`). */
export const expiresAtInputSchema = lazySchema(() =>
  z
    .union([z.date(), z.string()])
    .refine(isExpiresAt, "expected an RFC 3339 date-time with offset (2026-05-01T18:00:00Z) or a date (2026-05-01)"),
);

/** A time to live in the one TTL grammar (see `TTL_GRAMMAR`): `"12h"`, `"7d"`, or seconds. */
export const ttlInputSchema = lazySchema(() =>
  z.union([z.string(), z.number()]).refine(isTtl, `expected ${TTL_GRAMMAR}`),
);

/** Narrows which memories a read sees, beyond the scope. All parts are ANDed. */
/** Narrows which memories a read sees, beyond the scope. All parts are ANDed. Unknown fields are errors. */
export const filtersSchema = lazySchema(() =>
  z.strictObject({
    memoryTypes: z.array(memoryTypeSchema).min(1).optional(),
    minImportance: z.number().min(0).max(1).optional(),
    maxImportance: z.number().min(0).max(1).optional(),
    createdAfter: dateInput.optional(),
    createdBefore: dateInput.optional(),
    observedAfter: dateInput.optional(),
    observedBefore: dateInput.optional(),
    topics: z.array(z.string().min(1)).min(1).optional(),
    entities: z.array(z.string().min(1)).min(1).optional(),
    actorId: z.string().min(1).max(256).optional(),
    metadata: metadataFilterSchema.optional(),
    includeSuperseded: z.boolean().optional(),
    /** Also memories whose `expiresAt` has passed (kept until cleaned; hidden by default). */
    includeExpired: z.boolean().optional(),
  }),
);

/**
 * A memory type as a caller may write it: one of the six, lowercase, UPPERCASE or Capitalised
 * (the schema accepts any casing at run time; the type keeps typos out at compile time).
 */
export type MemoryTypeInput = MemoryType | Uppercase<MemoryType> | Capitalize<MemoryType>;

/** Filters as the caller gives them (dates may be strings). */
export type FiltersInput = Omit<z.input<typeof filtersSchema>, "memoryTypes"> & { memoryTypes?: MemoryTypeInput[] };

/** Options of `add`: where it goes, whether to extract facts, and what to attach. */
export const addOptionsSchema = lazySchema(() =>
  scopeSchema.extend({
    infer: z.boolean().optional(),
    memoryType: memoryTypeSchema.optional(),
    metadata: metadataSchema.optional(),
    timestamp: dateInput.optional(),
    actorId: z.string().min(1).max(256).optional(),
    role: messageRoleSchema.optional(),
    importance: z.number().min(0).max(1).optional(),
    topics: z.array(z.string().min(1)).optional(),
    /** When the memories expire; `null`: never, whatever `memory.ttl` says. Not with `ttl`. */
    expiresAt: expiresAtInputSchema.nullable().optional(),
    /** Expire this long after the add (`"7d"`, `"12h"`, seconds). Not with `expiresAt`. */
    ttl: ttlInputSchema.optional(),
  }),
);

/** Options of `add` as the caller gives them. */
export type AddOptions = Omit<z.input<typeof addOptionsSchema>, "memoryType"> & { memoryType?: MemoryTypeInput };

/** What `add` stores: a piece of content, or a conversation to extract facts from. */
export const addInputSchema = lazySchema(() =>
  z.union([
    z.string().trim().min(1, "content must not be empty"),
    z
      .array(messageSchema)
      .min(1, "messages must not be empty")
      .max(LIMITS.messagesPerAdd, `at most ${LIMITS.messagesPerAdd} messages per add (use import for bulk loads)`),
  ]),
);

/** An abort signal passed along with options (read, never stored). */
const signalSchema = lazySchema(() =>
  z.custom<AbortSignal>((v) => v instanceof AbortSignal, "expected an AbortSignal"),
);

/** Options of `search`: scope, filters, how many and how good. */
export const searchOptionsSchema = lazySchema(() =>
  scopeSchema.extend({
    filters: filtersSchema.optional(),
    signal: signalSchema.optional(),
    limit: z.number().int().min(1).max(LIMITS.pageSize).optional(),
    threshold: z.number().min(0).optional(),
  }),
);

/** Options of `search` as the caller gives them. */
export type SearchOptions = Omit<z.input<typeof searchOptionsSchema>, "filters"> & { filters?: FiltersInput };

/** Options of `list`: scope, filters and a page. */
export const listOptionsSchema = lazySchema(() =>
  scopeSchema.extend({
    filters: filtersSchema.optional(),
    limit: z.number().int().min(1).max(LIMITS.pageSize).optional(),
    cursor: z.string().min(1).max(512).optional(),
  }),
);

/** Options of `list` as the caller gives them. */
export type ListOptions = Omit<z.input<typeof listOptionsSchema>, "filters"> & { filters?: FiltersInput };

/** Options of `update`: new content and/or attributes; the embedding is redone only for new content. */
export const updateInputSchema = lazySchema(() =>
  z
    .strictObject({
      content: z.string().trim().min(1, "content must not be empty").optional(),
      memoryType: memoryTypeSchema.optional(),
      metadata: metadataSchema.optional(),
      importance: z.number().min(0).max(1).optional(),
      topics: z.array(z.string().min(1)).optional(),
      entities: z.array(z.string().min(1)).optional(),
      actorId: z.string().min(1).max(256).optional(),
      /** New expiry; `null` removes it (never expires). Not with `ttl`. */
      expiresAt: expiresAtInputSchema.nullable().optional(),
      /** Expire this long from now. Not with `expiresAt`. */
      ttl: ttlInputSchema.optional(),
    })
    .refine((v) => Object.values(v).some((x) => x !== undefined), "nothing to update: give content or another field"),
);

/** Options of `update` as the caller gives them. */
export type UpdateInput = Omit<z.input<typeof updateInputSchema>, "memoryType"> & { memoryType?: MemoryTypeInput };

/**
 * Options of the one-memory operations (`get`, `update`, `delete`, `history`, jobs): the scope the
 * memory must lie in, `ifVersion` for conditional writes, and an abort signal. Unknown fields are
 * errors, so `{ userId }` given where `{ scope: { userId } }` belongs does not widen the reach.
 */
export const guardSchema = lazySchema(() =>
  z.strictObject({
    scope: scopeSchema.optional(),
    ifVersion: z.union([z.string(), z.array(z.string())]).optional(),
    signal: signalSchema.optional(),
    /** `get` only: return a memory whose `expiresAt` has passed. */
    includeExpired: z.boolean().optional(),
  }),
);

/** A memory id: a UUID. */
export const memoryIdSchema = lazySchema(() => z.string().trim().uuid("memory id must be a UUID"));
