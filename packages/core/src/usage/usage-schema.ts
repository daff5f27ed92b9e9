import type Database from "better-sqlite3";

/**
 * Token usage, aggregated: one row per UTC day, operation, scope (user, agent; '' for none) and
 * model, counters added to by upsert. Lives in the store's SQLite file (or `jobs.db` beside Qdrant).
 */
export const USAGE_DDL = `
CREATE TABLE IF NOT EXISTS token_usage (
  day TEXT NOT NULL,
  operation TEXT NOT NULL,
  user_id TEXT NOT NULL DEFAULT '',
  agent_id TEXT NOT NULL DEFAULT '',
  model TEXT NOT NULL,
  calls INTEGER NOT NULL DEFAULT 0,
  tokens_in INTEGER NOT NULL DEFAULT 0,
  tokens_out INTEGER NOT NULL DEFAULT 0,
  estimated_calls INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, operation, user_id, agent_id, model)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS token_usage_user ON token_usage (user_id, day);
`;

/** Creates the usage table when missing (the SQLite store's migration runs it too). */
export function migrateUsage(db: Database.Database): void {
  db.exec(USAGE_DDL);
}
