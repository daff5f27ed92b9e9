import type { HistoryEntry } from "../types/memory.js";

/** One user or agent: how many memories it has now and when anything last happened to them. */
export interface ActivityRow {
  id: string;
  memories: number;
  /** Latest history row (add, update, supersede or delete) of this owner; null when it has none. */
  lastActivity: Date | null;
}

/** Memories created on one UTC day (`YYYY-MM-DD`). */
export interface GrowthDay {
  day: string;
  created: number;
}

/** Memories whose importance is in `[from, to)` (the last bucket includes 1). */
export interface ImportanceBucket {
  from: number;
  to: number;
  count: number;
}

/** What {@link MemoryInsights} covers: a time window and how many rows of each list. */
export interface InsightsOptions {
  /** Days of growth, ending today (UTC); default 30, at most 366. */
  days?: number;
  /** Most recent history rows; default 20, at most 200. */
  recent?: number;
  /** Users and agents listed, most memories first; default 100, at most 1000. */
  owners?: number;
  /** Clock for the window (tests). */
  now?: Date;
}

/**
 * Aggregates of a scope (or of everything) for a dashboard: counts by type and owner with last
 * activity, growth per day, the importance histogram, the store's size and the latest changes.
 * Counts include superseded memories; `superseded` says how many of them are.
 */
export interface MemoryInsights {
  total: number;
  superseded: number;
  historyEntries: number;
  byType: Record<string, number>;
  users: ActivityRow[];
  /** Users in the scope, listed or not. */
  usersTotal: number;
  agents: ActivityRow[];
  agentsTotal: number;
  /** One row per day of the window, oldest first, zero days included. */
  growth: GrowthDay[];
  /** Memories created before the window (so growth can be drawn as a running total). */
  createdBefore: number;
  importance: ImportanceBucket[];
  /** Bytes the store takes on disk; null when the store cannot tell (a remote one). */
  storeSizeBytes: number | null;
  /** Latest history rows, newest first. */
  recent: HistoryEntry[];
}

/** The options with defaults applied and limits checked. */
export interface ResolvedInsightsOptions {
  days: number;
  recent: number;
  owners: number;
  /** Start of the window: midnight UTC `days - 1` days before today. */
  since: Date;
  now: Date;
}

/** Number of importance buckets (tenths). */
export const IMPORTANCE_BUCKETS = 10;
