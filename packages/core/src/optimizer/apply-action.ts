import { randomUUID } from "node:crypto";
import type { Embedder } from "../embedder/embedder.js";
import type { JobStepMark } from "../jobs/job-types.js";
import type { StoreReader, StoreWrite, StoreWriter } from "../store/memory-store.js";
import type { HistoryEntry, Memory } from "../types/memory.js";
import { contentHash } from "../util/text.js";
import { isExpired } from "../util/duration.js";
import { expireHistoryRow } from "../engine/expire.js";
import { memoryToWire } from "../wire/memory-wire.js";
import type { WireMemory } from "../wire/memory-wire.js";
import type { OptimizationAction } from "./optimizer-types.js";

/** What one applied action leaves in its step: the memories as they were (for undo), or why it was skipped. */
export interface ActionStepResult {
  type: OptimizationAction["type"];
  before: WireMemory[];
  skipped?: string;
}

const scopeOf = (m: Memory) => ({
  ...(m.userId ? { userId: m.userId } : {}),
  ...(m.agentId ? { agentId: m.agentId } : {}),
  ...(m.runId ? { runId: m.runId } : {}),
});

/** A history row of an optimizer change, carrying the job id and the action's reason. */
export function jobHistory(
  m: Memory,
  event: HistoryEntry["event"],
  newContent: string | null,
  jobId: string,
  at: Date,
  reason?: string,
): HistoryEntry {
  return {
    id: randomUUID(),
    memoryId: m.id,
    event,
    oldContent: m.content,
    newContent,
    ...scopeOf(m),
    ...(m.actorId ? { actorId: m.actorId } : {}),
    at,
    jobId,
    ...(reason ? { reason } : {}),
  };
}

const idsOf = (a: OptimizationAction): string[] => (a.type === "Merge" ? a.memories : [a.memoryId]);

/**
 * Applies one planned action as ONE store transaction that also records the job step (with the
 * memories as they were, which undo restores). A memory that vanished since the plan skips the
 * action. Merge keeps the survivor (with the merged text, re-embedded, when the LLM wrote one) and
 * marks the others superseded by it; Archive sets `valid_until` to now; only Delete and Expire
 * (an expired memory, with an `EXPIRE` row) remove.
 */
export async function applyAction(
  store: StoreReader & StoreWriter,
  embedder: Embedder,
  action: OptimizationAction,
  mark: JobStepMark,
  now: Date,
): Promise<ActionStepResult> {
  const ids = idsOf(action);
  const found = await store.getMany(ids);
  const byId = new Map(found.map((m) => [m.id, m]));
  const result: ActionStepResult = { type: action.type, before: found.map(memoryToWire) };
  const removes = action.type === "Delete" || action.type === "Expire";
  const revived = action.type === "Expire" && found.some((m) => !isExpired(m, now));
  if (found.length !== ids.length || revived || found.some((m) => m.supersededBy && !removes)) {
    result.skipped = "a memory changed or vanished since the plan";
    result.before = [];
    await store.apply([], [], { step: { ...mark, result } });
    return result;
  }
  const writes: StoreWrite[] = [];
  const history: HistoryEntry[] = [];
  const change = (m: Memory, patch: Partial<Memory>, newContent: string, vector?: Float32Array): void => {
    writes.push({ op: "update", memory: { ...m, ...patch, updatedAt: now }, ...(vector ? { vector } : {}) });
    history.push(
      jobHistory(m, patch.supersededBy ? "SUPERSEDE" : "UPDATE", newContent, mark.jobId, now, action.reason),
    );
  };
  switch (action.type) {
    case "Merge": {
      const survivor = byId.get(action.survivor) as Memory;
      const content = action.content ?? survivor.content;
      if (content !== survivor.content) {
        const [vector] = await embedder.embed([content]);
        const entities = [...new Set(found.flatMap((m) => m.entities))];
        const topics = [...new Set(found.flatMap((m) => m.topics))];
        change(
          survivor,
          {
            content,
            hash: contentHash(content),
            entities,
            topics,
            importance: Math.max(...found.map((m) => m.importance)),
          },
          content,
          vector,
        );
      }
      for (const m of found) if (m.id !== survivor.id) change(m, { supersededBy: survivor.id }, content);
      break;
    }
    case "Delete": {
      const m = byId.get(action.memoryId) as Memory;
      writes.push({ op: "delete", id: m.id });
      history.push(jobHistory(m, "DELETE", null, mark.jobId, now, action.reason));
      break;
    }
    case "Update": {
      const m = byId.get(action.memoryId) as Memory;
      const [vector] = await embedder.embed([action.content]);
      change(m, { content: action.content, hash: contentHash(action.content) }, action.content, vector);
      break;
    }
    case "Reclassify": {
      const m = byId.get(action.memoryId) as Memory;
      change(m, { memoryType: action.memoryType }, m.content);
      break;
    }
    case "Expire": {
      const m = byId.get(action.memoryId) as Memory;
      writes.push({ op: "delete", id: m.id });
      history.push(expireHistoryRow(m, now, { jobId: mark.jobId, reason: action.reason }));
      break;
    }
    case "Archive": {
      const m = byId.get(action.memoryId) as Memory;
      change(m, { validUntil: now }, m.content);
      break;
    }
  }
  await store.apply(writes, history, { step: { ...mark, result } });
  return result;
}
