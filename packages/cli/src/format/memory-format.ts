import type { AddResult, HistoryEntry, Memory, MemoryStats, ScoredMemory } from "@cortex-mem/core";
import type { Colors } from "../runtime/colors.js";
import { safeText } from "./escape.js";
import { keyValues, table, terminalWidth } from "./table.js";

const scopeText = (m: { userId?: string; agentId?: string; runId?: string }): string =>
  [m.userId && `user=${m.userId}`, m.agentId && `agent=${m.agentId}`, m.runId && `run=${m.runId}`]
    .filter(Boolean)
    .join(" ");
const day = (d: Date): string => d.toISOString().slice(0, 16).replace("T", " ");

/** What happened to each fact of an `add`, one line each. */
export function formatAdd(result: AddResult, c: Colors): string[] {
  if (result.results.length === 0) return [c.dim("Nothing to remember in that input.")];
  const paint: Record<string, (s: string) => string> = {
    ADD: c.green,
    UPDATE: c.yellow,
    SUPERSEDE: c.magenta,
    NONE: c.dim,
  };
  return result.results.map((r) => {
    const event = (paint[r.event] ?? ((s: string) => s))(r.event.padEnd(9));
    const note =
      r.event === "NONE"
        ? c.dim(" (already known)")
        : r.previousMemory
          ? c.dim(` (was: ${safeText(r.previousMemory)})`)
          : "";
    return `${event} ${c.dim(r.id)}  ${safeText(r.memory)}${note}`;
  });
}

/** Search hits as a table; `explain` adds a line with the parts of each score. */
export function formatSearch(hits: ScoredMemory[], c: Colors, explain: boolean): string[] {
  if (hits.length === 0) return [c.dim("No matching memories.")];
  if (!explain) {
    return table(
      [{ header: "SCORE", color: c.cyan }, { header: "ID", color: c.dim }, { header: "TYPE" }, { header: "CONTENT" }],
      hits.map((h) => [h.score.toFixed(3), h.id, h.memoryType, h.content]),
      { width: terminalWidth() ?? 0, bold: c.bold },
    );
  }
  return hits.flatMap((h) => {
    const p = h.scoreParts;
    return [
      `${c.cyan(h.score.toFixed(3))}  ${c.dim(h.id)}  ${h.memoryType}  ${safeText(h.content)}`,
      c.dim(
        `       vector ${p.vector.toFixed(3)}  keyword ${p.keyword.toFixed(3)}  relevance ${p.relevance.toFixed(3)}  importance ${p.importance.toFixed(3)}  recency ${p.recency.toFixed(3)}`,
      ),
    ];
  });
}

/** A list of memories as a table. */
export function formatMemories(memories: Memory[], c: Colors): string[] {
  if (memories.length === 0) return [c.dim("No memories.")];
  return table(
    [
      { header: "ID", color: c.dim },
      { header: "TYPE" },
      { header: "IMP" },
      { header: "SCOPE" },
      { header: "UPDATED" },
      { header: "CONTENT" },
    ],
    memories.map((m) => [
      m.id,
      m.memoryType,
      m.importance.toFixed(2),
      scopeText(m),
      day(m.updatedAt),
      m.supersededBy ? `(superseded) ${m.content}` : m.content,
    ]),
    { width: terminalWidth() ?? 0, bold: c.bold },
  );
}

/** One memory, every field. */
export function formatMemory(m: Memory, c: Colors): string[] {
  const pairs: [string, string][] = [
    ["id", m.id],
    ["content", m.content],
    ["type", m.memoryType],
    ["scope", scopeText(m)],
    ["importance", m.importance.toFixed(2)],
    ["entities", m.entities.join(", ")],
    ["topics", m.topics.join(", ")],
    ["metadata", JSON.stringify(m.metadata)],
    ["created", m.createdAt.toISOString()],
    ["updated", m.updatedAt.toISOString()],
    ["observed", m.observedAt.toISOString()],
  ];
  if (m.actorId) pairs.push(["actor", m.actorId]);
  if (m.role) pairs.push(["role", m.role]);
  if (m.validUntil) pairs.push(["valid until", m.validUntil.toISOString()]);
  if (m.expiresAt) pairs.push(["expires", m.expiresAt.toISOString()]);
  if (m.supersededBy) pairs.push(["superseded by", m.supersededBy]);
  return keyValues(pairs, c.bold);
}

/** An UPDATE/SUPERSEDE row: the content change, what else changed (the row's reason), or both. */
function changeText(h: HistoryEntry): string {
  const content = h.oldContent === h.newContent ? "" : `${h.oldContent ?? ""} → ${h.newContent ?? ""}`;
  if (!h.reason) return content || `${h.newContent ?? ""} (unchanged)`;
  return content ? `${content} (${h.reason})` : h.reason;
}

/** A memory's history, oldest first. */
export function formatHistory(rows: HistoryEntry[], c: Colors): string[] {
  return table(
    [{ header: "AT", color: c.dim }, { header: "EVENT", color: c.yellow }, { header: "CHANGE" }],
    rows.map((h) => [
      day(h.at),
      h.event,
      h.event === "ADD"
        ? (h.newContent ?? "")
        : h.event === "DELETE"
          ? `${h.oldContent ?? ""} → (deleted)`
          : h.event === "EXPIRE"
            ? `${h.oldContent ?? ""} → (expired${h.reason ? `: ${h.reason}` : ""})`
            : changeText(h),
    ]),
    { width: terminalWidth() ?? 0, bold: c.bold },
  );
}

/** Counts by type, user and agent. */
export function formatStats(s: MemoryStats, c: Colors): string[] {
  const group = (title: string, counts: Record<string, number>): string[] => {
    const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
    return entries.length ? ["", c.bold(title), ...keyValues(entries.map(([k, n]) => [`  ${k}`, String(n)]))] : [];
  };
  return [
    ...keyValues(
      [
        ["memories", String(s.total)],
        ["superseded", String(s.superseded)],
        ["history rows", String(s.historyEntries)],
      ],
      c.bold,
    ),
    ...group("by type", s.byType),
    ...group("by user", s.byUser),
    ...group("by agent", s.byAgent),
  ];
}
