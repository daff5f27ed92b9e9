import { yielder } from "../../util/yield.js";
import { ROW_SQL } from "./search-cache-rows.js";
import type { CacheRow } from "./search-cache-rows.js";
import type { CacheState } from "./search-cache-state.js";

/** A `change_log` entry: which row changed, and how (`reset` drops everything). */
type Change = { seq: number; rid: number; op: string };

/**
 * Brings the cache up to date with the file through the `change_log` table (cheap when nothing
 * changed): every process's writes, ours and others', are replayed, and everything held is
 * forgotten when the log was trimmed past what we have seen or reset. `head` is the newest
 * position as the caller's search saw it (one look serves all of a search's reads); read here
 * when not given. Nothing is done when the cache already reflects it, or more.
 */
export function syncCache(state: CacheState, head = state.headSeq()): void {
  // MIN and MAX in two queries on purpose: SQLite answers a lone one from the index, both together
  // by a scan. The oldest position matters only when the log moved (every search asks the newest).
  if (head <= state.lastSeq) return;
  if (state.lastSeq < 0 || state.lowSeq() > state.lastSeq + 1) return state.reset();
  const changes = state
    .sql("SELECT seq, rid, op FROM change_log WHERE seq > ? ORDER BY seq")
    .all(state.lastSeq) as Change[];
  if (changes.some((c) => c.op === "reset")) return state.reset();
  const rowStmt = state.sql(`${ROW_SQL} WHERE m.rid = ?`);
  for (const rid of new Set(changes.map((c) => c.rid))) {
    const row = rowStmt.get(rid) as CacheRow | undefined;
    if (row) state.put(row);
    else state.drop(rid);
  }
  state.lastSeq = changes.length ? (changes[changes.length - 1] as Change).seq : head;
}

/**
 * {@link syncCache} in slices, yielding to the event loop every few milliseconds; stops when a
 * full reload happened meanwhile (the search's own sync then catches up). `head` as there.
 */
export async function replaySliced(state: CacheState, head = state.headSeq()): Promise<void> {
  if (head <= state.lastSeq) return;
  const low = state.lowSeq();
  if (state.lastSeq < 0 || low > state.lastSeq + 1) return state.reset();
  const changes = state
    .sql("SELECT seq, rid, op FROM change_log WHERE seq > ? ORDER BY seq")
    .all(state.lastSeq) as Change[];
  if (changes.some((c) => c.op === "reset")) return state.reset();
  const generation = state.generation;
  const rowStmt = state.sql(`${ROW_SQL} WHERE m.rid = ?`);
  const pause = yielder();
  for (const rid of new Set(changes.map((c) => c.rid))) {
    await pause();
    if (generation !== state.generation) return;
    // Each row is read as it is now, so replays interleaved with other syncs still converge.
    const row = rowStmt.get(rid) as CacheRow | undefined;
    if (row) state.put(row);
    else state.drop(rid);
  }
  const last = changes.length ? (changes[changes.length - 1] as Change).seq : head;
  state.lastSeq = Math.max(state.lastSeq, last);
}
