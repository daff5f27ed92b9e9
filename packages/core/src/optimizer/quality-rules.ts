import { classifyType } from "../engine/rules.js";
import type { Memory, MemoryType } from "../types/memory.js";

const DAY = 86_400_000;

/**
 * v1's quality score (0..1): 0.3·length + 0.2·structure + 0.2·importance + 0.15·metadata +
 * 0.15·freshness, with v1's bands. Below `optimizer.low_quality_threshold` a memory is low quality.
 */
export function qualityScore(m: Memory, now: Date): number {
  const bytes = Buffer.byteLength(m.content);
  const length = bytes < 10 ? 0.1 : bytes < 50 ? 0.5 : bytes < 200 ? 0.8 : 1;
  const punct = /[.!?]/.test(m.content);
  const lines = m.content.includes("\n");
  const structure = punct && lines ? 1 : punct || lines ? 0.7 : 0.3;
  const meta = m.entities.length && m.topics.length ? 1 : m.entities.length || m.topics.length ? 0.6 : 0.2;
  const days = (now.getTime() - m.updatedAt.getTime()) / DAY;
  const fresh = days < 7 ? 1 : days < 30 ? 0.8 : days < 90 ? 0.5 : 0.2;
  return 0.3 * length + 0.2 * structure + 0.2 * m.importance + 0.15 * meta + 0.15 * fresh;
}

/** Days since the memory last changed. */
export const ageDays = (m: Memory, now: Date): number => (now.getTime() - m.updatedAt.getTime()) / DAY;

const SPECIFIC: ReadonlySet<MemoryType> = new Set(["personal", "procedural", "episodic", "semantic"]);

/**
 * Rules-only reclassification, deliberately narrow: only a `conversational` memory whose text the
 * rules place in a specific type (personal, procedural, episodic, semantic) is flagged. The broad
 * `factual` rule matches almost any sentence, so it never overrides a stored type.
 */
export function ruleReclassification(m: Memory): MemoryType | null {
  if (m.memoryType !== "conversational" || m.content.length <= 50) return null;
  const guess = classifyType(m.content);
  return SPECIFIC.has(guess) ? guess : null;
}

/** Space: expired (`valid_until` passed) or superseded longer ago than the retention. */
export function spaceReason(m: Memory, now: Date, supersededRetentionDays: number): string | null {
  if (m.validUntil && m.validUntil.getTime() <= now.getTime()) return `expired on ${m.validUntil.toISOString()}`;
  if (m.supersededBy && ageDays(m, now) > supersededRetentionDays)
    return `superseded by ${m.supersededBy} more than ${supersededRetentionDays} days ago`;
  return null;
}
