import fc from "fast-check";

/** Pieces of FTS5 query syntax (and SQL) that must only ever be words to the keyword index. */
export const FTS_SYNTAX = [
  '"',
  "AND",
  "OR",
  "NOT",
  "*",
  "NEAR(",
  "NEAR(a b, 2)",
  ")",
  "(",
  "^",
  ":",
  "-",
  "+",
  "content:",
  "tags:",
  "{",
  "}",
  "'",
  "\\",
  "\u0000",
  "';--",
  "%",
  "_",
  "MATCH",
  "bm25(",
  "\u202e",
  "🙂",
  "  ",
];

/** Search queries: free text, FTS syntax soup, and both mixed. */
export const queryArb = fc.oneof(
  fc.string({ maxLength: 80 }),
  fc.array(fc.constantFrom(...FTS_SYNTAX), { minLength: 1, maxLength: 12 }).map((parts) => parts.join(" ")),
  fc
    .array(fc.oneof(fc.constantFrom(...FTS_SYNTAX), fc.stringMatching(/^[a-z]{1,8}$/)), { minLength: 1, maxLength: 10 })
    .map((parts) => parts.join("")),
  fc.string({ unit: "binary", maxLength: 40 }),
);

/** Ids with path tricks (plain `../` is resolved by the client itself, so traversal comes encoded): encoded separators, NUL, bad escapes, routes' names, long and unicode ones. */
export const idArb = fc.oneof(
  fc.constantFrom(
    "..%2Fstats",
    "%2e%2e%2fstats",
    "%2E%2E",
    "%00",
    "a%00b",
    "%ZZ",
    "%",
    "%C0%AE%C0%AE",
    "search",
    "batch",
    "batch%2Fdelete",
    "history",
    "%20",
    "..%5C..%5Cetc%5Cpasswd",
    "00000000-0000-0000-0000-000000000000",
    "*",
    "'%20OR%201=1--",
    "%E2%80%AE",
    "x".repeat(5000),
  ),
  fc.string({ minLength: 1, maxLength: 60 }).map(encodeURIComponent),
  fc.string({ unit: "binary", minLength: 1, maxLength: 20 }).map(encodeURIComponent),
  fc.uuid().map((u) => u.toUpperCase()),
);

const scalar = fc.oneof(fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null));
const fieldValue = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), scalar, { maxKeys: 3 }),
  fc.jsonValue({ maxDepth: 3 }),
);
const ADD_KEYS = [
  "content",
  "messages",
  "user_id",
  "agent_id",
  "run_id",
  "actor_id",
  "role",
  "infer",
  "memory_type",
  "importance_score",
  "topics",
  "metadata",
  "timestamp",
  "__proto__",
  "constructor",
  "filters",
  "query",
  "limit",
  "ids",
  "updates",
];

/** Request bodies: any JSON value, or objects over the API's own field names with values of any type. */
export const bodyArb = fc.oneof(
  fc.jsonValue({ maxDepth: 4 }),
  fc.dictionary(fc.constantFrom(...ADD_KEYS), fieldValue, { maxKeys: 6 }),
  fc.record(
    { content: fc.oneof(fc.string({ maxLength: 40 }), fieldValue), user_id: fc.oneof(fc.constant("fuzz"), fieldValue) },
    { requiredKeys: [] },
  ),
);

/** Metadata keys that try to reach prototypes. */
export const DANGEROUS_KEYS = [
  "__proto__",
  "constructor",
  "prototype",
  "toString",
  "hasOwnProperty",
  "valueOf",
  "__defineGetter__",
  "isAdmin",
];

/** `[key, value]` pairs for a metadata object with dangerous keys (unique keys; written as raw JSON text by the tests). */
export const metadataPairsArb = fc.uniqueArray(
  fc.tuple(
    fc.oneof(fc.constantFrom(...DANGEROUS_KEYS), fc.stringMatching(/^[a-z]{1,6}$/)),
    fc.jsonValue({ maxDepth: 3 }),
  ),
  {
    selector: ([k]) => k,
    minLength: 1,
    maxLength: 5,
  },
);

/** Raw JSON text of an object from pairs, so `__proto__` is an ordinary key on the wire. */
export const objectText = (pairs: [string, unknown][]): string =>
  `{${pairs.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(",")}}`;
