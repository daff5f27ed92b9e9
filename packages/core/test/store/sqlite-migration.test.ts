import { createRequire } from "node:module";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { tempHome } from "../helpers.js";

const require = createRequire(import.meta.url);

describe("SQLite schema migration", () => {
  it("adds the job tables and newer columns to a version 1 file, keeping its rows", async () => {
    const path = join(tempHome(), "memories.db");
    const Driver = require("better-sqlite3") as typeof Database;
    const old = new Driver(path);
    old.exec(`CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      INSERT INTO meta VALUES ('schema_version', '1');
      CREATE TABLE memories (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, content TEXT NOT NULL, memory_type TEXT NOT NULL,
        user_id TEXT, agent_id TEXT, run_id TEXT, actor_id TEXT, role TEXT, importance REAL NOT NULL, entities TEXT NOT NULL DEFAULT '[]',
        topics TEXT NOT NULL DEFAULT '[]', metadata TEXT NOT NULL DEFAULT '{}', hash TEXT NOT NULL, created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL, observed_at INTEGER NOT NULL, valid_until INTEGER, superseded_by TEXT, source TEXT NOT NULL DEFAULT '[]', context TEXT);
      CREATE TABLE history (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, memory_id TEXT NOT NULL, event TEXT NOT NULL,
        old_content TEXT, new_content TEXT, actor_id TEXT, user_id TEXT, agent_id TEXT, run_id TEXT, at INTEGER NOT NULL);
      INSERT INTO history (id, memory_id, event, new_content, user_id, at) VALUES ('h1', 'm1', 'ADD', 'kept', 'u', 1);`);
    old.close();
    const store = new SqliteStore({ path });
    await store.init({ dimensions: 8, embedder: "local" });
    expect(await store.history("m1")).toEqual([expect.objectContaining({ id: "h1", newContent: "kept" })]);
    await store.close();
    const db = new Driver(path, { readonly: true });
    const columns = (table: string): string[] =>
      db.prepare(`SELECT name FROM pragma_table_info('${table}')`).pluck().all() as string[];
    expect(columns("history")).toContain("job_id");
    expect(columns("memories")).toContain("expires_at");
    expect(columns("jobs")).toEqual(expect.arrayContaining(["lease_owner", "lease_until", "status", "attempts"]));
    expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe("2");
    db.close();
  });
});
