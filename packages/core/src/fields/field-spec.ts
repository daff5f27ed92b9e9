import type { FieldCodec } from "./field-codecs.js";

/**
 * One field of a record, defined once: its library name, its wire name (snake_case JSON of every
 * door), its SQLite column and Qdrant payload key, how its values travel ({@link FieldCodec}),
 * and what the stores do with it. Everything that maps a memory or a history row is derived
 * from a list of these (`field-mapping.ts`).
 */
export interface FieldSpec<
  N extends string = string,
  T = any, // eslint-disable-line @typescript-eslint/no-explicit-any -- a list holds fields of every type
  W = any, // eslint-disable-line @typescript-eslint/no-explicit-any
  O extends boolean = boolean,
  WN extends string = string,
  NL extends boolean = boolean,
> {
  /** The library (camelCase) name. */
  readonly name: N;
  /** The wire (snake_case JSON) name. */
  readonly wire: WN;
  /** The SQLite column and the Qdrant payload key. */
  readonly column: string;
  readonly codec: FieldCodec<T, W>;
  /** May be absent: omitted on the wire (null with {@link wireNull}), NULL in SQLite, null in a payload. */
  readonly optional: O;
  /** An absent optional field is `null` on the wire instead of left out (the key is always there). */
  readonly wireNull: NL;
  /** The wire value used when a wire record lacks the field (reading imports and REST clients). */
  readonly wireDefault?: (wire: Record<string, unknown>) => unknown;
  /** Set once at creation and never updated (left out of the UPDATE statement). */
  readonly immutable: boolean;
  /** Unique in its table (the DDL says so). */
  readonly unique: boolean;
  /** Indexed for filters in Qdrant: a payload index of the codec's type, or the tenant key. */
  readonly indexed: boolean | "tenant";
}

/** Options of {@link field}; every one defaults to false / the snake_case of the name. */
export interface FieldOptions<O extends boolean, WN extends string, NL extends boolean = false> {
  wire?: WN;
  column?: string;
  optional?: O;
  wireNull?: NL;
  wireDefault?: (wire: Record<string, unknown>) => unknown;
  immutable?: boolean;
  unique?: boolean;
  indexed?: boolean | "tenant";
}

const snake = (name: string): string => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Declares a field (one line of a field list). */
export function field<
  N extends string,
  T,
  W,
  O extends boolean = false,
  WN extends string = SnakeCase<N>,
  NL extends boolean = false,
>(name: N, codec: FieldCodec<T, W>, options: FieldOptions<O, WN, NL> = {}): FieldSpec<N, T, W, O, WN, NL> {
  const column = options.column ?? snake(name);
  return {
    name,
    wire: (options.wire ?? snake(name)) as WN,
    column,
    codec,
    optional: (options.optional ?? false) as O,
    wireNull: (options.wireNull ?? false) as NL,
    ...(options.wireDefault ? { wireDefault: options.wireDefault } : {}),
    immutable: options.immutable ?? false,
    unique: options.unique ?? false,
    indexed: options.indexed ?? false,
  };
}

type Value<F> = F extends FieldSpec<string, infer T> ? T : never;
type WireValue<F> = F extends FieldSpec<string, unknown, infer W> ? W : never;
type WireNullable<F> = F extends FieldSpec<string, unknown, unknown, boolean, string, true> ? null : never;

/** The library record a field list describes (optional fields may be absent). */
export type RecordOf<F extends FieldSpec> = {
  [S in F as S["optional"] extends true ? never : S["name"]]: Value<S>;
} & {
  [S in F as S["optional"] extends true ? S["name"] : never]?: Value<S>;
};

/** The wire record a field list describes, by wire names (`wireNull` fields: null when absent or in old records). */
export type WireOf<F extends FieldSpec> = {
  [S in F as S["optional"] extends true ? never : S["wire"]]: WireValue<S>;
} & {
  [S in F as S["optional"] extends true ? S["wire"] : never]?: WireValue<S> | WireNullable<S>;
};

/** `observedAt` → `observed_at`, at the type level. */
export type SnakeCase<S extends string> = S extends `${infer H}${infer R}`
  ? `${H extends Lowercase<H> ? H : `_${Lowercase<H>}`}${SnakeCase<R>}`
  : S;
