import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import type { MemoryType, Scope } from "../types/memory.js";

/** v1's strategies: which issues a run considers (see {@link STRATEGY_ISSUES}). */
export const OPTIMIZATION_STRATEGIES = [
  "full",
  "incremental",
  "batch",
  "deduplication",
  "relevance",
  "quality",
  "space",
] as const;
/** One of {@link OPTIMIZATION_STRATEGIES}. */
export type OptimizationStrategy = (typeof OPTIMIZATION_STRATEGIES)[number];

/** v1's issue kinds. */
export const ISSUE_KINDS = ["Duplicate", "LowQuality", "Outdated", "PoorClassification", "SpaceInefficient"] as const;
/** One of {@link ISSUE_KINDS}. */
export type IssueKind = (typeof ISSUE_KINDS)[number];
/** v1's severities, lowest first. */
export const SEVERITIES = ["Low", "Medium", "High", "Critical"] as const;
/** One of {@link SEVERITIES}. */
export type Severity = (typeof SEVERITIES)[number];

/** A planned change to memories, with why. Merge keeps `survivor` and supersedes the others. */
export type OptimizationAction =
  | { type: "Merge"; survivor: string; memories: string[]; content?: string; reason: string }
  | { type: "Delete"; memoryId: string; reason: string }
  | { type: "Update"; memoryId: string; content: string; reason: string }
  | { type: "Reclassify"; memoryId: string; memoryType: MemoryType; reason: string }
  | { type: "Archive"; memoryId: string; reason: string }
  /** Removes a memory whose `expiresAt` passed, with an `EXPIRE` history row (as `cortex-mem expire`). */
  | { type: "Expire"; memoryId: string; reason: string };

/** Something worth fixing: its kind, how bad, which memories, and what to do. */
export interface OptimizationIssue {
  id: string;
  kind: IssueKind;
  severity: Severity;
  description: string;
  affectedMemories: string[];
  recommendation: string;
}

/** What analyze found and would do: issues, actions (at most one per memory), and the counts. */
export interface OptimizationPlan {
  strategy: OptimizationStrategy;
  scope: Scope;
  issues: OptimizationIssue[];
  actions: OptimizationAction[];
  /** Memories read (the whole scope, by cursor). */
  scanned: number;
  /** LLM calls analyze made (0 without an LLM). */
  llmCalls: number;
}

/** A run's request: strategy, scope and filters, and whether to only analyze. */
export const optimizeRequestSchema = lazySchema(() =>
  z.strictObject({
    strategy: z.enum(OPTIMIZATION_STRATEGIES).default("full"),
    scope: z
      .strictObject({
        userId: z.string().min(1).optional(),
        agentId: z.string().min(1).optional(),
        runId: z.string().min(1).optional(),
      })
      .default({}),
    memoryType: z.string().optional(),
    /** At most this many actions are applied (the plan lists them all). */
    limit: z.number().int().min(1).optional(),
    dryRun: z.boolean().default(false),
  }),
);
/** The parsed form of {@link optimizeRequestSchema}. */
export type OptimizeRequest = z.output<typeof optimizeRequestSchema>;

/** Issues each strategy considers (v1's table); `space` also removes expired and old superseded memories. */
export const STRATEGY_ISSUES: Record<OptimizationStrategy, (kind: IssueKind, severity: Severity) => boolean> = {
  full: () => true,
  incremental: (_k, s) => s === "High" || s === "Critical",
  batch: (_k, s) => s !== "Low",
  deduplication: (k) => k === "Duplicate",
  relevance: (k) => k === "Outdated",
  quality: (k) => k === "LowQuality" || k === "PoorClassification",
  space: (k) => k === "SpaceInefficient",
};

/** Job kinds of the optimizer on the job runner. */
export const OPTIMIZE_JOB_KIND = "optimize";
/** Undo of a finished optimize job. */
export const OPTIMIZE_UNDO_JOB_KIND = "optimize.undo";
