import { yielder } from "../util/yield.js";
import { randomUUID } from "node:crypto";
import type { HistoryEntry, Memory } from "../types/memory.js";
import type { AddResultItem } from "../types/memory.js";
import type { ApplyResult, StoreWrite } from "../store/memory-store.js";
import { memoryVersion } from "../types/version.js";
import { STOPWORDS, contentHash, stem, words } from "../util/text.js";
import { isExpired } from "../util/duration.js";
import { decideAmbiguous } from "./decide.js";
import { newMemoryExpiry } from "./expiry.js";
import { embeddingText } from "./embedding-text.js";
import type { Fact } from "./facts.js";
import type { AmbiguousFact, PipelineContext, Planned } from "./pipeline-types.js";

export type { PipelineContext, Planned } from "./pipeline-types.js";

/**
 * Runs facts through embed → dedup ladder → (at most one) decision call → one transaction.
 * Nothing is written unless every step succeeded.
 */
export async function runPipeline(facts: Fact[], ctx: PipelineContext): Promise<AddResultItem[]> {
  if (facts.length === 0 && !ctx.step) return [];
  const vectors = facts.length > 0 ? await ctx.embedder.embed(facts.map(embeddingText), ctx.signal) : [];
  const existing =
    facts.length > 0
      ? await ctx.store.findByHash(
          ctx.scope,
          facts.map((f) => contentHash(f.content)),
        )
      : [];
  // An expired memory is not live: the same content said again is stored anew.
  const known = new Map(existing.filter((m) => !isExpired(m, ctx.now)).map((m) => [m.hash, m]));
  const seen = new Set<string>();
  const plans: Planned[] = [];
  const ambiguous: (AmbiguousFact & { plan: Planned })[] = [];
  const pause = yielder(); // the ladder's store reads are synchronous underneath: let other requests in
  for (const [i, fact] of facts.entries()) {
    await pause();
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
    const hits = await ctx.store.vectorSearch(vector, { scope: ctx.scope, filters: { liveAt: ctx.now } }, 5);
    const close = hits.filter((h) => h.score >= ctx.relatedThreshold);
    if (close.length === 0) continue;
    const candidates = await ctx.store.getMany(close.map((h) => h.id));
    const best = candidates.find((m) => m.id === close[0]?.id);
    if (
      best &&
      (close[0] as { score: number }).score >= ctx.duplicateThreshold &&
      addsNothing(fact.content, best.content)
    ) {
      Object.assign(plan, { event: "NONE", target: best });
    } else if (ctx.llm.available) {
      ambiguous.push({ plan, fact, candidates });
    }
  }
  if (ambiguous.length > 0) {
    for (const d of await decideAmbiguous(ambiguous, ctx)) {
      const plan = (ambiguous[d.index] as { plan: Planned }).plan;
      plan.event = d.event;
      if (d.target) plan.target = d.target;
      if (d.content !== undefined) plan.content = d.content;
      if (d.vector) plan.vector = d.vector;
    }
  }
  return commit(plans, ctx);
}

