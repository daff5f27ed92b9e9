import type { WireHistoryEntry, WireMemory, WireScoredMemory } from "@cortex-mem/core/wire";

// Short text renderings of tool results, for clients that show the model text rather than
// structuredContent. Ids stay in so the model can follow up with get/update/delete.

const day = (iso: string): string => iso.slice(0, 10);

/** One memory on one line: type, content, id. */
export function memoryLine(m: WireMemory): string {
  const expires = m.expires_at ? `, expires ${m.expires_at}` : "";
  return `[${m.memory_type}] ${m.content} (id: ${m.id}, ${day(m.observed_at)}${expires})`;
}

/** The outcome of an add, one line per fact. */
export function renderAdd(results: { id: string; memory: string; event: string }[]): string {
  if (results.length === 0) return "Nothing worth remembering was found; no memory was stored.";
  const lines = results.map((r) => `${r.event === "NONE" ? "already known" : r.event}: ${r.memory} (id: ${r.id})`);
  return `${results.length} fact(s):\n${lines.join("\n")}`;
}

/** Search hits, best first, with their score. */
export function renderSearch(query: string, hits: WireScoredMemory[]): string {
  if (hits.length === 0) return `No memories match "${query}".`;
  return `${hits.length} memories for "${query}":\n${hits.map((h, i) => `${i + 1}. (${h.score.toFixed(2)}) ${memoryLine(h)}`).join("\n")}`;
}

/** A page of memories and how to get the next one. */
export function renderPage(memories: WireMemory[], nextCursor: string | null): string {
  const head =
    memories.length === 0
      ? "No memories."
      : `${memories.length} memories:\n${memories.map((m) => `- ${memoryLine(m)}`).join("\n")}`;
  return nextCursor ? `${head}\nMore: call list_memories with cursor "${nextCursor}".` : head;
}

/** One memory with its attributes. */
export function renderMemory(m: WireMemory, verb = "Memory"): string {
  const topics = m.topics.length > 0 ? `, topics: ${m.topics.join(", ")}` : "";
  const superseded = m.superseded_by ? `, superseded by ${m.superseded_by}` : "";
  return `${verb} ${m.id}: ${m.content}\n(${m.memory_type}, importance ${m.importance_score.toFixed(2)}, observed ${day(m.observed_at)}${topics}${superseded})`;
}

/** A history, oldest first. */
export function renderHistory(id: string, rows: WireHistoryEntry[]): string {
  const line = (r: WireHistoryEntry): string =>
    `${r.created_at} ${r.event}: ${r.old_content === null ? "" : `"${r.old_content}" -> `}${r.new_content === null ? "(deleted)" : `"${r.new_content}"`}${r.reason ? ` (${r.reason})` : ""}`;
  return `${rows.length} change(s) of ${id}:\n${rows.map(line).join("\n")}`;
}
