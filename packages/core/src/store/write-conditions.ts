import { CortexMemError, ErrorCode } from "../errors.js";
import type { HistoryEntry } from "../types/memory.js";
import type { ApplyResult, StoreWrite } from "./memory-store.js";

/** The `CONFLICT` of a conditional write whose memory moved on since it was read. */
export function versionConflict(id: string, expected: readonly string[], current: string): CortexMemError {
  return new CortexMemError(
    ErrorCode.CONFLICT,
    `Memory ${id} was changed since you read it (the version does not match); read it again and retry`,
    {
      details: { id, if_version: [...expected], current_version: current },
    },
  );
}

/** The `CONFIG` error of a write from a handle whose embedder is no longer the store's. */
export function embedderChanged(
  where: string,
  stored: { dimensions?: number; embedder?: string },
  mine: { dimensions: number; embedder: string },
): CortexMemError {
  return new CortexMemError(
    ErrorCode.CONFIG,
    `The store ${where} now holds vectors of dimension ${stored.dimensions ?? "?"} from embedder "${stored.embedder ?? "?"}" (changed by a \`reembed\` since this process opened it), but this process embeds with "${mine.embedder}" (dimension ${mine.dimensions}). Restart it with the store's embedder configured.`,
    { details: { stored, configured: mine } },
  );
}

/** True when `writes` put a vector into the store (only those must match the store's embedder). */
export const writesVectors = (writes: StoreWrite[]): boolean =>
  writes.some((w) => w.op !== "delete" && w.vector !== undefined);

/**
 * The writes and history rows left once the inserts found to be exact duplicates are skipped:
 * their history rows go with them, and so does a supersede of another memory by the skipped one.
 */
export function withoutDuplicates(
  writes: StoreWrite[],
  history: HistoryEntry[],
  duplicates: ApplyResult["duplicates"],
): { writes: StoreWrite[]; history: HistoryEntry[] } {
  if (duplicates.length === 0) return { writes, history };
  const skipped = new Set(duplicates.map((d) => d.id));
  const unsuperseded = new Set<string>();
  const kept = writes.filter((w) => {
    if (w.op === "insert") return !skipped.has(w.memory.id);
    if (w.op === "update" && w.memory.supersededBy !== undefined && skipped.has(w.memory.supersededBy)) {
      unsuperseded.add(w.memory.id);
      return false;
    }
    return true;
  });
  const rows = history.filter(
    (h) => !skipped.has(h.memoryId) && !(h.event === "SUPERSEDE" && unsuperseded.has(h.memoryId)),
  );
  return { writes: kept, history: rows };
}
