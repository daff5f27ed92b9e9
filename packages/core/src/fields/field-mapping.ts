import * as z from "zod";
import type { FieldSpec } from "./field-spec.js";

// The mappings every layer derives from a field list (`memory-fields.ts`). Records are handled as
// plain objects here; the typed wrappers live with their layer (wire, SQLite rows, Qdrant payload).

type Fields = readonly FieldSpec[];
type Plain = Record<string, unknown>;

/** An optional field's value that means "absent" (stores hold it as NULL / null). */
const absent = (f: FieldSpec, v: unknown): boolean => v === undefined || (f.optional && v === null);

/** Library record → wire record: wire names, wire values, absent optional fields left out (or null: `wireNull`). */
export function recordToWire(fields: Fields, record: Plain): Plain {
  const out: Plain = {};
  for (const f of fields) {
    const v = record[f.name];
    if (!absent(f, v)) out[f.wire] = f.codec.toWire(v);
    else if (f.wireNull) out[f.wire] = null;
  }
  return out;
}

/** Wire record → library record; a missing field takes its `wireDefault` when it has one. */
export function recordFromWire(fields: Fields, wire: Plain): Plain {
  const out: Plain = {};
  for (const f of fields) {
    let v = wire[f.wire];
    if ((v === undefined || v === null) && f.wireDefault) v = f.wireDefault(wire);
    if (!absent(f, v)) out[f.name] = f.codec.fromWire(v);
  }
  return out;
}

/** Library record → SQLite named parameters (absent fields are NULL). */
export function recordToColumns(fields: Fields, record: Plain): Plain {
  const out: Plain = {};
  for (const f of fields) {
    const v = record[f.name];
    out[f.column] = absent(f, v) ? null : f.codec.toColumn(v);
  }
  return out;
}

/** SQLite row → library record (NULL in an optional column means absent). */
export function recordFromColumns(fields: Fields, row: Plain): Plain {
  const out: Plain = {};
  for (const f of fields) {
    const v = row[f.column] as string | number | null | undefined;
    if (!absent(f, v)) out[f.name] = f.codec.fromColumn(v ?? null);
  }
  return out;
}

/**
 * SQLite row read as an array (raw mode: the fields' columns in order from `offset`) → library
 * record; the same record as {@link recordFromColumns} gives for the keyed row.
 */
export function recordFromColumnList(fields: Fields, values: readonly unknown[], offset = 0): Plain {
  const out: Plain = {};
  for (let i = 0; i < fields.length; i++) {
    const f = fields[i] as FieldSpec;
    const v = values[offset + i] as string | number | null | undefined;
    if (!absent(f, v)) out[f.name] = f.codec.fromColumn(v ?? null);
  }
  return out;
}

/** Library record → Qdrant payload (absent fields are null, so an overwrite clears them). */
export function recordToPayload(fields: Fields, record: Plain): Plain {
  const out: Plain = {};
  for (const f of fields) {
    const v = record[f.name];
    Object.assign(out, absent(f, v) ? { [f.column]: null } : f.codec.toPayload(f.column, v));
  }
  return out;
}

/** Qdrant payload → library record (call {@link payloadSchema} first when the payload is untrusted). */
export function recordFromPayload(fields: Fields, payload: Plain): Plain {
  const out: Plain = {};
  for (const f of fields) {
    if (f.optional && (payload[f.column] === undefined || payload[f.column] === null)) continue;
    out[f.name] = f.codec.fromPayload(f.column, payload);
  }
  return out;
}

/** The zod schema of a payload holding these fields (extra keys allowed). */
export function payloadSchema(fields: Fields): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) {
    for (const [key, schema] of Object.entries(f.codec.payloadShape(f.column)))
      shape[key] = f.optional ? schema.nullish() : schema;
  }
  return z.object(shape);
}

/** The DDL column definitions of these fields, e.g. `entities TEXT NOT NULL DEFAULT '[]'`. */
export function ddlColumns(fields: Fields): string[] {
  return fields.map((f) => {
    const { sqlType, sqlDefault } = f.codec;
    const required = f.optional ? "" : " NOT NULL";
    const fallback = sqlDefault && !f.optional ? ` DEFAULT ${sqlDefault}` : "";
    return `${f.column} ${sqlType}${required}${f.unique ? " UNIQUE" : ""}${fallback}`;
  });
}

/** The column names of these fields, each prefixed (`m.`) when a prefix is given. */
export function columnNames(fields: Fields, prefix = ""): string[] {
  return fields.map((f) => `${prefix}${f.column}`);
}
