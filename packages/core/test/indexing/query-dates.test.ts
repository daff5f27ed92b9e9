import { describe, expect, it } from "vitest";
import { MONTHS, SAID_WITHIN_FACTOR, dateFactor, queryDates, saidWithin } from "../../src/indexing/query-dates.js";
import { openMemory } from "../helpers.js";

const utc = (y: number, m: number, d = 1): number => Date.UTC(y, m - 1, d);

describe("queryDates: the dates a query names", () => {
  it("knows the English month names Intl knows (long and short), and 'sept'", () => {
    const intl = new Map<string, number>([["sept", 8]]);
    for (const style of ["long", "short"] as const) {
      const format = new Intl.DateTimeFormat("en", { month: style, timeZone: "UTC" });
      for (let m = 0; m < 12; m++) intl.set(format.format(new Date(Date.UTC(2000, m, 15))).toLowerCase(), m);
    }
    const sorted = (map: ReadonlyMap<string, number>) => [...map].sort(([a], [b]) => a.localeCompare(b));
    expect(sorted(MONTHS)).toEqual(sorted(intl));
  });

  it("reads a day in either order, with or without the comma and ordinal", () => {
    const oct13 = { from: utc(2023, 10, 13), to: utc(2023, 10, 14) };
    expect(queryDates("What painting did she show on October 13, 2023?")).toEqual([oct13]);
    expect(queryDates("what happened on 13 October, 2023")).toEqual([oct13]);
    expect(queryDates("on 13th Oct 2023")).toEqual([oct13]);
    expect(queryDates("on Sept. 3, 2022")).toEqual([{ from: utc(2022, 9, 3), to: utc(2022, 9, 4) }]);
  });

  it("reads a month of a year, a month of any year after a preposition, and a year", () => {
    expect(queryDates("What did Maria donate in December 2023?")).toEqual([{ from: utc(2023, 12), to: utc(2024, 1) }]);
    expect(queryDates("When did Melanie go camping in June?")).toEqual([{ month: 5 }]);
    expect(queryDates("How often did she swim in 2023")).toEqual([{ from: utc(2023, 1), to: utc(2024, 1) }]);
  });

  it("reads a phrase once, as its most precise date, and finds several", () => {
    expect(queryDates("between May 3, 2023 and June 2024")).toEqual([
      { from: utc(2023, 5, 3), to: utc(2023, 5, 4) },
      { from: utc(2024, 6), to: utc(2024, 7) },
    ]);
  });

  it("names no date in a month-like word, a bare month, an impossible day or other numbers", () => {
    expect(queryDates("May I ask what you did?")).toEqual([]);
    expect(queryDates("what did I march for")).toEqual([]);
    expect(queryDates("on October 32, 2023")).toEqual([{ from: utc(2023, 1), to: utc(2024, 1) }]);
    expect(queryDates("I paid 150 dollars for 3 tickets")).toEqual([]);
  });
});

describe("saidWithin and dateFactor", () => {
  it("places a time inside a span (end excluded) or a month of any year", () => {
    const may = [{ from: utc(2023, 5), to: utc(2023, 6) }];
    expect(saidWithin(utc(2023, 5, 31) + 3_600_000, may)).toBe(true);
    expect(saidWithin(utc(2023, 6), may)).toBe(false);
    expect(saidWithin(utc(2019, 6, 20), [{ month: 5 }])).toBe(true);
    expect(saidWithin(utc(2019, 7, 1), [{ month: 5 }])).toBe(false);
  });

  it("weighs a memory said within a named date, and is absent when the query names none", () => {
    const factor = dateFactor("what did I buy in May 2023?");
    expect(factor?.({ observedAt: utc(2023, 5, 8) })).toBe(SAID_WITHIN_FACTOR);
    expect(factor?.({ observedAt: utc(2023, 4, 30) })).toBe(1);
    expect(dateFactor("what did I buy?")).toBeUndefined();
  });
});

describe("search: the query's dates against when memories were said", () => {
  it("ranks what was said on the date the question names first, and finds nothing unrelated", async () => {
    const memory = await openMemory();
    const said = { userId: "u", infer: false } as const;
    await memory.add("I painted a lake at sunrise", { ...said, timestamp: "2023-10-13T15:00:00Z" });
    await memory.add("I painted a horse, a lake and a sunset", { ...said, timestamp: "2023-08-20T15:00:00Z" });
    const undated = await memory.search("what did she paint with a lake and a horse?", { userId: "u" });
    expect(undated.map((h) => h.content)).toEqual([
      "I painted a horse, a lake and a sunset",
      "I painted a lake at sunrise",
    ]);
    const dated = await memory.search("what did she paint on October 13, 2023?", { userId: "u" });
    expect(dated.map((h) => h.content)).toEqual([
      "I painted a lake at sunrise",
      "I painted a horse, a lake and a sunset",
    ]);
    expect(await memory.search("what did she sculpt on October 13, 2023?", { userId: "u" })).toEqual([]);
  });
});
