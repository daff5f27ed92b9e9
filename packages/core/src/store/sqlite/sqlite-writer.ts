import type Database from "better-sqlite3";
import { CortexMemError, ErrorCode } from "../../errors.js";
import type { HistoryEntry } from "../../types/memory.js";
import { memoryVersion } from "../../types/version.js";
import type { JobStepMark } from "../../jobs/job-types.js";
import type { ApplyOptions, ApplyResult, ExportRecord, StoreWrite } from "../memory-store.js";
import { embedderChanged, versionConflict, withoutDuplicates, writesVectors } from "../write-conditions.js";
import { MEMORY_FIELDS } from "../../fields/memory-fields.js";
import { HISTORY_FIELD_COLUMNS, MEMORY_FIELD_COLUMNS, historyToParams, memoryToParams, vectorToBlob } from "./rows.js";
import { guard } from "./sqlite-errors.js";
import { statementCache } from "./statements.js";

const COLUMNS = MEMORY_FIELD_COLUMNS.join(", ");
const PLACEHOLDERS = MEMORY_FIELD_COLUMNS.map((c) => `@${c}`).join(", ");
const UPDATES = MEMORY_FIELDS.filter((f) => !f.immutable)
  .map((f) => `${f.column} = @${f.column}`)
  .join(", ");
const HISTORY_PLACEHOLDERS = HISTORY_FIELD_COLUMNS.map((c) => `@${c}`).join(", ");
const HISTORY_INSERT = `INTO history (${HISTORY_FIELD_COLUMNS.join(", ")}) VALUES (${HISTORY_PLACEHOLDERS})`;
const PUT_VECTOR =
  "INSERT INTO vectors (rid, embedder, vector) VALUES (?, ?, ?) ON CONFLICT(rid) DO UPDATE SET embedder = excluded.embedder, vector = excluded.vector";
/** How many change-log rows to keep: other processes further behind than this reload fully. */
const CHANGE_LOG_KEEP = 50_000;

/** All writes of the SQLite store: each call is one `BEGIN IMMEDIATE` transaction. */
export class SqliteWriter {
  readonly #db: Database.Database;
  readonly #path: string;
  readonly #embedder: string;
  readonly #dims: number;
  #writes = 0;

  constructor(db: Database.Database, path: string, embedder: string, dims: number) {
    this.#db = db;
    this.#path = path;
    this.#embedder = embedder;
    this.#dims = dims;
    this.#stmt = statementCache(db);
  }

  readonly #stmt: (sql: string) => Database.Statement;

