import type { Memory } from "../types/memory.js";

/** One attribute an update may change besides the content: its wire name and how to show its value. */
interface Attribute {
  wire: string;
  show: (m: Memory) => string;
}

const json = (v: unknown): string => JSON.stringify(v ?? null);
const list = (v: readonly string[]): string => `[${v.join(", ")}]`;

/** The attributes compared, in the order they are reported (wire names, as every door shows them). */
const ATTRIBUTES: readonly Attribute[] = [
  { wire: "memory_type", show: (m) => m.memoryType },
  { wire: "importance_score", show: (m) => String(m.importance) },
  { wire: "topics", show: (m) => list(m.topics) },
  { wire: "entities", show: (m) => list(m.entities) },
  { wire: "metadata", show: (m) => json(m.metadata) },
  { wire: "actor_id", show: (m) => m.actorId ?? "(none)" },
  { wire: "expires_at", show: (m) => m.expiresAt?.toISOString() ?? "(none)" },
];

/**
 * What an update changed besides the content, e.g. `importance_score 0.5 → 0.8; memory_type factual →
 * personal`, so a history row of an attribute-only update says more than "X → X". Content is left out
 * (the row's old and new content show it); `nothing changed` when the update changed nothing at all.
 * Returns `undefined` when only the content changed.
 */
export function describeAttributeChange(before: Memory, after: Memory): string | undefined {
  const parts: string[] = [];
  for (const a of ATTRIBUTES) {
    const was = a.show(before);
    const now = a.show(after);
    if (was !== now) parts.push(`${a.wire} ${was} → ${now}`);
  }
  if (parts.length > 0) return parts.join("; ");
  return before.content === after.content ? "nothing changed" : undefined;
}
