import type { Memory } from "../types/memory.js";
import type { PipelineContext, Planned } from "./add-pipeline.js";
import { embeddingText } from "./embedding-text.js";
import { DECISION_SYSTEM, decisionReplySchema, decisionUser } from "./prompts.js";

/**
 * The one batched decision call for every fact in the ambiguous band. Memories are shown as small
 * integers and mapped back; a decision naming no valid target falls back to ADD. Merged UPDATE
 * texts are embedded together in one more batch (the second and last embedding call).
 */
export async function decideAmbiguous(items: { plan: Planned; candidates: Memory[] }[], ctx: PipelineContext): Promise<void> {
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
  const reply = await ctx.llm.completeJson({
    system: DECISION_SYSTEM,
    user: decisionUser(items.map((i) => i.plan.fact.content), memories.map((m) => m.content)),
    schema: decisionReplySchema,
    task: "memory update decision",
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  for (const d of reply.decisions) {
    const item = items[d.fact];
    if (!item) continue;
    const target = d.target === null || d.target === undefined ? undefined : memories[d.target];
    const plan = item.plan;
    if (d.event === "ADD" || d.event === "NONE") {
      plan.event = d.event;
      if (target && d.event === "NONE") plan.target = target;
    } else if (target) {
      plan.event = d.event;
      plan.target = target;
      if (d.event === "UPDATE" && d.content && d.content !== plan.fact.content) plan.content = d.content;
    }
  }
  const merged = items.map((i) => i.plan).filter((p) => p.event === "UPDATE" && p.content !== undefined);
  if (merged.length > 0) {
    const vectors = await ctx.embedder.embed(merged.map((p) => embeddingText({ content: p.content as string, actorId: p.target?.actorId })), ctx.signal);
    merged.forEach((p, i) => (p.vector = vectors[i] as Float32Array));
  }
}
