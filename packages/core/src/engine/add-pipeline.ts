import { randomUUID } from "node:crypto";
import type { Embedder } from "../embedder/embedder.js";
import type { Llm } from "../llm/llm.js";
import type { HistoryEntry, Memory, MemoryEvent, Metadata, Scope } from "../types/memory.js";
import type { AddResultItem } from "../types/memory.js";
import type { MemoryStore, StoreWrite } from "../store/memory-store.js";
import { STOPWORDS, contentHash, stem, words } from "../util/text.js";
import { decideAmbiguous } from "./decide.js";
import { embeddingText } from "./embedding-text.js";
import type { Fact } from "./facts.js";
import type { JobStepMark } from "../jobs/job-types.js";

/** What the pipeline needs besides the facts. */
export interface PipelineContext {
  store: MemoryStore;
  embedder: Embedder;
  llm: Llm;
  scope: Scope;
  metadata: Metadata;
  now: Date;
  /** Near-duplicate and contradiction handling (the `infer: true` ladder); exact duplicates are always dropped. */
  ladder: boolean;
  duplicateThreshold: number;
  relatedThreshold: number;
  signal?: AbortSignal;
  /** The job step this add is (async add): recorded with the writes, and its job id on every history row. */
  step?: JobStepMark;
}

/** A fact after the ladder: its decision and the vector it was embedded to. */
export interface Planned {
  fact: Fact;
  vector: Float32Array;
  event: MemoryEvent;
  target?: Memory;
  content?: string;
}

/**
 * Runs facts through embed → dedup ladder → (at most one) decision call → one transaction.
 * Nothing is written unless every step succeeded.
 */
export async function runPipeline(facts: Fact[], ctx: PipelineContext): Promise<AddResultItem[]> {
  if (facts.length === 0 && !ctx.step) return [];
  const vectors = facts.length > 0 ? await ctx.embedder.embed(facts.map(embeddingText), ctx.signal) : [];
  const existing = facts.length > 0 ? await ctx.store.findByHash(ctx.scope, facts.map((f) => contentHash(f.content))) : [];
  const known = new Map(existing.map((m) => [m.hash, m]));
  const seen = new Set<string>();
  const plans: Planned[] = [];
  const ambiguous: { plan: Planned; candidates: Memory[] }[] = [];
  for (const [i, fact] of facts.entries()) {
    const vector = vectors[i] as Float32Array;
    const hash = contentHash(fact.content);
    const same = known.get(hash);
    if (same || seen.has(hash)) {
      plans.push({ fact, vector, event: "NONE", ...(same ? { target: same } : {}) });
      continue;
    }
    seen.add(hash);
    const plan: Planned = { fact, vector, event: "ADD" };
    plans.push(plan);
    if (!ctx.ladder) continue;
    const hits = await ctx.store.vectorSearch(vector, { scope: ctx.scope, filters: {} }, 5);
    const close = hits.filter((h) => h.score >= ctx.relatedThreshold);
    if (close.length === 0) continue;
    const candidates = await ctx.store.getMany(close.map((h) => h.id));
    const best = candidates.find((m) => m.id === close[0]?.id);
    if (best && (close[0] as { score: number }).score >= ctx.duplicateThreshold && addsNothing(fact.content, best.content)) {
      Object.assign(plan, { event: "NONE", target: best });
    } else if (ctx.llm.available) {
      ambiguous.push({ plan, candidates });
    }
  }
  if (ambiguous.length > 0) await decideAmbiguous(ambiguous, ctx);
  return commit(plans, ctx);
}

async function commit(plans: Planned[], ctx: PipelineContext): Promise<AddResultItem[]> {
  const writes: StoreWrite[] = [];
  const history: HistoryEntry[] = [];
  const results: AddResultItem[] = [];
  const touched = new Set<string>();
  const row = (memoryId: string, event: HistoryEntry["event"], oldContent: string | null, newContent: string | null, actorId?: string): HistoryEntry => ({
    id: randomUUID(), memoryId, event, oldContent, newContent, ...ctx.scope, ...(actorId ? { actorId } : {}),
    ...(ctx.step ? { jobId: ctx.step.jobId } : {}), at: ctx.now,
  });
  for (const p of plans) {
    const target = p.target;
    if (target && touched.has(target.id) && p.event !== "NONE" && p.event !== "ADD") p.event = "ADD";
    if (p.event === "NONE") {
      results.push({ id: target?.id ?? "", memory: p.fact.content, event: "NONE", memoryType: p.fact.memoryType });
      continue;
    }
    if ((p.event === "UPDATE" || p.event === "DELETE" || p.event === "SUPERSEDE") && target) touched.add(target.id);
    if (p.event === "UPDATE" && target) {
      const content = p.content ?? p.fact.content;
      const updated: Memory = { ...target, content, hash: contentHash(content), updatedAt: ctx.now, observedAt: p.fact.observedAt,
        importance: Math.max(target.importance, p.fact.importance), entities: union(target.entities, p.fact.entities),
        topics: union(target.topics, p.fact.topics), source: union(target.source, p.fact.source) };
      writes.push({ op: "update", memory: updated, vector: p.vector });
      history.push(row(target.id, "UPDATE", target.content, content, p.fact.actorId));
      results.push({ id: target.id, memory: content, event: "UPDATE", memoryType: updated.memoryType, previousMemory: target.content });
      continue;
    }
    if (p.event === "DELETE" && target) {
      writes.push({ op: "delete", id: target.id });
      history.push(row(target.id, "DELETE", target.content, null, p.fact.actorId));
      results.push({ id: target.id, memory: target.content, event: "DELETE", memoryType: target.memoryType, previousMemory: target.content });
      continue;
    }
    const memory = newMemory(p.fact, ctx);
    writes.push({ op: "insert", memory, vector: p.vector });
    history.push(row(memory.id, "ADD", null, memory.content, p.fact.actorId));
    if (p.event === "SUPERSEDE" && target) {
      writes.push({ op: "update", memory: { ...target, validUntil: p.fact.observedAt, supersededBy: memory.id, updatedAt: ctx.now } });
      history.push(row(target.id, "SUPERSEDE", target.content, memory.content, p.fact.actorId));
      results.push({ id: memory.id, memory: memory.content, event: "SUPERSEDE", memoryType: memory.memoryType, previousMemory: target.content });
    } else {
      results.push({ id: memory.id, memory: memory.content, event: "ADD", memoryType: memory.memoryType });
    }
  }
  if (ctx.step) await ctx.store.apply(writes, history, { step: { ...ctx.step, result: { results } } });
  else if (writes.length > 0) await ctx.store.apply(writes, history);
  return results;
}

const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])];

/** True when every content word of `fact` is already in `known`: a near-duplicate that says nothing new (negations and new names do). */
export function addsNothing(fact: string, known: string): boolean {
  const have = new Set(words(known).map(stem));
  return words(fact).filter((w) => !STOPWORDS.has(w)).every((w) => have.has(stem(w)));
}

function newMemory(fact: Fact, ctx: PipelineContext): Memory {
  return {
    id: randomUUID(),
    content: fact.content,
    memoryType: fact.memoryType,
    ...ctx.scope,
    ...(fact.actorId ? { actorId: fact.actorId } : {}),
    ...(fact.role ? { role: fact.role } : {}),
    importance: fact.importance,
    entities: fact.entities,
    topics: fact.topics,
    metadata: ctx.metadata,
    hash: contentHash(fact.content),
    createdAt: ctx.now,
    updatedAt: ctx.now,
    observedAt: fact.observedAt,
    source: fact.source,
    ...(fact.context ? { context: fact.context } : {}),
  };
}