async function commit(plans: Planned[], ctx: PipelineContext): Promise<AddResultItem[]> {
  const writes: StoreWrite[] = [];
  const history: HistoryEntry[] = [];
  const results: AddResultItem[] = [];
  const touched = new Set<string>();
  const row = (
    memoryId: string,
    event: HistoryEntry["event"],
    oldContent: string | null,
    newContent: string | null,
    actorId?: string,
  ): HistoryEntry => ({
    id: randomUUID(),
    memoryId,
    event,
    oldContent,
    newContent,
    ...ctx.scope,
    ...(actorId ? { actorId } : {}),
    ...(ctx.step ? { jobId: ctx.step.jobId } : {}),
    at: ctx.now,
  });
  const pause = yielder(); // building 100 writes is work too: the write transaction then starts a fresh slice
  for (const p of plans) {
    await pause();
    const target = p.target;
    if (target && touched.has(target.id) && p.event !== "NONE" && p.event !== "ADD") p.event = "ADD";
    if (p.event === "NONE") {
      results.push({ id: target?.id ?? "", memory: p.fact.content, event: "NONE", memoryType: p.fact.memoryType });
      continue;
    }
    if ((p.event === "UPDATE" || p.event === "DELETE" || p.event === "SUPERSEDE") && target) touched.add(target.id);
    if (p.event === "UPDATE" && target) {
      const content = p.content ?? p.fact.content;
      const updated: Memory = {
        ...target,
        content,
        hash: contentHash(content),
        updatedAt: laterThan(ctx.now, target.updatedAt),
        observedAt: p.fact.observedAt,
        importance: Math.max(target.importance, p.fact.importance),
        entities: union(target.entities, p.fact.entities),
        topics: union(target.topics, p.fact.topics),
        source: union(target.source, p.fact.source),
      };
      // A new expiry (asked or proposed) replaces the old one; `null` removes it; none keeps it.
      const expiresAt = p.fact.expiresAt === undefined ? target.expiresAt : (p.fact.expiresAt ?? undefined);
      if (expiresAt) updated.expiresAt = expiresAt;
      else delete updated.expiresAt;
      writes.push({ op: "update", memory: updated, vector: p.vector, ifVersion: [memoryVersion(target)] });
      history.push(row(target.id, "UPDATE", target.content, content, p.fact.actorId));
      results.push({
        id: target.id,
        memory: content,
        event: "UPDATE",
        memoryType: updated.memoryType,
        previousMemory: target.content,
      });
      continue;
    }
    if (p.event === "DELETE" && target) {
      writes.push({ op: "delete", id: target.id, ifVersion: [memoryVersion(target)] });
      history.push(row(target.id, "DELETE", target.content, null, p.fact.actorId));
      results.push({
        id: target.id,
        memory: target.content,
        event: "DELETE",
        memoryType: target.memoryType,
        previousMemory: target.content,
      });
      continue;
    }
    const memory = newMemory(p.fact, ctx);
    writes.push({ op: "insert", memory, vector: p.vector, unlessDuplicate: true });
    history.push(row(memory.id, "ADD", null, memory.content, p.fact.actorId));
    if (p.event === "SUPERSEDE" && target) {
      const superseded = {
        ...target,
        validUntil: p.fact.observedAt,
        supersededBy: memory.id,
        updatedAt: laterThan(ctx.now, target.updatedAt),
      };
      writes.push({ op: "update", memory: superseded, ifVersion: [memoryVersion(target)] });
      history.push(row(target.id, "SUPERSEDE", target.content, memory.content, p.fact.actorId));
      results.push({
        id: memory.id,
        memory: memory.content,
        event: "SUPERSEDE",
        memoryType: memory.memoryType,
        previousMemory: target.content,
      });
    } else {
      results.push({ id: memory.id, memory: memory.content, event: "ADD", memoryType: memory.memoryType });
    }
  }
  if (writes.length === 0 && !ctx.step) return results;
  await pause();
  // Another writer may have stored the same content in this scope meanwhile: the store skips ours in its
  // transaction, and the job step it records there holds the answer with the skip (NONE, the other's id).
  const answer = ({ duplicates }: ApplyResult): AddResultItem[] => {
    const existing = new Map(duplicates.map((d) => [d.id, d.existingId]));
    return results.map((r) => {
      const twin = existing.get(r.id);
      return twin === undefined ? r : { id: twin, memory: r.memory, event: "NONE", memoryType: r.memoryType };
    });
  };
  const applied = await ctx.store.apply(
    writes,
    history,
    ctx.step ? { step: { ...ctx.step, result: { results } }, stepResult: (a) => ({ results: answer(a) }) } : {},
  );
  return answer(applied);
}

/** A strictly later `updatedAt` than `previous`, so every write gives a new version. */
export const laterThan = (now: Date, previous: Date): Date =>
  now.getTime() > previous.getTime() ? now : new Date(previous.getTime() + 1);

const union = (a: string[], b: string[]): string[] => [...new Set([...a, ...b])];

/** True when every content word of `fact` is already in `known`: a near-duplicate that says nothing new (negations and new names do). */
export function addsNothing(fact: string, known: string): boolean {
  const have = new Set(words(known).map(stem));
  return words(fact)
    .filter((w) => !STOPWORDS.has(w))
    .every((w) => have.has(stem(w)));
}

function newMemory(fact: Fact, ctx: PipelineContext): Memory {
  const expiresAt = newMemoryExpiry(fact.expiresAt, ctx.ttl, fact.memoryType, ctx.now);
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
    ...(expiresAt ? { expiresAt } : {}),
  };
}
