// Shapes of the REST API's answers that the dashboard reads (snake_case, as on the wire): core's wire
// types, imported as types only, so nothing of core reaches the browser bundle.
import type { MemoryType } from "@cortex-mem/core";
import type { WireHistoryEntry, WireInsights, WireMemory, WireScoredMemory } from "@cortex-mem/core/wire";

export type { WireMemory };

/** A search hit. */
export type WireScored = WireScoredMemory;

/** One history row. */
export type WireHistory = WireHistoryEntry;

/** `GET /insights`. */
export type Insights = WireInsights;

/** A user or an agent with its count and last activity. */
export type Owner = Insights["users"][number];

/**
 * The memory types, for the filter form. A value (the bundle cannot import core's), checked
 * against core's `MemoryType` both ways: a wrong name or a type core adds and this list lacks fails
 * the typecheck.
 */
export const MEMORY_TYPES = [
  "conversational",
  "procedural",
  "factual",
  "semantic",
  "episodic",
  "personal",
] as const satisfies readonly MemoryType[];

/** True only when {@link MEMORY_TYPES} lists every type of core. */
export const LISTS_EVERY_TYPE: [Exclude<MemoryType, (typeof MEMORY_TYPES)[number]>] extends [never] ? true : never =
  true;
