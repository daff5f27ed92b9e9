import * as z from "zod";
import { describe, expect, it } from "vitest";
import { lazySchema } from "../../src/util/lazy-schema.js";
import { parseOrThrow } from "../../src/util/zod-error.js";
import { insightsOptionsSchema } from "../../src/insights/insights-options.js";
import { searchOptionsSchema } from "../../src/types/options.js";
import type { CortexMemError } from "../../src/index.js";

const errorOf = (fn: () => unknown): CortexMemError => {
  try {
    fn();
  } catch (error) {
    return error as CortexMemError;
  }
  throw new Error("expected a throw");
};

describe("lazySchema", () => {
  it("builds the schema on first use, once", () => {
    let builds = 0;
    const schema = lazySchema(() => {
      builds++;
      return z.strictObject({ days: z.number().int() });
    });
    expect(builds).toBe(0);
    expect(schema.parse({ days: 3 })).toEqual({ days: 3 });
    expect(schema.safeParse({ days: 1.5 }).success).toBe(false);
    expect(builds).toBe(1);
  });

  it("stands in for the schema: shape, extend, instanceof, composition", () => {
    const inner = lazySchema(() => z.strictObject({ a: z.string(), b: z.number().optional() }));
    expect(Object.keys(inner.shape)).toEqual(["a", "b"]);
    expect(inner instanceof z.ZodObject).toBe(true);
    expect(inner.extend({ c: z.boolean() }).parse({ a: "x", c: true })).toEqual({ a: "x", c: true });
    expect(z.object({ inner }).safeParse({ inner: { a: 1 } }).success).toBe(false);
    expect(z.object({ inner: inner.optional() }).parse({})).toEqual({});
  });

  it("keeps the strictness errors: the unknown field is named, with a did-you-mean", () => {
    const schema = lazySchema(() => z.strictObject({ days: z.number(), owners: z.number() }));
    const error = errorOf(() => parseOrThrow(schema, { dayz: 3 }, "options"));
    expect(error.code).toBe("VALIDATION");
    expect(error.message).toContain("dayz");
    expect(error.message).toContain("days");
  });

  it("carries its description into JSON Schema", () => {
    const schema = lazySchema(() => z.object({ id: z.string() }).describe("A thing"));
    expect(z.toJSONSchema(z.object({ thing: schema }))).toMatchObject({
      properties: { thing: { description: "A thing", properties: { id: { type: "string" } } } },
    });
    expect(z.toJSONSchema(schema)).toMatchObject({ description: "A thing" });
  });

  it("gives the same JSON Schema as the schema itself, wrappers (optional, nullable, default) included", () => {
    const eager = () => {
      const when = z.iso.datetime({ offset: true }).describe("RFC 3339 date-time");
      const inner = z.object({ id: z.string(), at: when.nullable(), n: z.number().default(3) });
      return { when, inner };
    };
    const e = eager();
    const lazyWhen = lazySchema(() => z.iso.datetime({ offset: true }).describe("RFC 3339 date-time"));
    const lazyOptional = lazySchema(() => z.boolean().optional().describe("flag"));
    const lazyInner = lazySchema(() => z.object({ id: z.string(), at: lazyWhen.nullable(), n: z.number().default(3) }));
    for (const io of ["input", "output"] as const) {
      const lazyJson = z.toJSONSchema(
        z.object({ a: lazyInner, b: z.array(lazyInner), c: lazyOptional, d: lazyWhen.optional(), e: lazyWhen }),
        { target: "draft-7", io },
      );
      const eagerJson = z.toJSONSchema(
        z.object({
          a: e.inner,
          b: z.array(e.inner),
          c: z.boolean().optional().describe("flag"),
          d: e.when.optional(),
          e: e.when,
        }),
        { target: "draft-7", io },
      );
      expect(lazyJson).toEqual(eagerJson);
    }
  });

  it("is what core's option schemas are: the unknown field of a search or insights option is still named", () => {
    const search = errorOf(() => parseOrThrow(searchOptionsSchema, { userId: "u", limitt: 3 }, "search options"));
    expect(search.code).toBe("VALIDATION");
    expect(search.message).toContain("limitt");
    const insights = errorOf(() => parseOrThrow(insightsOptionsSchema, { dayz: 3 }, "insights options"));
    expect(insights.code).toBe("VALIDATION");
    expect(insights.message).toContain("dayz");
  });
});
