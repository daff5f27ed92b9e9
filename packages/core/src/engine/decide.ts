import type { Embedder } from "../embedder/embedder.js";
import type { Llm } from "../llm/llm.js";
import type { Memory } from "../types/memory.js";
import { embeddingText } from "./embedding-text.js";
import type { AmbiguousFact, Decision } from "./pipeline-types.js";
import { DECISION_SYSTEM, decisionReplySchema, decisionUser } from "./prompts.js";

/**
 * The one batched decision call for every fact in the ambiguous band. Memories are shown as small
 * integers and mapped back; a decision naming no valid target is left out (the fact stays ADD).
 * Merged UPDATE texts are embedded together in one more batch (the second and last embedding
 * call). Returns the decisions; the caller applies them to its plans.
 */
export async function decideAmbiguous(
  items: AmbiguousFact[],
  deps: { llm: Llm; embedder: Embedder; signal?: AbortSignal },
): Promise<Decision[]> {
  const memories: Memory[] = [];
  const index = new Map<string, number>();
  for (const { candidates } of items) {
    for (const m of candidates) {
      if (!index.has(m.id)) {
        index.set(m.id, memories.length);
        memories.push(m);
      }
    }
  }
  const reply = await deps.llm.completeJson({
    system: DECISION_SYSTEM,
    user: decisionUser(
      items.map((i) => i.fact.content),
      memories.map((m) => m.content),
    ),
    schema: decisionReplySchema(),
    task: "memory update decision",
    ...(deps.signal ? { signal: deps.signal } : {}),
  });
  const decisions = new Map<number, Decision>();
  for (const d of reply.decisions) {
    const item = items[d.fact];
    if (!item) continue;
    const target = d.target === null || d.target === undefined ? undefined : memories[d.target];
    if (d.event === "ADD" || d.event === "NONE") {
      decisions.set(d.fact, { index: d.fact, event: d.event, ...(target && d.event === "NONE" ? { target } : {}) });
    } else if (target) {
      const merged = d.event === "UPDATE" && d.content && d.content !== item.fact.content ? { content: d.content } : {};
      decisions.set(d.fact, { index: d.fact, event: d.event, target, ...merged });
    }
  }
  const merged = [...decisions.values()].filter((d) => d.event === "UPDATE" && d.content !== undefined);
  if (merged.length > 0) {
    const texts = merged.map((d) => embeddingText({ content: d.content as string, actorId: d.target?.actorId }));
    const vectors = await deps.embedder.embed(texts, deps.signal);
    merged.forEach((d, i) => (d.vector = vectors[i] as Float32Array));
  }
  return [...decisions.values()];
}
