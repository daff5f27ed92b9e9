import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import type { HistoryRecord, MemoryRecord } from "../fields/memory-fields.js";
import type { MemoryEvent, MemoryType } from "./memory-types.js";

export { HISTORY_EVENTS, MEMORY_EVENTS, MEMORY_TYPES, memoryTypeSchema } from "./memory-types.js";
export type { HistoryEvent, MemoryEvent, MemoryType, Metadata } from "./memory-types.js";

const idPart = lazySchema(() => z.string().trim().min(1).max(256));

/** Who a memory belongs to. At least one part is required on every write and read. Unknown fields are errors. */
export const scopeSchema = lazySchema(() =>
  z.strictObject({
    userId: idPart.optional(),
    agentId: idPart.optional(),
    runId: idPart.optional(),
  }),
);

/** Who a memory belongs to: a user, an agent, a run, or a combination. */
export type Scope = z.infer<typeof scopeSchema>;

/**
 * A remembered fact with its scope, classification, provenance and validity. Its fields are
 * defined once in `MEMORY_FIELDS` (`fields/memory-fields.ts`), which every mapping derives from.
 */
export type Memory = MemoryRecord;

/** A memory with the score of a search and the parts it was made of. */
export interface ScoredMemory extends Memory {
  score: number;
  scoreParts: ScoreParts;
}

/** How a search score was made: relevance from the two retrievers, then importance and recency. */
export interface ScoreParts {
  vector: number;
  keyword: number;
  relevance: number;
  importance: number;
  recency: number;
}

/** One appended row of a memory's history; deletes leave their row behind (fields: `HISTORY_FIELDS`). */
export type HistoryEntry = HistoryRecord;

/** What happened to one fact of an `add`. */
export interface AddResultItem {
  id: string;
  memory: string;
  event: MemoryEvent;
  memoryType: MemoryType;
  previousMemory?: string;
}

/** The outcome of an `add`: one item per fact considered. */
export interface AddResult {
  results: AddResultItem[];
}

/** Counts for a scope (or for everything): totals by type, user and agent. */
export interface MemoryStats {
  total: number;
  superseded: number;
  byType: Record<string, number>;
  byUser: Record<string, number>;
  byAgent: Record<string, number>;
  historyEntries: number;
}

/** A page of memories and the cursor for the next one, if any. */
export interface MemoryPage {
  memories: Memory[];
  nextCursor: string | null;
}
