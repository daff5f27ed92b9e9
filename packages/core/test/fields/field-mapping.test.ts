import { describe, expect, it } from "vitest";
import { date, json, memoryType, nullableText, text, texts } from "../../src/fields/field-codecs.js";
import {
  columnNames,
  ddlColumns,
  payloadSchema,
  recordFromColumns,
  recordFromPayload,
  recordFromWire,
  recordToColumns,
  recordToPayload,
  recordToWire,
} from "../../src/fields/field-mapping.js";
import { field } from "../../src/fields/field-spec.js";
import { HISTORY_FIELDS, MEMORY_FIELDS } from "../../src/fields/memory-fields.js";
import type { HistoryEntry, Memory } from "../../src/types/memory.js";

// Each mapping derived from the field lists, with the exact record it gives (SQLite parameters,
// Qdrant payload, DDL), hand-written from the field list.

const full: Memory = {
  id: "m1",
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
  metadata: { z: 1, a: [1, null] },
  hash: "h1",
  createdAt: new Date(1_000),
  updatedAt: new Date(2_000),
  observedAt: new Date(500),
  validUntil: new Date(9_000),
  supersededBy: "m2",
  source: ["0", "1"],
  context: "before: hello",
  expiresAt: new Date(8_000),
};
const { userId: _u, agentId: _a, runId: _r, actorId: _c, role: _o, ...rest } = full;
const { validUntil: _v, supersededBy: _s, context: _x, expiresAt: _e, ...bare } = rest;

const fullColumns = {
  id: "m1",
  content: "Zoë drinks oat milk",
  memory_type: "personal",
  user_id: "u",
  agent_id: "a",
  run_id: "r",
  actor_id: "zoe",
  role: "user",
  importance: 0.7,
  entities: '["Zoë"]',
  topics: '["Drinks"]',
  metadata: '{"z":1,"a":[1,null]}',
  hash: "h1",
  created_at: 1_000,
  updated_at: 2_000,
  observed_at: 500,
  valid_until: 9_000,
  superseded_by: "m2",
  source: '["0","1"]',
  context: "before: hello",
  expires_at: 8_000,
};
const absentColumns = {
  user_id: null,
  agent_id: null,
  run_id: null,
  actor_id: null,
  role: null,
  valid_until: null,
  superseded_by: null,
  context: null,
  expires_at: null,
};

describe("SQLite columns", () => {
  it("a memory's named parameters: every column, JSON text for lists and objects, ms for dates", () => {
    expect(recordToColumns(MEMORY_FIELDS, full)).toStrictEqual(fullColumns);
  });

  it("absent optional fields (undefined or null) are NULL", () => {
    expect(recordToColumns(MEMORY_FIELDS, bare)).toStrictEqual({ ...fullColumns, ...absentColumns });
    expect(recordToColumns(MEMORY_FIELDS, { ...bare, userId: null, context: null })).toStrictEqual({
      ...fullColumns,
      ...absentColumns,
    });
  });

  it("a row reads back to the memory; NULL in an optional column is absent", () => {
    expect(recordFromColumns(MEMORY_FIELDS, { rid: 1, ...fullColumns })).toStrictEqual(full);
    expect(recordFromColumns(MEMORY_FIELDS, { ...fullColumns, ...absentColumns })).toStrictEqual(bare);
  });

  it("a history row keeps null contents (a required, nullable column)", () => {
    const entry: HistoryEntry = {
      id: "h1",
      memoryId: "m1",
      event: "DELETE",
      oldContent: "gone",
      newContent: null,
      at: new Date(3_000),
    };
    const row = {
      id: "h1",
      memory_id: "m1",
      event: "DELETE",
      old_content: "gone",
      new_content: null,
      actor_id: null,
      user_id: null,
      agent_id: null,
      run_id: null,
      job_id: null,
      reason: null,
      at: 3_000,
    };
    expect(recordToColumns(HISTORY_FIELDS, entry)).toStrictEqual(row);
    expect(recordFromColumns(HISTORY_FIELDS, row)).toStrictEqual(entry);
  });

  it("the DDL columns: type, NOT NULL for required fields, UNIQUE, and the default of required lists", () => {
    expect(ddlColumns(MEMORY_FIELDS)).toStrictEqual([
      "id TEXT NOT NULL UNIQUE",
      "content TEXT NOT NULL",
      "memory_type TEXT NOT NULL",
      "user_id TEXT",
      "agent_id TEXT",
      "run_id TEXT",
      "actor_id TEXT",
      "role TEXT",
      "importance REAL NOT NULL",
      "entities TEXT NOT NULL DEFAULT '[]'",
      "topics TEXT NOT NULL DEFAULT '[]'",
      "metadata TEXT NOT NULL DEFAULT '{}'",
      "hash TEXT NOT NULL",
      "created_at INTEGER NOT NULL",
      "updated_at INTEGER NOT NULL",
      "observed_at INTEGER NOT NULL",
      "valid_until INTEGER",
      "superseded_by TEXT",
      "source TEXT NOT NULL DEFAULT '[]'",
      "context TEXT",
      "expires_at INTEGER",
    ]);
    // An optional list has no default (NULL is its absence).
    expect(ddlColumns([field("tags", texts, { optional: true })])).toStrictEqual(["tags TEXT"]);
  });

  it("column names, in field order, with or without a table prefix", () => {
    const fields = [field("id", text), field("memoryId", text), field("at", date, { column: "at_ms" })];
    expect(columnNames(fields)).toStrictEqual(["id", "memory_id", "at_ms"]);
    expect(columnNames(fields, "h.")).toStrictEqual(["h.id", "h.memory_id", "h.at_ms"]);
  });
});

