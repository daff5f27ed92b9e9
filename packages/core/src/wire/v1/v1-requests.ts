import * as z from "zod";
import { lazySchema } from "../../util/lazy-schema.js";
import { MEMORY_TYPES } from "../../types/memory.js";
import { parseOrThrow } from "../../util/zod-error.js";

// Rust v1 request bodies (cortex-mem-service 1.0) translated to our wire requests, so every
// door's own readers (`addRequestFromWire`, …) do the rest. Unknown fields stay VALIDATION errors.

const idPart = lazySchema(() => z.string().trim().min(1).max(256));
const scope = {
  user_id: idPart.optional(),
  agent_id: idPart.optional(),
  run_id: idPart.optional(),
  actor_id: idPart.optional(),
};
/** v1 nested forms its README showed (and v1 silently ignored): honoured here. */
const nestedScope = lazySchema(() => z.strictObject(scope).optional());

/** v1 parsed memory types leniently: any casing; unknown values meant `conversational`. */
export function v1MemoryType(value: unknown): string | undefined {
  if (value === undefined || value === null) return undefined;
  const t = String(value).trim().toLowerCase();
  return (MEMORY_TYPES as readonly string[]).includes(t) ? t : "conversational";
}

const v1AddBody = lazySchema(() =>
  z.strictObject({
    content: z.string(),
    ...scope,
    role: z.string().min(1).max(64).optional(),
    memory_type: z.string().optional(),
    custom: z.record(z.string(), z.unknown()).optional(),
    metadata: nestedScope,
  }),
);

/**
 * v1 sent content to fact extraction when it looked like a conversation (a newline, `User:` or
 * `Assistant:`, or the procedural type) and stored it as given otherwise; so do we.
 */
export function v1Messages(content: string): { role: string; content: string }[] {
  const lines = content.includes("\n")
    ? content
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
    : [content.trim()];
  return lines.map((line) => {
    const m = /^(user|assistant|ai)\s*:\s*/i.exec(line);
    const role = m && (m[1] as string).toLowerCase() !== "user" ? "assistant" : "user";
    const text = m ? line.slice(m[0].length) : line;
    return { role, content: text || line };
  });
}

/** `POST /memories` of v1 → our add request body. */
export function v1AddToWire(body: unknown): Record<string, unknown> {
  const b = parseOrThrow(v1AddBody, body ?? {}, "body");
  const type = v1MemoryType(b.memory_type);
  const conversation = type === "procedural" || /\n|User:|Assistant:/.test(b.content);
  const { custom, metadata, memory_type: _t, content, ...flat } = b;
  return {
    ...(conversation ? { messages: v1Messages(content) } : { content, infer: false }),
    ...metadata,
    ...flat,
    ...(type ? { memory_type: type } : {}),
    ...(custom ? { metadata: custom } : {}),
  };
}

const v1SearchBody = lazySchema(() =>
  z.strictObject({
    query: z.string(),
    ...scope,
    memory_type: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
    similarity_threshold: z.coerce.number().min(0).max(1).optional(),
    filters: nestedScope,
  }),
);

/** `POST /memories/search` of v1 → our search body and v1's cosine threshold (converted by the caller). */
export function v1SearchToWire(body: unknown): { wire: Record<string, unknown>; similarityThreshold?: number } {
  const b = parseOrThrow(v1SearchBody, body ?? {}, "body");
  const { similarity_threshold, filters, memory_type, ...rest } = b;
  const type = v1MemoryType(memory_type);
  return {
    wire: { ...filters, ...rest, limit: b.limit ?? 10, ...(type ? { memory_type: type } : {}) },
    ...(similarity_threshold !== undefined ? { similarityThreshold: similarity_threshold } : {}),
  };
}

const v1ListQuery = lazySchema(() =>
  z.strictObject({
    ...scope,
    memory_type: z.string().optional(),
    limit: z.coerce.number().int().min(1).max(1000).optional(),
  }),
);

/** `GET /memories` query of v1 → our list query (v1's default limit was 100). */
export function v1ListToWire(query: unknown): Record<string, unknown> {
  const { memory_type, ...rest } = parseOrThrow(v1ListQuery, query ?? {}, "query");
  const type = v1MemoryType(memory_type);
  return { ...rest, limit: rest.limit ?? 100, ...(type ? { memory_type: type } : {}) };
}

/** `PUT /memories/{id}` of v1: `{content}` only. */
export const v1UpdateBody = lazySchema(() => z.strictObject({ content: z.string() }));

/** `POST /memories/batch/delete` of v1. */
export const v1BatchDeleteBody = lazySchema(() => z.strictObject({ ids: z.array(z.string()).max(1000) }));

/** `POST /memories/batch/update` of v1. */
export const v1BatchUpdateBody = lazySchema(() =>
  z.strictObject({
    updates: z.array(z.strictObject({ id: z.string(), content: z.string() })).max(1000),
  }),
);
