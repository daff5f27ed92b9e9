import { seededRandom as random } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { addInputSchema, searchOptionsSchema } from "../../src/types/options.js";
import { plainSearchOptions, plainSearchText } from "../../src/types/plain-search-options.js";

const signal = new AbortController().signal;
const KEYS = ["userId", "agentId", "runId", "filters", "limit", "threshold", "signal", "user_id", "filter"];
const VALUES: unknown[] = [
  "u",
  " bench ",
  "",
  "  ",
  "a".repeat(256),
  ` ${"a".repeat(256)} `,
  "a".repeat(257),
  0,
  1,
  10,
  1000,
  1001,
  0.25,
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
  Object.create(null) as object,
  { memoryTypes: ["factual"] },
  { includeExpired: true },
  signal,
  { aborted: false },
  undefined,
];

describe("plainSearchOptions (search options' hand-checked fast path)", () => {
  it("gives what searchOptionsSchema gives for every options bag it takes, and takes the common ones", () => {
    const next = random(14);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    let taken = 0;
    for (let i = 0; i < 20_000; i++) {
      const o: Record<string, unknown> = next() < 0.1 ? (Object.create(null) as Record<string, unknown>) : {};
      const n = Math.floor(next() * 6);
      for (let k = 0; k < n; k++) o[next() < 0.9 ? pick(KEYS.slice(0, 7)) : pick(KEYS)] = pick(VALUES);
      const fast = plainSearchOptions(o);
      if (fast === undefined) continue;
      taken++;
      const zod = searchOptionsSchema.safeParse(o);
      expect(zod.success, String(Object.keys(o))).toBe(true);
      expect(fast).toStrictEqual(zod.data);
      if (fast.signal !== undefined) expect(fast.signal).toBe(o.signal);
    }
    expect(taken).toBeGreaterThan(2_000);
  });

  it("takes what the REST door builds and leaves every other shape to the schema", () => {
    expect(plainSearchOptions({ userId: "bench", filters: {}, limit: 10, signal })).toStrictEqual({
      userId: "bench",
      filters: {},
      limit: 10,
      signal,
    });
    for (const other of [
      null,
      "x",
      [],
      { userId: "u", filters: { includeExpired: true } },
      { userId: "u", limit: 2.5 },
      { userId: "u", signal: {} },
      { userId: "u", limit: undefined },
      Object.create({ userId: "u" }) as object,
    ])
      expect(plainSearchOptions(other)).toBeUndefined();
  });

  it("reads a query as the schema's string branch does", () => {
    for (const q of ["x", "  where  ", "", "   ", "\u00a0\n", 7, null, undefined, ["x"]]) {
      const zod = addInputSchema.options[0].safeParse(q);
      expect(plainSearchText(q)).toBe(zod.success ? zod.data : undefined);
    }
  });
});