describe("Qdrant payload", () => {
  const fullPayload = {
    ...fullColumns,
    entities: ["Zoë"],
    topics: ["Drinks"],
    source: ["0", "1"],
    metadata: { z: 1, a: [1, null] },
    metadata_json: '{"z":1,"a":[1,null]}',
  };

  it("a memory's payload: arrays as arrays, dates in ms, metadata as an object and as its JSON text", () => {
    expect(recordToPayload(MEMORY_FIELDS, full)).toStrictEqual(fullPayload);
  });

  it("absent optional fields are null, so an overwrite clears them", () => {
    expect(recordToPayload(MEMORY_FIELDS, bare)).toStrictEqual({ ...fullPayload, ...absentColumns });
  });

  it("reads back exactly; null or missing optional keys are absent; metadata comes from its JSON text", () => {
    expect(recordFromPayload(MEMORY_FIELDS, fullPayload)).toStrictEqual(full);
    expect(recordFromPayload(MEMORY_FIELDS, { ...fullPayload, ...absentColumns })).toStrictEqual(bare);
    const { user_id: _uid, context: _ctx, ...missing } = { ...fullPayload, ...absentColumns };
    expect(recordFromPayload(MEMORY_FIELDS, missing)).toStrictEqual(bare);
    const back = recordFromPayload(MEMORY_FIELDS, { ...fullPayload, metadata: { other: true } });
    expect(back.metadata).toStrictEqual({ z: 1, a: [1, null] });
  });

  it("a history payload keeps null contents; a missing one reads as null", () => {
    const entry = { id: "h1", memoryId: "m1", event: "ADD", oldContent: null, newContent: "new", at: new Date(7) };
    const payload = recordToPayload(HISTORY_FIELDS, entry);
    expect(payload).toStrictEqual({
      id: "h1",
      memory_id: "m1",
      event: "ADD",
      old_content: null,
      new_content: "new",
      actor_id: null,
      user_id: null,
      agent_id: null,
      run_id: null,
      job_id: null,
      reason: null,
      at: 7,
    });
    expect(recordFromPayload(HISTORY_FIELDS, payload)).toStrictEqual(entry);
    const { old_content: _old, ...withoutOld } = payload;
    expect(recordFromPayload(HISTORY_FIELDS, withoutOld)).toStrictEqual(entry);
  });

  it("the payload schema accepts what recordToPayload writes and names what is wrong", () => {
    const schema = payloadSchema(MEMORY_FIELDS);
    expect(schema.safeParse(recordToPayload(MEMORY_FIELDS, full)).success).toBe(true);
    expect(schema.safeParse(recordToPayload(MEMORY_FIELDS, bare)).success).toBe(true);
    const bad = (patch: Record<string, unknown>): (string | number | symbol)[][] => {
      const result = schema.safeParse({ ...recordToPayload(MEMORY_FIELDS, full), ...patch });
      return result.success ? [] : result.error.issues.map((i) => i.path);
    };
    expect(bad({ created_at: "2025-01-01" })).toStrictEqual([["created_at"]]);
    expect(bad({ importance: "high" })).toStrictEqual([["importance"]]);
    expect(bad({ entities: "Zoë" })).toStrictEqual([["entities"]]);
    expect(bad({ metadata_json: undefined })).toStrictEqual([["metadata_json"]]);
    expect(bad({ content: null })).toStrictEqual([["content"]]);
    expect(bad({ user_id: 3 })).toStrictEqual([["user_id"]]);
    const history = payloadSchema(HISTORY_FIELDS);
    const row = recordToPayload(HISTORY_FIELDS, {
      id: "h",
      memoryId: "m",
      event: "DELETE",
      oldContent: "x",
      newContent: null,
      at: new Date(1),
    });
    expect(history.safeParse(row).success).toBe(true);
    expect(history.safeParse({ ...row, new_content: 5 }).success).toBe(false);
  });
});

