import type Database from "better-sqlite3";
import { ddlColumns } from "../../fields/field-mapping.js";
import { MEMORY_FIELDS } from "../../fields/memory-fields.js";
import { migrateJobs } from "../../jobs/jobs-schema.js";
import { migrateUsage } from "../../usage/usage-schema.js";

/** Version of the on-disk layout; bumped with a migration when it changes. */
export const SCHEMA_VERSION = 2;

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS memories (
  rid INTEGER PRIMARY KEY,
  ${ddlColumns(MEMORY_FIELDS).join(",\n  ")}
);
CREATE TABLE IF NOT EXISTS vectors (
  rid INTEGER PRIMARY KEY REFERENCES memories (rid) ON DELETE CASCADE,
  embedder TEXT NOT NULL,
  vector BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS memories_scope ON memories (user_id, agent_id, run_id, created_at);
CREATE INDEX IF NOT EXISTS memories_agent ON memories (agent_id, created_at);
CREATE INDEX IF NOT EXISTS memories_created ON memories (created_at, rid);
CREATE INDEX IF NOT EXISTS memories_hash ON memories (hash);
CREATE INDEX IF NOT EXISTS memories_insights ON memories (memory_type, importance, superseded_by);
DROP TABLE IF EXISTS memories_fts;
CREATE TABLE IF NOT EXISTS history (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  memory_id TEXT NOT NULL,
  event TEXT NOT NULL,
  old_content TEXT,
  new_content TEXT,
  actor_id TEXT, user_id TEXT, agent_id TEXT, run_id TEXT,
  at INTEGER NOT NULL,
  job_id TEXT,
  reason TEXT
);
CREATE INDEX IF NOT EXISTS history_memory ON history (memory_id, seq);
CREATE TABLE IF NOT EXISTS change_log (seq INTEGER PRIMARY KEY AUTOINCREMENT, rid INTEGER NOT NULL, op TEXT NOT NULL);
`;

/** How long a connection waits for another process's lock before it reports the store busy (ms). */
const BUSY_TIMEOUT_MS = 15_000;

/** Opens the file the way every process must: WAL, a generous busy timeout, foreign writers tolerated. */
export function configureConnection(db: Database.Database): void {
  db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
  enterWal(db, BUSY_TIMEOUT_MS);
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("cache_size = -65536");
  // No memory-mapped reads: every page a process touched through the map stayed in its RSS (the
  // kernel maps 64 KB around each fault), so re-scoring random model-size vectors grew it by up to
  // the map's size. Searches read from the in-process cache; SQLite serves point reads, which its
  // bounded page cache answers as fast.
  db.pragma("mmap_size = 0");
}

/**
 * Switches the file to WAL, waiting up to `timeoutMs` for other connections. On a file still in
 * rollback mode (a fresh one) the switch reads the header, then upgrades to a write lock; when
 * another connection holds that lock — another process switching the same new file at the same
 * moment — SQLite refuses the upgrade at once with SQLITE_BUSY, without calling the busy handler
 * (waiting there could deadlock two readers). Two processes opening a new home together (two MCP
 * servers, a server and a CLI) then saw one of them fail to start. The switch is retried instead:
 * the other connection's takes milliseconds, and the retry finds the file in WAL already.
 */
export function enterWal(db: Database.Database, timeoutMs: number): void {
  const deadline = Date.now() + timeoutMs;
  for (let pause = 1; ; pause = Math.min(2 * pause, 50)) {
    try {
      db.pragma("journal_mode = WAL");
      return;
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (typeof code !== "string" || !code.startsWith("SQLITE_BUSY") || Date.now() >= deadline) throw error;
    }
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, pause); // the open path is synchronous
  }
}

/** Columns added after version 1, created on older files: table → column → type (a new field's migration entry). */
const ADDED_COLUMNS: [string, string, string][] = [
  ["history", "job_id", "TEXT"],
  ["history", "reason", "TEXT"],
  ["memories", "expires_at", "INTEGER"],
];

/** Creates the tables when missing, adds newer columns to older files, and records the schema version. */
export function migrate(db: Database.Database): void {
  db.transaction(() => {
    db.exec(DDL);
    for (const [table, column, type] of ADDED_COLUMNS) {
      const has =
        (
          db.prepare(`SELECT COUNT(*) AS n FROM pragma_table_info('${table}') WHERE name = ?`).get(column) as {
            n: number;
          }
        ).n > 0;
      if (!has) db.exec(`ALTER TABLE ${table} ADD COLUMN ${column} ${type}`);
    }
    db.exec("CREATE INDEX IF NOT EXISTS memories_expires ON memories (expires_at) WHERE expires_at IS NOT NULL");
    migrateJobs(db);
    migrateUsage(db);
    db.prepare(
      "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT(key) DO UPDATE SET value = MAX(CAST(value AS INTEGER), CAST(excluded.value AS INTEGER))",
    ).run(String(SCHEMA_VERSION));
  }).immediate();
}
