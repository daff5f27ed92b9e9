import { describe, expect, it } from "vitest";
import { MAX_TTL_MS, parseExpiresAt, parseTtl } from "../../src/index.js";
import type { CortexMemError } from "../../src/index.js";

const codeOf = (fn: () => unknown): { code: string; path: unknown } => {
  try {
    fn();
  } catch (error) {
    const e = error as CortexMemError;
    return { code: e.code, path: (e.details as { path: string }[] | undefined)?.[0]?.path };
  }
  throw new Error("expected a throw");
};

describe("the TTL grammar", () => {
  it("reads seconds (number or digits) and one unit s, m, h, d, w", () => {
    expect(parseTtl(90)).toBe(90_000);
    expect(parseTtl("90")).toBe(90_000);
    expect(parseTtl("90s")).toBe(90_000);
    expect(parseTtl("30m")).toBe(1_800_000);
    expect(parseTtl("12h")).toBe(43_200_000);
    expect(parseTtl(" 7d ")).toBe(604_800_000);
    expect(parseTtl("2w")).toBe(1_209_600_000);
    expect(parseTtl("36500d")).toBe(MAX_TTL_MS);
  });

  it.each([
    0,
    -5,
    1.5,
    Number.NaN,
    "0",
    "0d",
    "-1h",
    "1.5h",
    "1d12h",
    "7 d",
    "7days",
    "7D",
    "d",
    "",
    "P7D",
    "36501d",
    null,
    true,
    {},
  ])("refuses %j with VALIDATION naming the field", (value) => {
    expect(codeOf(() => parseTtl(value, "ttl"))).toEqual({ code: "VALIDATION", path: "ttl" });
  });
});

describe("an absolute expiry", () => {
  it("reads RFC 3339 with an offset, or a date alone (midnight UTC)", () => {
    expect(parseExpiresAt("2026-05-01T18:00:00Z").toISOString()).toBe("2026-05-01T18:00:00.000Z");
    expect(parseExpiresAt("2026-05-01T18:00:00.5+02:00").toISOString()).toBe("2026-05-01T16:00:00.500Z");
    expect(parseExpiresAt("2026-05-01").toISOString()).toBe("2026-05-01T00:00:00.000Z");
    expect(parseExpiresAt(new Date(0)).getTime()).toBe(0);
  });

  it.each([
    "2026-05-01T18:00:00", // no offset: whose clock?
    "2026-05-01T18:00Z",
    "2026-02-30",
    "2026-13-01T00:00:00Z",
    "tomorrow",
    "May 1, 2026",
    1_777_000_000_000,
    "",
    null,
  ])("refuses %j with VALIDATION naming the field", (value) => {
    expect(codeOf(() => parseExpiresAt(value, "expires_at"))).toEqual({ code: "VALIDATION", path: "expires_at" });
  });
});