describe("wire", () => {
  it("a missing or null field with a wire default takes it; a given value wins", () => {
    const fields = [
      field("createdAt", date),
      field("observedAt", date, { wireDefault: (w) => w.created_at }),
      field("tags", texts, { wireDefault: () => [] }),
    ] as const;
    expect(recordFromWire(fields, { created_at: "2025-01-01T00:00:00.000Z" })).toStrictEqual({
      createdAt: new Date("2025-01-01T00:00:00.000Z"),
      observedAt: new Date("2025-01-01T00:00:00.000Z"),
      tags: [],
    });
    expect(
      recordFromWire(fields, { created_at: "2025-01-01T00:00:00.000Z", observed_at: null, tags: null }),
    ).toStrictEqual({
      createdAt: new Date("2025-01-01T00:00:00.000Z"),
      observedAt: new Date("2025-01-01T00:00:00.000Z"),
      tags: [],
    });
    expect(
      recordFromWire(fields, {
        created_at: "2025-01-01T00:00:00.000Z",
        observed_at: "2024-01-01T00:00:00.000Z",
        tags: ["x"],
      }),
    ).toStrictEqual({
      createdAt: new Date("2025-01-01T00:00:00.000Z"),
      observedAt: new Date("2024-01-01T00:00:00.000Z"),
      tags: ["x"],
    });
  });

  it("an optional field null on the wire is absent; a required null value goes through its codec", () => {
    const fields = [field("note", text, { optional: true }), field("old", nullableText)] as const;
    expect(recordFromWire(fields, { note: null, old: null })).toStrictEqual({ old: null });
    expect(recordToWire(fields, { note: null, old: null })).toStrictEqual({ old: null });
    expect(recordToWire(fields, { note: "n", old: "o" })).toStrictEqual({ note: "n", old: "o" });
  });
});

describe("codecs", () => {
  it("a memory type reads any casing and an unknown type as factual", () => {
    expect(memoryType.fromWire("Episodic")).toBe("episodic");
    expect(memoryType.fromWire("PERSONAL")).toBe("personal");
    expect(memoryType.fromWire("bogus")).toBe("factual");
    expect(memoryType.toWire("semantic")).toBe("semantic");
  });

  it("a date is RFC 3339 on the wire and ms in columns and payloads", () => {
    const d = new Date("2025-06-07T08:09:10.011Z");
    expect(date.toWire(d)).toBe("2025-06-07T08:09:10.011Z");
    expect(date.fromWire("2025-06-07T08:09:10.011Z")).toStrictEqual(d);
    expect(date.toColumn(d)).toBe(d.getTime());
    expect(date.fromColumn(d.getTime())).toStrictEqual(d);
    expect(date.toPayload("at", d)).toStrictEqual({ at: d.getTime() });
    expect(date.fromPayload("at", { at: d.getTime() })).toStrictEqual(d);
  });

  it("metadata in a payload is written twice and read from its exact JSON text (key order kept)", () => {
    expect(json.toPayload("meta", { b: 1, a: 2 })).toStrictEqual({ meta: { b: 1, a: 2 }, meta_json: '{"b":1,"a":2}' });
    expect(Object.keys(json.fromPayload("meta", { meta: { a: 2, b: 1 }, meta_json: '{"b":1,"a":2}' }))).toStrictEqual([
      "b",
      "a",
    ]);
    expect(json.fromColumn('{"b":1}')).toStrictEqual({ b: 1 });
  });

  it("lists and objects read from columns equal JSON.parse of the text, a new value each time (empty ones too)", () => {
    for (const column of ["[]", '["a"]', '["a","b"]', "[ ]", '[""]'])
      expect(texts.fromColumn(column)).toStrictEqual(JSON.parse(column));
    for (const column of ["{}", '{"b":1,"a":[]}', "{ }", '{"":{}}'])
      expect(json.fromColumn(column)).toStrictEqual(JSON.parse(column));
    const list = texts.fromColumn("[]");
    list.push("changed");
    expect(texts.fromColumn("[]")).toStrictEqual([]);
    const meta = json.fromColumn("{}");
    meta.changed = true;
    expect(json.fromColumn("{}")).toStrictEqual({});
    expect(Object.getPrototypeOf(json.fromColumn("{}"))).toBe(Object.prototype);
  });
});

describe("field()", () => {
  it("defaults: snake_case wire name and column, required, not null on the wire, mutable, not unique or indexed", () => {
    const spec = field("observedAt", date);
    expect(spec).toStrictEqual({
      name: "observedAt",
      wire: "observed_at",
      column: "observed_at",
      codec: date,
      optional: false,
      wireNull: false,
      immutable: false,
      unique: false,
      indexed: false,
    });
  });

  it("options override each default; a wire default is kept", () => {
    const wireDefault = (): unknown => [];
    expect(
      field("at", date, {
        wire: "created_at",
        column: "at_ms",
        optional: true,
        wireNull: true,
        wireDefault,
        immutable: true,
        unique: true,
        indexed: "tenant",
      }),
    ).toStrictEqual({
      name: "at",
      wire: "created_at",
      column: "at_ms",
      codec: date,
      optional: true,
      wireNull: true,
      wireDefault,
      immutable: true,
      unique: true,
      indexed: "tenant",
    });
  });
});
