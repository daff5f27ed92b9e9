import { createRequire } from "node:module";
import type Database from "better-sqlite3";

const require = createRequire(import.meta.url);
const Driver = require("better-sqlite3") as typeof Database;

/** What a raw look at the SQLite file says: SQLite's own checks, and whether every memory has its vector and keyword row. */
export interface FileCheck {
  /** `PRAGMA integrity_check` joined; `"ok"` when healthy. */
  integrity: string;
  /** FTS5's own `integrity-check` passed (true when the store keeps no FTS5 table). */
  ftsOk: boolean;
  /** Rows violating foreign keys (vectors without their memory). */
  foreignKeyViolations: number;
  memories: number;
  vectors: number;
  /** Rows of the FTS5 keyword table; null when the store keeps its keyword index elsewhere. */
  ftsRows: number | null;
  history: number;
}

/** Opens the file directly with better-sqlite3 (recovering the WAL, as any next opener would) and checks it. */
export function checkDbFile(dbPath: string): FileCheck {
  const db = new Driver(dbPath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 15000");
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[]).map((r) => r.integrity_check).join("; ");
    const hasFts = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'memories_fts'").get() !== undefined;
    let ftsOk = true;
    try {
      if (hasFts) db.prepare("INSERT INTO memories_fts (memories_fts) VALUES ('integrity-check')").run();
    } catch {
      ftsOk = false;
    }
    const count = (table: string): number => (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      integrity,
      ftsOk,
      foreignKeyViolations: (db.pragma("foreign_key_check") as unknown[]).length,
      memories: count("memories"),
      vectors: count("vectors"),
      ftsRows: hasFts ? count("memories_fts") : null,
      history: count("history"),
    };
  } finally {
    db.close();
  }
}

/**
 * A digest of everything stored (memories and history, in order), read through a separate
 * read-only connection: equal digests before and after a request mean the request changed nothing.
 */
export function storeDigest(dbPath: string): string {
  const db = new Driver(dbPath, { readonly: true, fileMustExist: true });
  try {
    const memories = db.prepare("SELECT * FROM memories ORDER BY rid").raw().all();
    const history = db.prepare("SELECT * FROM history ORDER BY seq").raw().all();
    return JSON.stringify([memories, history]);
  } finally {
    db.close();
  }
}