  /** Inside a write transaction: the store must still belong to this handle's embedder (a `reembed` elsewhere may have switched it). */
  #checkEmbedder(embedder = this.#embedder): void {
    const meta = Object.fromEntries(
      (
        this.#stmt("SELECT key, value FROM meta WHERE key IN ('dimensions', 'embedder')").all() as {
          key: string;
          value: string;
        }[]
      ).map((r) => [r.key, r.value]),
    );
    const dimensions = meta.dimensions === undefined ? undefined : Number(meta.dimensions);
    if (dimensions === this.#dims && meta.embedder === embedder) return;
    throw embedderChanged(
      this.#path,
      {
        ...(dimensions !== undefined ? { dimensions } : {}),
        ...(meta.embedder !== undefined ? { embedder: meta.embedder } : {}),
      },
      { dimensions: this.#dims, embedder },
    );
  }

  /** Inside a write transaction: checks `ifVersion` conditions and finds the inserts that are exact duplicates. */
  #conditions(writes: StoreWrite[]): ApplyResult["duplicates"] {
    const version = this.#stmt("SELECT id, updated_at, hash FROM memories WHERE id = ?");
    // By the hash index: left to itself SQLite walks the scope index, i.e. every memory of the user, per insert.
    const twin = this.#stmt(
      "SELECT id FROM memories INDEXED BY memories_hash WHERE hash = ? AND user_id IS ? AND agent_id IS ? AND run_id IS ? AND superseded_by IS NULL AND (expires_at IS NULL OR expires_at > ?) LIMIT 1",
    );
    const duplicates: ApplyResult["duplicates"] = [];
    for (const w of writes) {
      if (w.op === "insert") {
        if (!w.unlessDuplicate) continue;
        const m = w.memory;
        // An expired twin is not live: the same content said again is a new memory.
        const existing = twin
          .pluck()
          .get(m.hash, m.userId ?? null, m.agentId ?? null, m.runId ?? null, m.createdAt.getTime()) as
          string | undefined;
        if (existing !== undefined) duplicates.push({ id: m.id, existingId: existing });
        continue;
      }
      if (!w.ifVersion) continue;
      const id = w.op === "delete" ? w.id : w.memory.id;
      const row = version.get(id) as { id: string; updated_at: number; hash: string } | undefined;
      if (!row) throw new CortexMemError(ErrorCode.NOT_FOUND, `Memory ${id} no longer exists`);
      const current = memoryVersion({ id: row.id, updatedAt: new Date(row.updated_at), hash: row.hash });
      if (!w.ifVersion.includes(current)) throw versionConflict(id, w.ifVersion, current);
    }
    return duplicates;
  }

  apply(requested: StoreWrite[], requestedHistory: HistoryEntry[], options: ApplyOptions = {}): ApplyResult {
    const insert = this.#stmt(`INSERT INTO memories (${COLUMNS}) VALUES (${PLACEHOLDERS}) RETURNING rid`);
    const update = this.#stmt(`UPDATE memories SET ${UPDATES} WHERE id = @id RETURNING rid`);
    const putVector = this.#stmt(PUT_VECTOR);
    const remove = this.#stmt("DELETE FROM memories WHERE id = ? RETURNING rid");
    const log = this.#stmt("INSERT INTO change_log (rid, op) VALUES (?, ?)");
    const addHistory = this.#stmt(`INSERT ${HISTORY_INSERT}`);
    const run = this.#db.transaction((): ApplyResult => {
      if (options.step) this.#recordStep(options.step);
      if (writesVectors(requested)) this.#checkEmbedder();
      const duplicates = this.#conditions(requested);
      const { writes, history } = withoutDuplicates(requested, requestedHistory, duplicates);
      if (options.step && options.stepResult) this.#stepResult(options.step, options.stepResult({ duplicates }));
      for (const w of writes) {
        if (w.op === "insert") {
          const { rid } = insert.get(memoryToParams(w.memory)) as { rid: number };
          putVector.run(rid, this.#embedder, vectorToBlob(w.vector));
          log.run(rid, "upsert");
        } else if (w.op === "update") {
          const row = update.get(memoryToParams(w.memory)) as { rid: number } | undefined;
          if (!row) throw new CortexMemError(ErrorCode.NOT_FOUND, `Memory ${w.memory.id} no longer exists`);
          if (w.vector) putVector.run(row.rid, this.#embedder, vectorToBlob(w.vector));
          log.run(row.rid, "upsert");
        } else {
          const row = remove.get(w.id) as { rid: number } | undefined;
          if (!row) throw new CortexMemError(ErrorCode.NOT_FOUND, `Memory ${w.id} no longer exists`);
          log.run(row.rid, "delete");
        }
      }
      for (const h of history) addHistory.run(historyToParams(h));
      this.#trim();
      return { duplicates };
    });
    return guard(this.#path, "save memories", () => run.immediate());
  }

  /** Replaces the result of a step recorded earlier in this transaction by what the transaction did. */
  #stepResult(step: JobStepMark, result: unknown): void {
    this.#stmt("UPDATE job_steps SET result = ? WHERE job_id = ? AND step = ?").run(
      result === undefined ? null : JSON.stringify(result),
      step.jobId,
      step.name,
    );
  }

  /** Records a job step in the write's transaction; a step recorded before refuses the whole write. */
  #recordStep(step: JobStepMark): void {
    const at = Date.now();
    const added = this.#stmt("INSERT OR IGNORE INTO job_steps (job_id, step, result, at) VALUES (?, ?, ?, ?)").run(
      step.jobId,
      step.name,
      step.result === undefined ? null : JSON.stringify(step.result),
      at,
    );
    if (added.changes === 0) {
      throw new CortexMemError(ErrorCode.CONFLICT, `Step "${step.name}" of job ${step.jobId} was already applied`, {
        details: { stepApplied: true, jobId: step.jobId, step: step.name },
      });
    }
  }

  #trim(): void {
    this.#writes += 1;
    if (this.#writes % 500 !== 0) return;
    this.#stmt("DELETE FROM change_log WHERE seq < (SELECT MAX(seq) FROM change_log) - ?").run(CHANGE_LOG_KEEP);
  }

  reset(): void {
    const run = this.#db.transaction(() => {
      const max = (this.#stmt("SELECT COALESCE(MAX(seq), 0) AS s FROM change_log").get() as { s: number }).s;
      this.#db.exec("DELETE FROM vectors; DELETE FROM memories; DELETE FROM history; DELETE FROM change_log;");
      // Keep the sequence moving forward so other processes notice and reload.
      this.#stmt("INSERT INTO change_log (seq, rid, op) VALUES (?, 0, 'reset')").run(max + CHANGE_LOG_KEEP + 2);
    });
    guard(this.#path, "reset the store", () => run.immediate());
  }

  importRecords(records: ExportRecord[], orphanHistory: HistoryEntry[]): number {
    const insert = this.#stmt(`INSERT OR IGNORE INTO memories (${COLUMNS}) VALUES (${PLACEHOLDERS}) RETURNING rid`);
    const putVector = this.#stmt(PUT_VECTOR);
    const log = this.#stmt("INSERT INTO change_log (rid, op) VALUES (?, 'upsert')");
    const addHistory = this.#stmt(`INSERT OR IGNORE ${HISTORY_INSERT}`);
    const run = this.#db.transaction(() => {
      if (records.some((r) => r.vector)) this.#checkEmbedder();
      let added = 0;
      for (const r of records) {
        const row = insert.get(memoryToParams(r.memory)) as { rid: number } | undefined;
        if (row) {
          added += 1;
          if (r.vector) putVector.run(row.rid, this.#embedder, vectorToBlob(r.vector));
          log.run(row.rid);
        }
        for (const h of r.history) addHistory.run(historyToParams(h));
      }
      for (const h of orphanHistory) addHistory.run(historyToParams(h));
      return added;
    });
    return guard(this.#path, "import memories", () => run.immediate());
  }

  setVectors(items: { id: string; vector: Float32Array }[], embedder: string): void {
    const find = this.#stmt("SELECT rid FROM memories WHERE id = ?");
    const putVector = this.#stmt(PUT_VECTOR);
    const log = this.#stmt("INSERT INTO change_log (rid, op) VALUES (?, 'upsert')");
    const run = this.#db.transaction(() => {
      if (items.length > 0) this.#checkEmbedder(embedder);
      for (const item of items) {
        const row = find.get(item.id) as { rid: number } | undefined;
        if (!row) continue;
        putVector.run(row.rid, embedder, vectorToBlob(item.vector));
        log.run(row.rid);
      }
    });
    guard(this.#path, "store vectors", () => run.immediate());
  }
}
