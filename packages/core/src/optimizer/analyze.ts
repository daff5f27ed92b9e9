import type { CortexMemConfig } from "../config/schema.js";
import type { Llm } from "../llm/llm.js";
import type { MemoryStore } from "../store/memory-store.js";
import type { Memory, Scope } from "../types/memory.js";
import { isExpired } from "../util/duration.js";
import { nearDuplicateGroups, survivorOf } from "./duplicates.js";
import { classifyWithLlm, mergeWithLlm } from "./llm-batches.js";
import type {
  IssueKind,
  OptimizationAction,
  OptimizationIssue,
  OptimizationPlan,
  OptimizationStrategy,
  Severity,
} from "./optimizer-types.js";
import { STRATEGY_ISSUES } from "./optimizer-types.js";
import { ageDays, qualityScore, ruleReclassification, spaceReason } from "./quality-rules.js";

/** What analyze needs: the store, the LLM (rules only when unavailable) and the optimizer settings. */
export interface AnalyzeDeps {
  store: MemoryStore;
  llm: Llm;
  settings: CortexMemConfig["optimizer"];
  now?: Date;
  signal?: AbortSignal;
}

/** What to analyze: strategy, scope (empty: everything), optionally one memory type. */
export interface AnalyzeInput {
  strategy: OptimizationStrategy;
  scope: Scope;
  memoryType?: string;
}

/**
 * The dry run: reads every memory of the scope (the store's cursor, with vectors), finds issues
 * (near-duplicates through the vector index; quality, age, classification and space by rules, or
 * classification and merged text by the LLM in batched calls) and plans at most one action per
 * memory for the strategy. Nothing is written.
 */
export async function analyze(deps: AnalyzeDeps, input: AnalyzeInput): Promise<OptimizationPlan> {
  const now = deps.now ?? new Date();
  const s = deps.settings;
  const keep = STRATEGY_ISSUES[input.strategy];
  const live = new Map<string, Memory>();
  const vectors = new Map<string, Float32Array>();
  const issues: OptimizationIssue[] = [];
  const actions: OptimizationAction[] = [];
  const touched = new Set<string>();
  let scanned = 0;
  let llmCalls = 0;
  const issue = (
    kind: IssueKind,
    severity: Severity,
    affected: string[],
    description: string,
    recommendation: string,
  ): boolean => {
    if (!keep(kind, severity)) return false;
    issues.push({
      id: `${kind}-${issues.length + 1}`,
      kind,
      severity,
      description,
      affectedMemories: affected,
      recommendation,
    });
    return true;
  };
  const act = (a: OptimizationAction, ids: string[]): void => {
    if (ids.some((id) => touched.has(id))) return;
    ids.forEach((id) => touched.add(id));
    actions.push(a);
  };

  for await (const { memory: m, vector } of deps.store.exportAll(input.scope)) {
    deps.signal?.throwIfAborted();
    if (input.memoryType && m.memoryType !== input.memoryType.toLowerCase()) continue;
    scanned += 1;
    if (isExpired(m, now)) {
      const reason = `expired at ${(m.expiresAt as Date).toISOString()}`;
      if (issue("SpaceInefficient", "Medium", [m.id], `Memory ${reason}`, "expire"))
        act({ type: "Expire", memoryId: m.id, reason }, [m.id]);
      continue;
    }
    const space = spaceReason(m, now, s.supersededRetentionDays);
    if (space) {
      if (issue("SpaceInefficient", "Medium", [m.id], `Memory ${space}`, "delete"))
        act({ type: "Delete", memoryId: m.id, reason: space }, [m.id]);
      continue;
    }
    if (m.supersededBy) continue;
    live.set(m.id, m);
    if (vector) vectors.set(m.id, vector);
  }

  const groups = await nearDuplicateGroups(deps.store, vectors, live, s.duplicateThreshold, deps.signal);
  const memberGroups = groups.map((g) => g.map((id) => live.get(id) as Memory));
  const wantMerge = memberGroups.filter((g) =>
    issue(
      "Duplicate",
      g.length > 3 ? "High" : "Medium",
      g.map((m) => m.id),
      `${g.length} near-duplicate memories`,
      "merge",
    ),
  );
  const merged =
    deps.llm.available && wantMerge.length
      ? await mergeWithLlm(deps.llm, wantMerge, s.llmBatchSize, deps.signal)
      : { contents: new Map<number, string>(), calls: 0 };
  llmCalls += merged.calls;
  wantMerge.forEach((g, i) => {
    const survivor = survivorOf(g);
    const content = merged.contents.get(i);
    const ids = g.map((m) => m.id);
    act(
      {
        type: "Merge",
        survivor: survivor.id,
        memories: ids,
        ...(content ? { content } : {}),
        reason: `near-duplicates (cosine ≥ ${s.duplicateThreshold})`,
      },
      ids,
    );
  });

  const llmTypes =
    deps.llm.available && keep("PoorClassification", "Low")
      ? await classifyWithLlm(
          deps.llm,
          [...live.values()].filter((m) => !touched.has(m.id)),
          s.llmBatchSize,
          deps.signal,
        )
      : null;
  llmCalls += llmTypes?.calls ?? 0;
  for (const m of live.values()) {
    if (touched.has(m.id)) continue;
    const days = ageDays(m, now);
    if (days > s.outdatedDays) {
      const sev: Severity = days > 2 * s.outdatedDays ? "High" : days > 1.5 * s.outdatedDays ? "Medium" : "Low";
      if (issue("Outdated", sev, [m.id], `Not updated for ${Math.floor(days)} days`, "archive"))
        act({ type: "Archive", memoryId: m.id, reason: `not updated for ${Math.floor(days)} days` }, [m.id]);
      continue;
    }
    const q = qualityScore(m, now);
    if (q < s.lowQualityThreshold) {
      if (
        issue(
          "LowQuality",
          q < s.lowQualityThreshold / 2 ? "High" : "Low",
          [m.id],
          `Quality score ${q.toFixed(2)}`,
          "archive",
        )
      )
        act({ type: "Archive", memoryId: m.id, reason: `quality score ${q.toFixed(2)} < ${s.lowQualityThreshold}` }, [
          m.id,
        ]);
      continue;
    }
    const type = llmTypes ? (llmTypes.types.get(m.id) ?? null) : ruleReclassification(m);
    if (
      type &&
      type !== m.memoryType &&
      issue("PoorClassification", "Low", [m.id], `Stored as ${m.memoryType}, reads as ${type}`, "reclassify")
    ) {
      act(
        {
          type: "Reclassify",
          memoryId: m.id,
          memoryType: type,
          reason: `${llmTypes ? "LLM" : "rules"} classify it as ${type}`,
        },
        [m.id],
      );
    }
  }
  return { strategy: input.strategy, scope: input.scope, issues, actions, scanned, llmCalls };
}
