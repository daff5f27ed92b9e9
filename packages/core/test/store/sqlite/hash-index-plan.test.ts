import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../../src/store/sqlite-store.js";

// Why `findByHash` and the writer's duplicate check say `INDEXED BY memories_hash`: the stores never
// run ANALYZE, and without statistics SQLite prefers the three-column scope index to the one-column
// hash index, i.e. it reads every memory of the user per lookup. If a SQLite upgrade changes that,
// this test fails and the hint can go.
const dir = mkdtempSync(join(tmpdir(), "cortex-hash-plan-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const LOOKUP = (hint: string): string =>
  `SELECT id FROM memories ${hint} WHERE hash = ? AND user_id IS ? AND agent_id IS ? AND run_id IS ? ` +
  "AND superseded_by IS NULL AND (expires_at IS NULL OR expires_at > ?) LIMIT 1";

describe("the duplicate lookup's index", () => {
  it("is the scope index when SQLite is left to choose, and the hash index with the hint", async () => {
    const path = join(dir, "memories.db");
    await new SqliteStore({ path }).close();
    const db = new Database(path);
    const plan = (hint: string): string =>
      (db.prepare(`EXPLAIN QUERY PLAN ${LOOKUP(hint)}`).all("h", "u", null, null, 0) as { detail: string }[])
        .map((r) => r.detail)
        .join(" | ");
    expect(plan("")).toContain("USING INDEX memories_scope");
    expect(plan("INDEXED BY memories_hash")).toContain("USING INDEX memories_hash (hash=?)");
    db.close();
  });
});
