import { createRequire } from "node:module";
import { join } from "node:path";
import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { date, text } from "../../src/fields/field-codecs.js";
import { recordFromWire, recordToWire } from "../../src/fields/field-mapping.js";
import { field } from "../../src/fields/field-spec.js";
import type { WireOf } from "../../src/fields/field-spec.js";
import { HISTORY_FIELDS, MEMORY_FIELDS } from "../../src/fields/memory-fields.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { MEMORY_COLUMNS, RAW_ID, memoryToParams, rawRowToMemory, rowToMemory } from "../../src/store/sqlite/rows.js";
import type { Memory } from "../../src/types/memory.js";
import { memoryFromWire, memoryToWire } from "../../src/wire/memory-wire.js";
import type { WireMemory } from "../../src/wire/memory-wire.js";
import { wireHistoryEntrySchema, wireMemorySchema } from "../../src/wire/wire-output-schemas.js";
import { tempHome } from "../helpers.js";

const require = createRequire(import.meta.url);
const Driver = require("better-sqlite3") as typeof Database;

const full: Memory = {
  id: "5c56c793-69f3-4fbf-87e6-c4bf54c28c26",
  content: "Zoë drinks oat milk",
  memoryType: "personal",
  userId: "u",
  agentId: "a",
  runId: "r",
  actorId: "zoe",
  role: "user",
  importance: 0.7,
  entities: ["Zoë"],
  topics: ["Drinks"],
  metadata: { z: 1, a: { nested: [1, null] } },
  hash: "h1",
  createdAt: new Date("2025-03-01T10:00:00.123Z"),
  updatedAt: new Date("2025-03-02T10:00:00Z"),
  observedAt: new Date("2024-12-31T23:59:59Z"),
  validUntil: new Date("2026-01-01T00:00:00Z"),
  supersededBy: "other-id",
  source: ["0", "1"],
  context: "before: hello",
};
const { userId: _u, agentId: _a, runId: _r, actorId: _c, role: _o, ...rest } = full;
const { validUntil: _v, supersededBy: _s, context: _x, ...bare } = rest;

/** name, type, notnull, default and pk of every column of `table`. */
function columns(db: Database.Database, table: string): unknown[] {
  return db.prepare(`SELECT name, type, "notnull", dflt_value, pk FROM pragma_table_info('${table}')`).all();
}

describe("memory fields, defined once", () => {
  it("a fresh file's tables have exactly the columns of a version 1 file after migration", async () => {
    const home = tempHome();
    const oldPath = join(home, "old.db");
    const old = new Driver(oldPath);
    // The version 1 layout, as the first release wrote it.
    old.exec(`CREATE TABLE memories (rid INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, content TEXT NOT NULL,
      memory_type TEXT NOT NULL, user_id TEXT, agent_id TEXT, run_id TEXT, actor_id TEXT, role TEXT,
      importance REAL NOT NULL, entities TEXT NOT NULL DEFAULT '[]', topics TEXT NOT NULL DEFAULT '[]',
      metadata TEXT NOT NULL DEFAULT '{}', hash TEXT NOT NULL, created_at INTEGER NOT NULL,
      updated_at INTEGER NOT NULL, observed_at INTEGER NOT NULL, valid_until INTEGER, superseded_by TEXT,
      source TEXT NOT NULL DEFAULT '[]', context TEXT)`);
    old.close();
    const freshPath = join(home, "fresh.db");
    for (const path of [oldPath, freshPath]) await new SqliteStore({ path }).close();
    const [migrated, fresh] = [new Driver(oldPath), new Driver(freshPath)];
    expect(columns(fresh, "memories")).toEqual(columns(migrated, "memories"));
    expect(columns(fresh, "history")).toEqual(columns(migrated, "history"));
    const names = (columns(fresh, "memories") as { name: string }[]).map((c) => c.name);
    expect(names).toEqual(expect.arrayContaining(MEMORY_FIELDS.map((f) => f.column)));
    migrated.close();
    fresh.close();
  });

  it("the wire form has one key per field, in field order, and the output schemas list the same keys", () => {
    expect(Object.keys(memoryToWire(full))).toEqual(MEMORY_FIELDS.map((f) => f.wire));
    expect(Object.keys(wireMemorySchema.shape).sort()).toEqual(MEMORY_FIELDS.map((f) => f.wire).sort());
    expect(Object.keys(wireHistoryEntrySchema.shape).sort()).toEqual(HISTORY_FIELDS.map((f) => f.wire).sort());
    expect(memoryToWire(full)).toMatchObject({ importance_score: 0.7, created_at: "2025-03-01T10:00:00.123Z" });
    expect(memoryFromWire(JSON.parse(JSON.stringify(memoryToWire(full))))).toEqual(full);
    expect(Object.keys(memoryToWire(bare))).not.toContain("user_id");
  });

  it("a wire memory missing defaulted fields reads with their defaults; an unknown type reads as factual", () => {
    const wire = memoryToWire(bare) as Partial<WireMemory>;
    delete wire.entities;
    delete wire.topics;
    delete wire.metadata;
    delete wire.source;
    delete wire.observed_at;
    const back = memoryFromWire({ ...wire, memory_type: "BOGUS" } as WireMemory);
    expect(back).toEqual({
      ...bare,
      memoryType: "factual",
      entities: [],
      topics: [],
      metadata: {},
      source: [],
      observedAt: bare.createdAt,
    });
    expect(memoryFromWire({ ...memoryToWire(bare), memory_type: "Episodic" }).memoryType).toBe("episodic");
  });

  it("SQLite rows round-trip every field; absent fields are NULL and read back absent", () => {
    expect(rowToMemory({ rid: 1, ...memoryToParams(full) } as never)).toEqual(full);
    const params = memoryToParams(bare);
    expect(params).toMatchObject({ user_id: null, valid_until: null, context: null, entities: '["Zoë"]' });
    const back = rowToMemory({ rid: 2, ...params } as never);
    expect(back).toEqual(bare);
    expect("userId" in back || "validUntil" in back).toBe(false);
  });

  it("a row read as an array (getMany's raw mode) gives the same memory as the keyed row, key order included", () => {
    for (const [rid, memory] of [
      [1, full],
      [2, bare],
    ] as const) {
      const keyed = { rid, ...memoryToParams(memory) } as Record<string, unknown>;
      const array = MEMORY_COLUMNS.split(", ").map((c) => keyed[c.slice(2)]);
      const back = rawRowToMemory(array);
      expect(back).toEqual(rowToMemory(keyed as never));
      expect(Object.keys(back)).toEqual(Object.keys(rowToMemory(keyed as never)));
      expect(array[RAW_ID]).toBe(memory.id);
    }
  });

  it("a wireNull field is always on the wire, null when absent, and reads back absent", () => {
    const fields = [field("id", text), field("endsAt", date, { optional: true, wireNull: true })] as const;
    const absentOnWire: WireOf<(typeof fields)[number]> = { id: "a", ends_at: null };
    expect(recordToWire(fields, { id: "a" })).toEqual(absentOnWire);
    const present = recordToWire(fields, { id: "a", endsAt: new Date(0) });
    expect(present).toEqual({ id: "a", ends_at: "1970-01-01T00:00:00.000Z" });
    expect(recordFromWire(fields, { id: "a", ends_at: null })).toEqual({ id: "a" });
  });
});
