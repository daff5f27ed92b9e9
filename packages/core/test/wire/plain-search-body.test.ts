import { seededRandom as random } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { plainSearchBody, searchRequestFromWire } from "../../src/wire/wire-requests.js";
import { wireSearchRequestSchema } from "../../src/wire/wire-schemas.js";

const KEYS = ["query", "user_id", "agent_id", "run_id", "limit", "k", "threshold", "filters", "metadata", "qurey"];
const VALUES: unknown[] = [
  "x",
  " bench ",
  "",
  "   ",
  "\u00a0x\u2028",
  "a".repeat(256),
  ` ${"a".repeat(256)} `,
  "a".repeat(257),
  "q".repeat(10_000),
  ` ${"q".repeat(10_000)}\n`,
  "q".repeat(10_001),
  0,
  1,
  10,
  1000,
  1001,
  1.5,
  -1,
  -0,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  "10",
  null,
  true,
  [],
  {},
  { user_id: "bench" },
  undefined,
];

function body(next: () => number): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  // Mostly the plain keys, so both paths are exercised often.
  const n = Math.floor(next() * 5);
  if (next() < 0.8) out.query = pick(VALUES.slice(0, 11));
  for (let i = 0; i < n; i++) out[next() < 0.85 ? pick(KEYS.slice(0, 5)) : pick(KEYS)] = pick(VALUES);
  return out;
}

describe("plainSearchBody (the search body's hand-checked fast path)", () => {
  it("gives what the wire schema gives for every body it takes, and takes the common ones", () => {
    const next = random(14);
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const made = body(next);
      // Some without a prototype (a parsed query string is one), which zod reads as objects too.
      const b = next() < 0.1 ? (Object.assign(Object.create(null), made) as Record<string, unknown>) : made;
      const fast = plainSearchBody(b);
      if (fast === undefined) continue;
      taken++;
      const zod = wireSearchRequestSchema.safeParse(b);
      expect(zod.success, JSON.stringify(b)).toBe(true);
      expect(fast, JSON.stringify(b)).toStrictEqual(zod.data);
    }
    expect(taken).toBeGreaterThan(2_000);
  });

  it("takes the bench's body and leaves every other shape to the schema", () => {
    expect(plainSearchBody({ query: " where did she go ", user_id: "bench", limit: 10 })).toStrictEqual({
      query: "where did she go",
      user_id: "bench",
      limit: 10,
    });
    for (const other of [
      null,
      "query",
      7,
      [{ query: "x" }],
      { user_id: "u" },
      { query: "x", limit: "10" },
      { query: "x", k: 3 },
      { query: "x", filters: {} },
      { query: "x", limit: undefined },
      Object.create({ query: "x" }) as object,
      Object.assign(Object.create({ limit: 5000 }) as object, { query: "x" }),
    ])
      expect(plainSearchBody(other), JSON.stringify(other)).toBeUndefined();
  });

  it("answers searchRequestFromWire alike through either path, errors included", () => {
    expect(searchRequestFromWire({ query: " x ", user_id: " u ", agent_id: "a", limit: 3 }, {})).toStrictEqual({
      query: "x",
      options: { userId: "u", agentId: "a", filters: {}, limit: 3 },
    });
    // The same body with a field only the schema reads goes the other way and gives the same answer.
    expect(
      searchRequestFromWire({ query: " x ", user_id: " u ", agent_id: "a", limit: 3, filters: {} }, {}),
    ).toStrictEqual({ query: "x", options: { userId: "u", agentId: "a", filters: {}, limit: 3 } });
    // Key order too (the options are spread and serialised downstream).
    const keys = (b: unknown): string[] => Object.keys(searchRequestFromWire(b, {}).options);
    expect(keys({ query: "x", run_id: "r", user_id: "u", limit: 3 })).toEqual(["userId", "runId", "filters", "limit"]);
    expect(keys({ threshold: 0.5, query: "x", user_id: "u", k: 4, filters: { agent_id: "a" } })).toEqual([
      "userId",
      "agentId",
      "filters",
      "limit",
      "threshold",
    ]);
    const errorOf = (b: unknown, q?: unknown): unknown => {
      try {
        searchRequestFromWire(b, q);
      } catch (error) {
        const e = error as { code: string; message: string; details: unknown };
        return { code: e.code, message: e.message, details: e.details };
      }
      return undefined;
    };
    expect(errorOf({ query: "x", user_id: "u", qurey: "y" })).toMatchObject({
      code: "VALIDATION",
      details: [{ path: "qurey" }],
    });
    expect(errorOf({ query: "   ", user_id: "u" })).toMatchObject({ code: "VALIDATION", details: [{ path: "query" }] });
    expect(errorOf({ query: "x", user_id: "a" }, { user_id: "b" })).toMatchObject({
      code: "VALIDATION",
      details: [{ path: "user_id" }],
    });
    expect(errorOf({ query: "x" }, { usr_id: "b" })).toMatchObject({
      code: "VALIDATION",
      details: [{ path: "usr_id" }],
    });
  });
});
