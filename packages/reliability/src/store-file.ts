import { createRequire } from "node:module";
import type Database from "better-sqlite3";

const require = createRequire(import.meta.url);
const Driver = require("better-sqlite3") as typeof Database;

/**
 * What a raw look at the SQLite file says: SQLite's own checks, and whether every memory has its
 * vector row. (The keyword index is built in memory from the memories table; the file has no
 * keyword table to check.)
 */
export interface FileCheck {
  /** `PRAGMA integrity_check` joined; `"ok"` when healthy. */
  integrity: string;
  /** Rows violating foreign keys (vectors without their memory). */
  foreignKeyViolations: number;
  memories: number;
  vectors: number;
  history: number;
}

/** Opens the file directly with better-sqlite3 (recovering the WAL, as any next opener would) and checks it. */
export function checkDbFile(dbPath: string): FileCheck {
  const db = new Driver(dbPath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 15000");
    const integrity = (db.pragma("integrity_check") as { integrity_check: string }[])
      .map((r) => r.integrity_check)
      .join("; ");
    const count = (table: string): number =>
      (db.prepare(`SELECT COUNT(*) AS n FROM ${table}`).get() as { n: number }).n;
    return {
      integrity,
      foreignKeyViolations: (db.pragma("foreign_key_check") as unknown[]).length,
      memories: count("memories"),
      vectors: count("vectors"),
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
