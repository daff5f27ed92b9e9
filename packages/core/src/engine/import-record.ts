import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import type { ExportRecord } from "../store/memory-store.js";
import type { HistoryEntry, Memory } from "../types/memory.js";
import { HISTORY_EVENTS, memoryTypeSchema } from "../types/memory.js";
import { metadataSchema } from "../types/metadata.js";
import { base64ToBytes, bytesToVector } from "../indexing/vector-bytes.js";
import { contentHash } from "../util/text.js";
import { zodIssues } from "../util/zod-error.js";
import { historyFromWire, memoryFromWire } from "../wire/memory-wire.js";
import type { WireHistoryEntry, WireMemory } from "../wire/memory-wire.js";
import { wireHistoryEntrySchema, wireMemorySchema } from "../wire/wire-output-schemas.js";
import { classifyType, estimateImportance, extractEntities, extractTopics } from "./rules.js";

/** One problem of an import line: its number, the field and what is wrong. */
export interface ImportIssue {
  line: number;
  path: string;
  message: string;
}

const uuid = lazySchema(() => z.string().uuid("must be a UUID"));
const timestamp = lazySchema(() => z.iso.datetime({ offset: true, message: "must be an RFC 3339 date-time" }));
const idPart = lazySchema(() => z.string().trim().min(1).max(256));

/**
 * A memory in an import file: the wire memory (strict: an unknown field is an error, never dropped)
 * with the defaults the format allows — a missing hash is computed, `updated_at` and `observed_at`
 * default to `created_at`, type, importance, entities and topics are classified by the rules.
 */
export const importMemorySchema = lazySchema(() =>
  wireMemorySchema
    .extend({
      id: uuid,
      content: z.string().trim().min(1, "must not be empty"),
      memory_type: memoryTypeSchema.optional(),
      user_id: idPart.optional(),
      agent_id: idPart.optional(),
      run_id: idPart.optional(),
      importance_score: z.number().min(0).max(1).optional(),
      entities: z.array(z.string()).optional(),
      topics: z.array(z.string()).optional(),
      metadata: metadataSchema.optional(),
      hash: z.string().optional(),
      created_at: timestamp,
      updated_at: timestamp.optional(),
      observed_at: timestamp.optional(),
      valid_until: timestamp.optional(),
      superseded_by: uuid.optional(),
      source: z.array(z.string()).optional(),
      expires_at: timestamp.nullable().optional(),
    })
    .strict()
    .refine((m) => m.user_id !== undefined || m.agent_id !== undefined || m.run_id !== undefined, {
      message: "a memory needs user_id, agent_id or run_id",
      path: ["user_id"],
    })
    .refine((m) => m.hash === undefined || m.hash === contentHash(m.content), {
      message: "does not match the content (leave it out to have it computed)",
      path: ["hash"],
    }),
);

/** A history row as exported (the wire row), with ids, event and date checked strictly. */
const historySchema = lazySchema(() =>
  wireHistoryEntrySchema
    .extend({
      id: uuid,
      memory_id: uuid,
      event: z.enum(HISTORY_EVENTS),
      created_at: timestamp,
    })
    .strict(),
);

/** The lines of an export file; anything else (an unknown `type` or field) is an invalid line. */
export const importLineSchema = lazySchema(() =>
  z.discriminatedUnion("type", [
    z
      .object({
        type: z.literal("header"),
        format: z.string(),
        version: z.number().optional(),
        embedder: z.string().optional(),
        dimensions: z.number().optional(),
        exported_at: z.string().optional(),
      })
      .strict(),
    z
      .object({
        type: z.literal("memory"),
        memory: importMemorySchema,
        vector: z.string().nullable().optional(),
        history: z.array(historySchema).optional(),
      })
      .strict(),
    z.object({ type: z.literal("history"), entry: historySchema }).strict(),
  ]),
);

/** A parsed line: its kind and what it carries. */
export type ImportLine = z.output<typeof importLineSchema>;

/** Parses one line's JSON and shape; returns the line or its issues (with the line number). */
export function parseImportLine(raw: string, n: number): ImportLine | ImportIssue[] {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return [{ line: n, path: "", message: "not valid JSON" }];
  }
  const result = importLineSchema.safeParse(value);
  return result.success ? result.data : zodIssues(result.error, importLineSchema).map((i) => ({ line: n, ...i }));
}

/** Decodes a base64 float32 vector; an issue when its byte size is odd or its length is not `dimensions`. */
export function decodeVector(text: string, dimensions: number, n: number): Float32Array | ImportIssue {
  const bytes = base64ToBytes(text);
  if (bytes.byteLength % 4 !== 0 || bytes.byteLength / 4 !== dimensions) {
    return {
      line: n,
      path: "vector",
      message: `expected ${dimensions} float32 values (${dimensions * 4} bytes), got ${bytes.byteLength} bytes`,
    };
  }
  const vector = bytesToVector(bytes);
  if (vector.some((x) => !Number.isFinite(x)))
    return { line: n, path: "vector", message: "contains NaN or infinite values" };
  return vector;
}

/** The record a valid memory line stores, with every default filled in. */
export function recordOf(line: Extract<ImportLine, { type: "memory" }>, vector: Float32Array | null): ExportRecord {
  const m = line.memory;
  const type = m.memory_type ?? classifyType(m.content);
  const wire: WireMemory = {
    ...m,
    memory_type: type,
    importance_score: m.importance_score ?? estimateImportance(m.content, type),
    entities: m.entities ?? extractEntities(m.content),
    topics: m.topics ?? extractTopics(m.content),
    metadata: m.metadata ?? {},
    hash: m.hash ?? contentHash(m.content),
    updated_at: m.updated_at ?? m.created_at,
    observed_at: m.observed_at ?? m.created_at,
    source: m.source ?? [],
  };
  const memory: Memory = memoryFromWire(wire);
  const history: HistoryEntry[] = (line.history ?? []).map((h) => historyFromWire(h as WireHistoryEntry));
  return { memory, vector, history };
}
