import { describe, expect, it } from "vitest";
import { seededRandom } from "@cortex-mem/testkit";
import { isoString } from "../../src/util/iso-date.js";

const same = (ms: number): void => {
  const date = new Date(ms);
  let expected: string;
  try {
    expected = date.toISOString();
  } catch (error) {
    expect(() => isoString(date)).toThrow(RangeError);
    return void error;
  }
  expect(isoString(date), `epoch ms ${ms}`).toBe(expected);
};

describe("isoString", () => {
  it("gives toISOString's text for random instants between years -9000 and 11500", () => {
    const random = seededRandom(14);
    for (let i = 0; i < 20_000; i++) same(Math.floor((random() * 2 - 1) * 3e14));
  });

  it("is exact at the edges of days, months, leap years and of the four-digit years", () => {
    for (let year = 0; year <= 9999; year += year < 2100 ? 1 : 97) {
      for (const at of ["-01-01T00:00:00.000", "-02-28T23:59:59.999", "-02-29T12:00:00.000", "-12-31T23:59:59.999"]) {
        const ms = Date.parse(`${String(year).padStart(4, "0")}${at}Z`);
        if (Number.isNaN(ms)) continue; // no 29 February that year
        for (const d of [-1, 0, 1]) same(ms + d);
      }
    }
    for (const ms of [0, -1, 1, -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000])
      same(ms);
    same(8.64e15);
    same(-8.64e15);
  });

  it("throws RangeError for an invalid date, as toISOString does", () => {
    expect(() => isoString(new Date(Number.NaN))).toThrow(RangeError);
  });

  it("answers the same instant asked twice in a row, and the next one anew", () => {
    const a = new Date("2026-12-02T04:19:29.157Z");
    expect(isoString(a)).toBe("2026-12-02T04:19:29.157Z");
    expect(isoString(new Date(a.getTime()))).toBe("2026-12-02T04:19:29.157Z");
    expect(isoString(new Date(a.getTime() + 1))).toBe("2026-12-02T04:19:29.158Z");
  });
});
