import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";

/** The six kinds of memory; input is case-insensitive, output always lowercase. */
export const MEMORY_TYPES = ["conversational", "procedural", "factual", "semantic", "episodic", "personal"] as const;

/** One of {@link MEMORY_TYPES}. */
export type MemoryType = (typeof MEMORY_TYPES)[number];

/** Accepts any casing of a memory type and yields the lowercase form. */
export const memoryTypeSchema = lazySchema(() =>
  z.preprocess(
    (v) => (typeof v === "string" ? v.trim().toLowerCase() : v),
    z.enum(MEMORY_TYPES, { error: () => `expected one of ${MEMORY_TYPES.join(", ")}` }),
  ),
);

/** The events of the add pipeline; history rows use all but NONE. */
export const MEMORY_EVENTS = ["ADD", "UPDATE", "SUPERSEDE", "DELETE", "NONE"] as const;

/** One of {@link MEMORY_EVENTS}. */
export type MemoryEvent = (typeof MEMORY_EVENTS)[number];

/** The events of history rows: the add pipeline's (but NONE), and EXPIRE when an expired memory is cleaned. */
export const HISTORY_EVENTS = ["ADD", "UPDATE", "SUPERSEDE", "DELETE", "EXPIRE"] as const;

/** One of {@link HISTORY_EVENTS}. */
export type HistoryEvent = (typeof HISTORY_EVENTS)[number];

/** A free JSON object, returned exactly as given. */
export type Metadata = Record<string, unknown>;
