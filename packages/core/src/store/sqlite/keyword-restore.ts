import type Database from "better-sqlite3";
import { searchTags } from "../../indexing/search-tags.js";
import type { KeywordDoc } from "./keyword-partition.js";
import { KeywordPartition } from "./keyword-partition.js";
import type { KeywordFileMiss, KeywordFiles } from "./keyword-files.js";
import type { VectorRowMeta } from "./vector-partition.js";

/** The columns of a memory its keyword index entry is made from. */
export interface KeywordRow {
  rid: number;
  id: string;
  user_id: string | null;
  agent_id: string | null;
  run_id: string | null;
  superseded_by: string | null;
  expires_at: number | null;
  importance: number;
  observed_at: number;
  content: string;
  actor_id: string | null;
  entities: string;
  topics: string;
}

/** The keyword columns of one memory, by row id. */
const ROW_SQL =
  "SELECT rid, id, user_id, agent_id, run_id, superseded_by, expires_at, importance, observed_at, content, actor_id, entities, topics FROM memories WHERE rid = ?";
/** Rows sampled after a load to check the file holds this database's memories (by id). */
const SAMPLE = 16;
/** A replay longer than this share of the partition (and than {@link MIN_REPLAY}) costs more than a rebuild. */
const MAX_REPLAY_SHARE = 0.25;
const MIN_REPLAY = 1_000;

/** Where a memory row belongs and whether search may see it: what both partitions (keyword, vector) hold of it. */
export function rowMetaOf(row: KeywordRow): Required<VectorRowMeta> {
  return {
    rid: row.rid,
    id: row.id,
    importance: row.importance,
    observedAt: row.observed_at,
    agentId: row.agent_id,
    runId: row.run_id,
    superseded: row.superseded_by !== null,
    expiresAt: row.expires_at,
  };
}

/** What the keyword index makes of one memory row. */
export function keywordDocOf(row: KeywordRow): KeywordDoc {
  const tags = searchTags({
    actorId: row.actor_id,
    entities: JSON.parse(row.entities) as string[],
    topics: JSON.parse(row.topics) as string[],
    // Not the messages around it: the time-neighbour spread gives every memory its context at
    // query time, whether it came in one add or alone (indexing both counted it twice; measured
    // in docs/BENCHMARKS.md).
    context: null,
  });
  return {
    ...rowMetaOf(row),
    content: row.content,
    tags,
    actorId: row.actor_id,
  };
}

/** A saved partition brought up to date: its rows' ids, the log position it now reflects, the changes replayed. */
export interface RestoredKeywords {
  partition: KeywordPartition;
  rids: number[];
  seq: number;
  replayed: number;
}

/**
 * Why a saved partition was not used: the file's own checks ({@link KeywordFileMiss}), a log
 * trimmed or reset past it or too long to replay (`stale`), or a partition that, once replayed,
 * does not hold exactly this user's rows of this database (`mismatch`).
 */
export type KeywordRestoreMiss = KeywordFileMiss | "stale" | "mismatch";

/**
 * The keyword partition of `userId` loaded from its file and replayed forward through
 * `change_log` (each changed row read as it is now), all in one read transaction, so the result
 * reflects one state of the database; then checked against it: the same row ids, and the ids of a
 * sample of rows. Nothing is written. Returns why not when the file cannot be trusted.
 */
export function restoreKeywords(
  db: Database.Database,
  files: KeywordFiles,
  userId: string,
): RestoredKeywords | KeywordRestoreMiss {
  const read = db.transaction((): RestoredKeywords | KeywordRestoreMiss => {
    const head = db.prepare("SELECT COALESCE(MAX(seq), 0) FROM change_log").pluck().get() as number;
    const saved = files.read(userId, head);
    if (typeof saved === "string") return saved;
    const changes = db.prepare("SELECT rid, op FROM change_log WHERE seq > ?").all(saved.seq) as {
      rid: number;
      op: string;
    }[];
    const low = db.prepare("SELECT COALESCE(MIN(seq), 0) FROM change_log").pluck().get() as number;
    // The log must still hold every change after the file's position (it is trimmed, and emptied by a reset).
    if (saved.seq < head && low > saved.seq + 1) return "stale";
    if (changes.some((c) => c.op === "reset")) return "stale";
    const changed = [...new Set(changes.map((c) => c.rid))];
    if (changed.length > Math.max(MIN_REPLAY, saved.size * MAX_REPLAY_SHARE)) return "stale";
    let partition: KeywordPartition;
    try {
      partition = KeywordPartition.restore(saved.bytes);
    } catch {
      return "corrupt";
    }
    if (partition.size !== saved.size) return "corrupt";
    const row = db.prepare(ROW_SQL);
    partition.reserve(changed.length);
    for (const rid of changed) {
      const current = row.get(rid) as KeywordRow | undefined;
      if (current && (current.user_id ?? "") === userId) partition.upsert(keywordDocOf(current));
      else partition.remove(rid);
    }
    const rids = (
      userId === ""
        ? db.prepare("SELECT rid FROM memories WHERE user_id IS NULL").pluck().all()
        : db.prepare("SELECT rid FROM memories WHERE user_id = ?").pluck().all(userId)
    ) as number[];
    if (!agrees(db, partition, rids)) return "mismatch";
    return { partition, rids, seq: head, replayed: changed.length };
  });
  return read.deferred();
}

/** Whether `partition` holds exactly `rids`, and the ids the database gives a sample of them. */
function agrees(db: Database.Database, partition: KeywordPartition, rids: number[]): boolean {
  if (partition.size !== rids.length) return false;
  for (const rid of rids) if (partition.idOf(rid) === undefined) return false;
  const step = Math.max(1, Math.floor(rids.length / SAMPLE));
  const sample = rids.filter((_, i) => i % step === 0).slice(0, SAMPLE);
  const ids = db
    .prepare("SELECT rid, id FROM memories WHERE rid IN (SELECT value FROM json_each(?))")
    .all(JSON.stringify(sample)) as { rid: number; id: string }[];
  return ids.length === sample.length && ids.every(({ rid, id }) => partition.idOf(rid) === id);
}
