import { columnNames, recordFromColumnList, recordFromColumns, recordToColumns } from "../../fields/field-mapping.js";
import { HISTORY_FIELDS, MEMORY_FIELDS } from "../../fields/memory-fields.js";
import { bytesToVector, vectorToBytes } from "../../indexing/vector-bytes.js";
import type { HistoryEntry, Memory } from "../../types/memory.js";

/** A `memories` row as SQLite returns it: a column per field of `MEMORY_FIELDS`, plus the row id. */
export type MemoryRow = { rid: number; id: string; created_at: number } & Record<string, unknown>;

/** A `history` row as SQLite returns it: a column per field of `HISTORY_FIELDS` (nulls for absent parts). */
export type HistoryRow = { id: string; memory_id: string; at: number } & Record<string, unknown>;

/** The `memories` columns of the fields, in field order (the DDL, inserts and updates use them). */
export const MEMORY_FIELD_COLUMNS: readonly string[] = columnNames(MEMORY_FIELDS);

/** Columns read for a memory (never the vector). */
export const MEMORY_COLUMNS = ["m.rid", ...columnNames(MEMORY_FIELDS, "m.")].join(", ");

/** Row → memory. */
export function rowToMemory(r: MemoryRow): Memory {
  return recordFromColumns(MEMORY_FIELDS, r) as Memory;
}

/** Where the id sits in a raw row of {@link MEMORY_COLUMNS} (`rid` first, then the fields in order). */
export const RAW_ID = 1 + MEMORY_FIELDS.findIndex((f) => f.name === "id");

/** A raw row of {@link MEMORY_COLUMNS} (an array: `rid`, then the fields' columns) → memory. */
export function rawRowToMemory(r: readonly unknown[]): Memory {
  return recordFromColumnList(MEMORY_FIELDS, r, 1) as Memory;
}

/** Memory → named parameters of the insert/update statements. */
export function memoryToParams(m: Memory): Record<string, unknown> {
  return recordToColumns(MEMORY_FIELDS, m);
}

/** History row → entry (nulls mean absent). */
export function rowToHistory(r: HistoryRow): HistoryEntry {
  return recordFromColumns(HISTORY_FIELDS, r) as HistoryEntry;
}

/** Entry → named parameters of the history insert. */
export function historyToParams(h: HistoryEntry): Record<string, unknown> {
  return recordToColumns(HISTORY_FIELDS, h);
}

/** The `history` columns of the fields (inserts name them). */
export const HISTORY_FIELD_COLUMNS: readonly string[] = columnNames(HISTORY_FIELDS);

/** Float32 vector → BLOB (a copy of its bytes). */
export const vectorToBlob = vectorToBytes;

/** BLOB → Float32 vector (copied, so alignment is always right). */
export const blobToVector = bytesToVector;
