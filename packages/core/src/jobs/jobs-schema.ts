import type Database from "better-sqlite3";

/** Statuses waiting for or held by a worker (the partial indexes below list them in this order). */
export const OPEN_STATUSES_SQL = "('queued', 'running', 'interrupted')";

const DDL = `
CREATE TABLE IF NOT EXISTS jobs (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  id TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL,
  lane TEXT NOT NULL,
  user_id TEXT, agent_id TEXT, run_id TEXT,
  status TEXT NOT NULL,
  payload TEXT NOT NULL,
  progress REAL, phase TEXT,
  log TEXT NOT NULL DEFAULT '[]',
  result TEXT, error TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  max_attempts INTEGER NOT NULL,
  lease_owner TEXT, lease_until INTEGER,
  run_after INTEGER NOT NULL,
  cancel_requested INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL, started_at INTEGER, finished_at INTEGER
);
CREATE INDEX IF NOT EXISTS jobs_open ON jobs (seq) WHERE status IN ${OPEN_STATUSES_SQL};
CREATE INDEX IF NOT EXISTS jobs_open_lane ON jobs (lane, seq) WHERE status IN ${OPEN_STATUSES_SQL};
CREATE INDEX IF NOT EXISTS jobs_status ON jobs (status, seq);
CREATE TABLE IF NOT EXISTS job_steps (
  job_id TEXT NOT NULL,
  step TEXT NOT NULL,
  result TEXT,
  at INTEGER NOT NULL,
  PRIMARY KEY (job_id, step)
) WITHOUT ROWID;
`;

/** Creates the job tables when missing (the SQLite store runs it too, so steps can be recorded in its transactions). */
export function migrateJobs(db: Database.Database): void {
  db.exec(DDL);
}
