import { randomUUID } from "node:crypto";
import { contentHash } from "../../../src/util/text.js";
import type { HistoryEntry, Memory } from "../../../src/types/memory.js";
import type { MemoryStore } from "../../../src/store/memory-store.js";

/** Dimension and embedder every contract store is initialised with. */
export const DIMS = 8;
export const EMBEDDER = "contract-embedder";

/** A unit vector along axis `i`, optionally tilted towards axis `j`. */
export function axis(i: number, j?: number, tilt = 0.3): Float32Array {
  const v = new Float32Array(DIMS);
  v[i % DIMS] = 1;
  if (j !== undefined) v[j % DIMS] = tilt;
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

let tick = 0;
/** Distinct, increasing timestamps (ms) starting at a fixed date. */
export function at(offsetMinutes?: number): Date {
  tick += 1;
  return new Date(Date.UTC(2025, 0, 1) + (offsetMinutes ?? tick) * 60_000);
}

/** A complete memory with defaults for the parts a test does not care about. */
export function memory(over: Partial<Memory> = {}): Memory {
  const content = over.content ?? `memory number ${randomUUID().slice(0, 8)}`;
  const when = over.createdAt ?? at();
  return {
    id: randomUUID(),
    content,
    memoryType: "factual",
    userId: "alice",
    importance: 0.5,
    entities: [],
    topics: [],
    metadata: {},
    hash: contentHash(content),
    createdAt: when,
    updatedAt: when,
    observedAt: when,
    source: [],
    ...over,
  };
}

/** A history row of `m`. */
export function historyOf(m: Memory, event: HistoryEntry["event"], extra: Partial<HistoryEntry> = {}): HistoryEntry {
  return {
    id: randomUUID(),
    memoryId: m.id,
    event,
    oldContent: event === "ADD" ? null : m.content,
    newContent: event === "DELETE" ? null : m.content,
    ...(m.userId ? { userId: m.userId } : {}),
    ...(m.agentId ? { agentId: m.agentId } : {}),
    ...(m.runId ? { runId: m.runId } : {}),
    at: m.updatedAt,
    ...extra,
  };
}

/** Inserts memories (each with an ADD history row) in one `apply`. */
export async function insert(store: MemoryStore, ...items: [Memory, Float32Array][]): Promise<void> {
  await store.apply(
    items.map(([m, vector]) => ({ op: "insert" as const, memory: m, vector })),
    items.map(([m]) => historyOf(m, "ADD")),
  );
}

/** Inserts memories with axis vectors 0, 1, 2… in one `apply`. */
export async function insertAll(store: MemoryStore, memories: Memory[]): Promise<void> {
  await insert(store, ...memories.map((m, i): [Memory, Float32Array] => [m, axis(i)]));
}

/** The sorted ids of memories or hits. */
export const idsOf = (items: { id: string }[]): string[] => items.map((x) => x.id).sort();

/** Where a contract suite keeps its data: a fresh location is an empty store, the same location the same data. */
export interface StoreBackend {
  open(location: string): MemoryStore;
  /** Removes the data of a location after a test. */
  destroy?(location: string): Promise<void>;
}
