import { randomUUID } from "node:crypto";
import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { isCortexMemError, ErrorCode } from "../errors.js";
import type { MemoryStore, StoreWrite } from "../store/memory-store.js";
import type { HistoryEntry, Memory, Scope } from "../types/memory.js";
import { scopeSchema } from "../types/memory.js";
import { memoryVersion } from "../types/version.js";
import { isExpired } from "../util/duration.js";
import { scopeOf } from "./engine-settings.js";

/** Options of `expire()`: the scope to clean (empty: every scope) and whether to only count. */
export const expireOptionsSchema = lazySchema(() =>
  z.strictObject({
    ...scopeSchema.shape,
    /** Count and list what would be removed; remove nothing. */
    dryRun: z.boolean().optional(),
  }),
);

/** Options of `expire()` as the caller gives them. */
export type ExpireOptions = z.input<typeof expireOptionsSchema>;

/** What `expire()` did: how many expired memories it removed (or would, with `dryRun`) and their ids. */
export interface ExpireResult {
  expired: number;
  dryRun: boolean;
  /** Ids of the removed memories, at most {@link EXPIRE_LISTED} of them (`expired` is the full count). */
  ids: string[];
}

/** How many ids a result lists. */
export const EXPIRE_LISTED = 1000;
/** Memories removed per store transaction. */
const BATCH = 500;

/** The history row of a memory removed because it expired: event `EXPIRE`, the job id when a job removed it. */
export function expireHistoryRow(m: Memory, at: Date, extra: { jobId?: string; reason?: string } = {}): HistoryEntry {
  return {
    id: randomUUID(),
    memoryId: m.id,
    event: "EXPIRE",
    oldContent: m.content,
    newContent: null,
    ...scopeOf(m),
    ...(m.actorId ? { actorId: m.actorId } : {}),
    ...(extra.jobId ? { jobId: extra.jobId } : {}),
    reason: extra.reason ?? `expired at ${(m.expiresAt as Date).toISOString()}`,
    at,
  };
}

/** A write that lost a race: the memory changed (its expiry may have been extended) or was deleted meanwhile. */
const lostRace = (error: unknown): boolean =>
  isCortexMemError(error) && (error.code === ErrorCode.CONFLICT || error.code === ErrorCode.NOT_FOUND);

/**
 * Deletes the memories of `scope` expired at `now`, each with an `EXPIRE` history row, in
 * transactions of {@link BATCH}. Every delete is conditional on the version read, so a memory
 * updated meanwhile (say its expiry extended) is left alone; the next sweep sees it again.
 */
export async function expireMemories(
  store: MemoryStore,
  scope: Scope,
  now: Date,
  dryRun: boolean,
): Promise<ExpireResult> {
  const ids = await store.ids({ scope, filters: { includeSuperseded: true, expiredAt: now } });
  if (dryRun) return { expired: ids.length, dryRun, ids: ids.slice(0, EXPIRE_LISTED) };
  const removed: string[] = [];
  for (let i = 0; i < ids.length; i += BATCH) {
    const batch = (await store.getMany(ids.slice(i, i + BATCH))).filter((m) => isExpired(m, now));
    const write = async (memories: Memory[]): Promise<void> => {
      const writes: StoreWrite[] = memories.map((m) => ({ op: "delete", id: m.id, ifVersion: [memoryVersion(m)] }));
      await store.apply(
        writes,
        memories.map((m) => expireHistoryRow(m, now)),
      );
      removed.push(...memories.map((m) => m.id));
    };
    try {
      if (batch.length > 0) await write(batch);
    } catch (error) {
      if (!lostRace(error)) throw error;
      // One of the batch changed under us: remove the others one by one.
      for (const m of batch) await write([m]).catch((e: unknown) => (lostRace(e) ? undefined : Promise.reject(e)));
    }
  }
  return { expired: removed.length, dryRun, ids: removed.slice(0, EXPIRE_LISTED) };
}
