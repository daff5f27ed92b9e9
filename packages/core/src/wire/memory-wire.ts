import type {
  AddResult,
  AddResultItem,
  HistoryEntry,
  Memory,
  MemoryPage,
  MemoryStats,
  ScoredMemory,
} from "../types/memory.js";
import { HISTORY_FIELDS, MEMORY_FIELDS } from "../fields/memory-fields.js";
import type { WireHistoryRecord, WireMemoryRecord } from "../fields/memory-fields.js";
import { recordFromWire, recordToWire } from "../fields/field-mapping.js";

/** A memory as REST, MCP and `--json` show it: snake_case, RFC 3339 dates (fields: `MEMORY_FIELDS`). */
export type WireMemory = WireMemoryRecord;

/** A search hit on the wire: the memory, its score and the parts of the score. */
export interface WireScoredMemory extends WireMemory {
  score: number;
  score_parts: { vector: number; keyword: number; relevance: number; importance: number; recency: number };
}

/** A history row on the wire (fields: `HISTORY_FIELDS`). */
export type WireHistoryEntry = WireHistoryRecord;

const optional = <K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** Library memory → wire memory. */
export function memoryToWire(m: Memory): WireMemory {
  return recordToWire(MEMORY_FIELDS, m) as WireMemory;
}

/** Wire memory → library memory (used by import and by clients of the REST service). */
export function memoryFromWire(w: WireMemory): Memory {
  return recordFromWire(MEMORY_FIELDS, w) as Memory;
}

/** Library search hit → wire. */
export function scoredToWire(m: ScoredMemory): WireScoredMemory {
  // recordToWire reads only the memory's own fields, so the hit needs no copy without its score.
  const wire = memoryToWire(m) as WireScoredMemory;
  wire.score = m.score;
  wire.score_parts = { ...m.scoreParts };
  return wire;
}

/** Library history row → wire. */
export function historyToWire(h: HistoryEntry): WireHistoryEntry {
  return recordToWire(HISTORY_FIELDS, h) as WireHistoryEntry;
}

/** Wire history row → library. */
export function historyFromWire(w: WireHistoryEntry): HistoryEntry {
  return recordFromWire(HISTORY_FIELDS, w) as HistoryEntry;
}

/** One fact's outcome on the wire. */
export function addItemToWire(item: AddResultItem): Record<string, unknown> {
  return {
    id: item.id,
    memory: item.memory,
    event: item.event,
    memory_type: item.memoryType,
    ...optional("previous_memory", item.previousMemory),
  };
}

/** An add result on the wire: `{results: [...]}` as mem0 and the Rust service return. */
export function addResultToWire(result: AddResult): { results: Record<string, unknown>[] } {
  return { results: result.results.map(addItemToWire) };
}

/** A page of memories on the wire. */
export function pageToWire(page: MemoryPage): { memories: WireMemory[]; next_cursor: string | null; count: number } {
  return { memories: page.memories.map(memoryToWire), next_cursor: page.nextCursor, count: page.memories.length };
}

/** Stats on the wire. */
export function statsToWire(s: MemoryStats): Record<string, unknown> {
  return {
    total: s.total,
    superseded: s.superseded,
    by_type: s.byType,
    by_user: s.byUser,
    by_agent: s.byAgent,
    history_entries: s.historyEntries,
  };
}
