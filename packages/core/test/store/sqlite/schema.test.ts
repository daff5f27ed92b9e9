import { spawn } from "node:child_process";
import type { ChildProcessByStdio } from "node:child_process";
import { once } from "node:events";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { SCHEMA_VERSION, configureConnection, enterWal, migrate } from "../../../src/store/sqlite/schema.js";

const holderScript = fileURLToPath(new URL("./hold-write-lock.mjs", import.meta.url));
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A new database file, and a child process holding its write lock for `ms` (resolves once it holds it). */
async function heldNewFile(ms: number): Promise<{ path: string; holder: ChildProcessByStdio<null, Readable, null> }> {
  const dir = mkdtempSync(join(tmpdir(), "cortex-mem-schema-"));
  dirs.push(dir);
  const path = join(dir, "memories.db");
  const holder = spawn(process.execPath, [holderScript, path, String(ms)], { stdio: ["ignore", "pipe", "inherit"] });
  const [line] = (await once(holder.stdout, "data")) as [Buffer];
  expect(line.toString()).toBe("held\n");
  return { path, holder };
}

describe("configureConnection", () => {
  // Two processes opening a new home at once (two MCP servers) switch the new file to WAL together.
  // SQLite refuses the second switch's lock upgrade at once with SQLITE_BUSY, busy timeout or not;
  // one MCP server then failed to start (mcp's concurrency test, 4 of ~110 local runs).
  it("opens a new file whose write lock another process holds: waits, then switches it to WAL", async () => {
    const { path, holder } = await heldNewFile(300);
    const db = new Database(path);
    try {
      configureConnection(db);
      expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
      migrate(db);
      expect(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get()).toBe(
        String(SCHEMA_VERSION),
      );
      // The other process's write, committed while this one waited, is there too.
      expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'holder'").pluck().get()).toBe("holder");
    } finally {
      db.close();
    }
    const [code] = (await once(holder, "exit")) as [number];
    expect(code).toBe(0);
  });

  it("still reports the store busy when the lock is held past the timeout", async () => {
    const { path, holder } = await heldNewFile(60_000); // killed below, however slow this machine is
    const db = new Database(path);
    try {
      let error: unknown;
      try {
        enterWal(db, 100);
      } catch (e) {
        error = e;
      }
      expect((error as { code?: string }).code).toBe("SQLITE_BUSY");
      expect(db.pragma("journal_mode", { simple: true })).toBe("delete");
    } finally {
      db.close();
    }
    holder.kill();
    await once(holder, "exit");
  });
});
