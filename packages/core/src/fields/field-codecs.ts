import * as z from "zod";
import { MEMORY_TYPES } from "../types/memory-types.js";
import { isoString } from "../util/iso-date.js";
import type { HistoryEvent, MemoryType, Metadata } from "../types/memory-types.js";

/** A Qdrant payload index type. */
export type PayloadIndexType = "keyword" | "integer" | "float" | "bool";

/**
 * How one kind of value travels: on the wire (snake_case JSON), in a SQLite column and in a Qdrant
 * payload. `T` is the library's value, `W` the wire's. Absent values (optional fields) never reach
 * a codec: the mapping in `field-mapping.ts` writes them as absent / NULL / null.
 */
export interface FieldCodec<T, W> {
  /** SQLite column type, and the DDL default of a required column (`'[]'`), if any. */
  readonly sqlType: "TEXT" | "REAL" | "INTEGER";
  readonly sqlDefault?: string;
  /** The payload index an indexed field of this kind gets in Qdrant. */
  readonly payloadIndex: PayloadIndexType;
  toWire(value: T): W;
  fromWire(wire: W): T;
  toColumn(value: T): string | number | null;
  fromColumn(column: string | number | null): T;
  /** The payload entries of a value stored under `key` (usually one). */
  toPayload(key: string, value: T): Record<string, unknown>;
  fromPayload(key: string, payload: Record<string, unknown>): T;
  /** The zod shape that validates the payload entries of `key` (what {@link toPayload} wrote). */
  payloadShape(key: string): Record<string, z.ZodType>;
}

type Plain<T> = Pick<FieldCodec<T, T>, "toWire" | "fromWire" | "toPayload" | "fromPayload">;
const plain = <T>(): Plain<T> => ({
  toWire: (v) => v,
  fromWire: (w) => w,
  toPayload: (key, v) => ({ [key]: v }),
  fromPayload: (key, p) => p[key] as T,
});
const single = (key: string, schema: z.ZodType): Record<string, z.ZodType> => ({ [key]: schema });

/** Text, as is everywhere. */
export const text: FieldCodec<string, string> = {
  ...plain<string>(),
  sqlType: "TEXT",
  payloadIndex: "keyword",
  toColumn: (v) => v,
  fromColumn: (c) => c as string,
  payloadShape: (key) => single(key, z.string()),
};

/** A number (REAL in SQLite). */
export const real: FieldCodec<number, number> = {
  ...plain<number>(),
  sqlType: "REAL",
  payloadIndex: "float",
  toColumn: (v) => v,
  fromColumn: (c) => c as number,
  payloadShape: (key) => single(key, z.number()),
};

/** A date: RFC 3339 on the wire, epoch milliseconds in SQLite and in payloads. */
export const date: FieldCodec<Date, string> = {
  sqlType: "INTEGER",
  payloadIndex: "integer",
  toWire: (v) => isoString(v),
  fromWire: (w) => new Date(w),
  toColumn: (v) => v.getTime(),
  fromColumn: (c) => new Date(c as number),
  toPayload: (key, v) => ({ [key]: v.getTime() }),
  fromPayload: (key, p) => new Date(p[key] as number),
  payloadShape: (key) => single(key, z.number()),
};

/** A list of strings: a JSON array in SQLite, an array elsewhere. */
export const texts: FieldCodec<string[], string[]> = {
  ...plain<string[]>(),
  sqlType: "TEXT",
  sqlDefault: "'[]'",
  payloadIndex: "keyword",
  toColumn: (v) => JSON.stringify(v),
  // The empty list (most rows' `entities`, `topics`, `source`) without the JSON parser: a new array all the same.
  fromColumn: (c) => (c === "[]" ? [] : (JSON.parse(c as string) as string[])),
  payloadShape: (key) => single(key, z.array(z.string())),
};

/**
 * A free JSON object, returned exactly as given (key order included): JSON text in SQLite; in a
 * payload both as an object (filters reach into it) and as its exact JSON text `<key>_json` (what
 * is read back).
 */
export const json: FieldCodec<Metadata, Metadata> = {
  ...plain<Metadata>(),
  sqlType: "TEXT",
  sqlDefault: "'{}'",
  payloadIndex: "keyword",
  toColumn: (v) => JSON.stringify(v),
  // The empty object (most rows' `metadata`) without the JSON parser: a new object all the same.
  fromColumn: (c) => (c === "{}" ? {} : (JSON.parse(c as string) as Metadata)),
  toPayload: (key, v) => ({ [key]: v, [`${key}_json`]: JSON.stringify(v) }),
  fromPayload: (key, p) => JSON.parse(p[`${key}_json`] as string) as Metadata,
  payloadShape: (key) => single(`${key}_json`, z.string()),
};

/** A memory type; the wire accepts any casing and an unknown type reads as `factual`. */
export const memoryType: FieldCodec<MemoryType, string> = {
  ...text,
  toWire: (v) => v,
  fromWire: (w) => {
    const type = w.toLowerCase();
    return (MEMORY_TYPES as readonly string[]).includes(type) ? (type as MemoryType) : "factual";
  },
  fromColumn: (c) => c as MemoryType,
  fromPayload: (key, p) => p[key] as MemoryType,
};

/** A history event (ADD, UPDATE, SUPERSEDE, DELETE, EXPIRE). */
export const historyEvent: FieldCodec<HistoryEvent, string> = {
  ...text,
  toWire: (v) => v,
  fromWire: (w) => w as HistoryEvent,
  fromColumn: (c) => c as HistoryEvent,
  fromPayload: (key, p) => p[key] as HistoryEvent,
};

/** Text that is present but may be null (a history row's old or new content). */
export const nullableText: FieldCodec<string | null, string | null> = {
  ...plain<string | null>(),
  sqlType: "TEXT",
  payloadIndex: "keyword",
  toColumn: (v) => v,
  fromColumn: (c) => (c ?? null) as string | null,
  payloadShape: (key) => single(key, z.string().nullish()),
  fromPayload: (key, p) => (p[key] ?? null) as string | null,
};
