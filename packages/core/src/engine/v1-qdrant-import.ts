import { createHash } from "node:crypto";
import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { CortexMemError, ErrorCode } from "../errors.js";
import type { ExportRecord, StoreTransfer } from "../store/memory-store.js";
import { MEMORY_TYPES } from "../types/memory.js";
import type { Memory, MemoryType } from "../types/memory.js";
import { contentHash } from "../util/text.js";

/** A point of a Rust v1 collection: one unnamed dense vector and v1's payload (§4.3 of its spec). */
export interface V1Point {
  id: string | number;
  vector?: number[] | Record<string, unknown> | null;
  payload?: Record<string, unknown> | null;
}

/** Reads a v1 collection a page at a time (Qdrant's scroll); `next` is null at the end. */
export interface V1PointSource {
  scroll(offset: string | number | null, limit: number): Promise<{ points: V1Point[]; next: string | number | null }>;
}

const optionalString = lazySchema(() => z.string().min(1).optional().catch(undefined));
const v1Payload = lazySchema(() =>
  z
    .object({
      content: z.string().min(1),
      created_at: z.string().optional(),
      updated_at: z.string().optional(),
      created_at_ts: z.number().optional(),
      updated_at_ts: z.number().optional(),
      user_id: optionalString,
      agent_id: optionalString,
      run_id: optionalString,
      actor_id: optionalString,
      role: optionalString,
      memory_type: z.string().optional(),
      importance_score: z.number().min(0).max(1).optional().catch(undefined),
      entities: z.unknown().optional(),
      topics: z.unknown().optional(),
    })
    .loose(),
);

/** v1 wrote lists as arrays, older points as a JSON-encoded string. */
function stringList(value: unknown): string[] {
  let v = value;
  if (typeof v === "string") {
    try {
      v = JSON.parse(v);
    } catch {
      return v === "" ? [] : [v as string];
    }
  }
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "") : [];
}

/** v1 stored each `custom` value as `custom_<key>` holding the JSON text of the value; we give back the value. */
function customOf(payload: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(payload)) {
    if (!key.startsWith("custom_")) continue;
    let value: unknown = raw;
    if (typeof raw === "string") {
      try {
        value = JSON.parse(raw);
      } catch {
        value = raw;
      }
    }
    out[key.slice("custom_".length)] = value;
  }
  return out;
}

function dateOf(text: string | undefined, ms: number | undefined, fallback: Date): Date {
  const d = text !== undefined ? new Date(text) : ms !== undefined ? new Date(ms) : fallback;
  return Number.isNaN(d.getTime()) ? fallback : d;
}

/**
 * One v1 point as our memory (id kept; type lowercased; `custom_*` back to JSON values under
 * metadata; the hash recomputed our way) with its vector when `keepVector` accepts it. A point
 * without content is a `VALIDATION` error naming the point, as v1 itself skipped such points.
 */
export function v1PointToRecord(point: V1Point, keepVector: (v: number[]) => boolean, now = new Date()): ExportRecord {
  const parsed = v1Payload.safeParse(point.payload ?? {});
  if (!parsed.success) {
    throw new CortexMemError(ErrorCode.VALIDATION, `v1 point ${String(point.id)} has no content`, {
      details: [{ path: `points.${String(point.id)}.payload.content`, message: "missing or empty" }],
    });
  }
  const p = parsed.data;
  const type = (p.memory_type ?? "conversational").toLowerCase();
  const createdAt = dateOf(p.created_at, p.created_at_ts, now);
  const memory: Memory = {
    // v1 ids are UUIDs; a numeric point id (not written by v1) gets a stable UUID of its own.
    id: typeof point.id === "number" ? derivedId(`v1-point:${point.id}`) : point.id,
    content: p.content,
    memoryType: (MEMORY_TYPES as readonly string[]).includes(type) ? (type as MemoryType) : "conversational",
    ...(p.user_id ? { userId: p.user_id } : {}),
    ...(p.agent_id ? { agentId: p.agent_id } : {}),
    ...(p.run_id ? { runId: p.run_id } : {}),
    ...(p.actor_id ? { actorId: p.actor_id } : {}),
    ...(p.role ? { role: p.role } : {}),
    importance: p.importance_score ?? 0.5,
    entities: stringList(p.entities),
    topics: stringList(p.topics),
    metadata: customOf(p),
    hash: contentHash(p.content),
    createdAt,
    updatedAt: dateOf(p.updated_at, p.updated_at_ts, createdAt),
    observedAt: createdAt,
    source: [],
  };
  const vector = Array.isArray(point.vector) && keepVector(point.vector) ? Float32Array.from(point.vector) : null;
  const history = [
    {
      id: derivedId(`v1-import:${memory.id}`),
      memoryId: memory.id,
      event: "ADD" as const,
      oldContent: null,
      newContent: memory.content,
      ...scopeOf(memory),
      at: createdAt,
    },
  ];
  return { memory, vector, history };
}

/** A UUID derived from a name, so importing the same point twice writes the same history row. */
function derivedId(name: string): string {
  const h = createHash("sha256").update(name).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const scopeOf = (m: Memory) => ({
  ...(m.userId ? { userId: m.userId } : {}),
  ...(m.agentId ? { agentId: m.agentId } : {}),
  ...(m.runId ? { runId: m.runId } : {}),
});

/** What an import from a v1 collection did. `withoutVector` memories need `reembed`. */
export interface V1ImportSummary {
  read: number;
  imported: number;
  skipped: number;
  withoutVector: number;
  /** Points that could not become memories, with why (nothing else is dropped). */
  rejected: { id: string; reason: string }[];
}

/**
 * Copies every point of a Rust v1 Qdrant collection into `target` (already `init`ed), a page at
 * a time. Idempotent (ids kept; memories already there are left alone). Vectors are kept when
 * `keepVector` says they fit the configured embedder, else the memory is imported without one.
 */
export async function importV1Qdrant(
  source: V1PointSource,
  target: Pick<StoreTransfer, "importRecords">,
  options: { keepVector: (v: number[]) => boolean; batchSize?: number; onProgress?: (read: number) => void },
): Promise<V1ImportSummary> {
  const summary: V1ImportSummary = { read: 0, imported: 0, skipped: 0, withoutVector: 0, rejected: [] };
  let offset: string | number | null = null;
  do {
    const page = await source.scroll(offset, options.batchSize ?? 256);
    const records: ExportRecord[] = [];
    for (const point of page.points) {
      summary.read += 1;
      try {
        const record = v1PointToRecord(point, options.keepVector);
        if (record.vector === null) summary.withoutVector += 1;
        records.push(record);
      } catch (error) {
        summary.rejected.push({ id: String(point.id), reason: error instanceof Error ? error.message : String(error) });
      }
    }
    const added = records.length ? await target.importRecords(records) : 0;
    summary.imported += added;
    summary.skipped += records.length - added;
    options.onProgress?.(summary.read);
    offset = page.next;
  } while (offset !== null);
  return summary;
}
