import { CortexMemError, ErrorCode } from "../errors.js";
import type { ExportRecord, StoreHistory, StoreReader, StoreTransfer } from "../store/memory-store.js";

/** What a migration reads from its source store. */
export type MigrateSource = { readonly kind: string } & Pick<StoreReader, "count" | "stats"> &
  Pick<StoreTransfer, "exportAll"> &
  Pick<StoreHistory, "orphanHistory">;

/** What a migration writes to and checks in its target store. */
export type MigrateTarget = { readonly kind: string } & Pick<StoreReader, "getMany" | "stats"> &
  Pick<StoreTransfer, "importRecords">;

/** Where a migration stands: memories seen of `total`, and how many were new to the target. */
export interface MigrateProgress {
  total: number;
  done: number;
  copied: number;
  skipped: number;
}

/** Options of {@link migrateStore}. */
export interface MigrateOptions {
  /** Memories per `importRecords` call (default 200). */
  batchSize?: number;
  /** Called after every batch (drive a progress bar with `done / total`). */
  onProgress?: (progress: MigrateProgress) => void;
}

/** What a migration did. `withoutVector` memories need `cortex-mem reembed` on the target. */
export interface MigrateSummary extends MigrateProgress {
  historyRows: number;
  orphanHistory: number;
  withoutVector: number;
}

/**
 * Copies every memory with its vector and history, and the history of deleted memories, from one
 * store to another (both already `init`ed with the same embedder). Idempotent: memories and
 * history rows the target already holds are left as they are, so an interrupted migration is
 * simply run again. Verifies at the end that every memory of the source is in the target
 * (`STORE` error if not) and that the source did not change meanwhile (`CONFLICT`).
 */
export async function migrateStore(
  from: MigrateSource,
  to: MigrateTarget,
  options: MigrateOptions = {},
): Promise<MigrateSummary> {
  const batchSize = options.batchSize ?? 200;
  const total = await from.count();
  const summary: MigrateSummary = {
    total,
    done: 0,
    copied: 0,
    skipped: 0,
    historyRows: 0,
    orphanHistory: 0,
    withoutVector: 0,
  };
  const ids: string[] = [];
  let batch: ExportRecord[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0) return;
    const added = await to.importRecords(batch);
    summary.done += batch.length;
    summary.copied += added;
    summary.skipped += batch.length - added;
    batch = [];
    options.onProgress?.({
      total: summary.total,
      done: summary.done,
      copied: summary.copied,
      skipped: summary.skipped,
    });
  };
  for await (const record of from.exportAll({})) {
    ids.push(record.memory.id);
    summary.historyRows += record.history.length;
    if (record.vector === null) summary.withoutVector += 1;
    batch.push(record);
    if (batch.length >= batchSize) await flush();
  }
  await flush();
  const orphans = await from.orphanHistory({});
  if (orphans.length) await to.importRecords([], orphans);
  summary.orphanHistory = orphans.length;
  await verify(from, to, ids, summary);
  return summary;
}

async function verify(from: MigrateSource, to: MigrateTarget, ids: string[], summary: MigrateSummary): Promise<void> {
  let found = 0;
  for (let i = 0; i < ids.length; i += 500) found += (await to.getMany(ids.slice(i, i + 500))).length;
  if (found !== ids.length) {
    throw new CortexMemError(
      ErrorCode.STORE,
      `Migration incomplete: ${ids.length - found} of ${ids.length} memories are missing in the ${to.kind} store; run the migration again`,
      {
        details: { expected: ids.length, found },
      },
    );
  }
  const [sourceNow, sourceStats, targetStats] = await Promise.all([from.count(), from.stats({}), to.stats({})]);
  if (sourceNow !== summary.total || ids.length !== summary.total) {
    throw new CortexMemError(
      ErrorCode.CONFLICT,
      `The ${from.kind} store changed during the migration (${summary.total} memories at the start, ${sourceNow} now, ${ids.length} copied); run the migration again to copy the rest`,
      {
        details: { atStart: summary.total, now: sourceNow, copied: ids.length },
      },
    );
  }
  if (targetStats.historyEntries < sourceStats.historyEntries) {
    throw new CortexMemError(
      ErrorCode.STORE,
      `Migration incomplete: the ${to.kind} store holds ${targetStats.historyEntries} history rows, the ${from.kind} store ${sourceStats.historyEntries}; run the migration again`,
      {
        details: { expected: sourceStats.historyEntries, found: targetStats.historyEntries },
      },
    );
  }
}
