import { describe, expect, it } from "vitest";
import { resolveRelativeDates } from "../../src/engine/relative-dates.js";

// A Monday afternoon (UTC); every expected date below is counted by hand from it.
const MONDAY = new Date("2023-05-08T13:56:00Z");
const at = (text: string, reference: Date = MONDAY): string => resolveRelativeDates(text, reference);

describe("resolveRelativeDates: days around the message", () => {
  it("yesterday, today, tonight, this morning and tomorrow", () => {
    expect(at("I went hiking yesterday")).toBe("I went hiking yesterday (2023-05-07)");
    expect(at("I am tired today")).toBe("I am tired today (2023-05-08)");
    expect(at("We eat out tonight")).toBe("We eat out tonight (2023-05-08)");
    expect(at("I ran this morning")).toBe("I ran this morning (2023-05-08)");
    expect(at("The exam is tomorrow")).toBe("The exam is tomorrow (2023-05-09)");
  });

  it("matches whole words in any case, never inside another word", () => {
    expect(at("YESTERDAY was long")).toBe("YESTERDAY was long (2023-05-07)");
    expect(at("Tomorrow, then")).toBe("Tomorrow, then (2023-05-09)");
    expect(at("Yesterdays are gone")).toBe("Yesterdays are gone");
    expect(at("the todayshow and tonightly news")).toBe("the todayshow and tonightly news");
    expect(at("this mornings")).toBe("this mornings");
    expect(at("thismorning")).toBe("thismorning");
  });

  it("counts back across a month and a year boundary", () => {
    const newYear = new Date("2024-01-01T00:30:00Z");
    expect(at("yesterday", newYear)).toBe("yesterday (2023-12-31)");
    expect(at("tomorrow", new Date("2024-02-28T23:00:00Z"))).toBe("tomorrow (2024-02-29)");
  });
});

describe("resolveRelativeDates: N units ago", () => {
  it("digits of any length and every unit, singular or plural", () => {
    expect(at("we moved here 10 days ago")).toBe("we moved here 10 days ago (2023-04-28)");
    expect(at("I quit 1 day ago")).toBe("I quit 1 day ago (2023-05-07)");
    expect(at("it started 10 weeks ago")).toBe("it started 10 weeks ago (2023-02-27)");
    expect(at("it broke 3 months ago")).toBe("it broke 3 months ago (2023-02-07)");
    expect(at("we met 2 years ago")).toBe("we met 2 years ago (2021-05-08)");
  });

  it("number words, in any case", () => {
    expect(at("a day ago")).toBe("a day ago (2023-05-07)");
    expect(at("a week ago")).toBe("a week ago (2023-05-01)");
    expect(at("an hour later, one month ago")).toBe("an hour later, one month ago (2023-04-08)");
    expect(at("a year ago")).toBe("a year ago (2022-05-08)");
    expect(at("Two Weeks Ago we moved")).toBe("Two Weeks Ago we moved (2023-04-24)");
    expect(at("three days ago")).toBe("three days ago (2023-05-05)");
    expect(at("four days ago")).toBe("four days ago (2023-05-04)");
    expect(at("five days ago")).toBe("five days ago (2023-05-03)");
    expect(at("six days ago")).toBe("six days ago (2023-05-02)");
    expect(at("seven days ago")).toBe("seven days ago (2023-05-01)");
    expect(at("eight days ago")).toBe("eight days ago (2023-04-30)");
    expect(at("nine days ago")).toBe("nine days ago (2023-04-29)");
    expect(at("ten days ago")).toBe("ten days ago (2023-04-28)");
    expect(at("an year ago")).toBe("an year ago (2022-05-08)");
  });

  it("needs the unit and 'ago' as whole words", () => {
    expect(at("10 days agony")).toBe("10 days agony");
    expect(at("10 dayss ago")).toBe("10 dayss ago");
    expect(at("some days ago")).toBe("some days ago");
  });
});

describe("resolveRelativeDates: last and next", () => {
  it("weeks, months and years around the message", () => {
    expect(at("I was ill last week")).toBe("I was ill last week (week of 2023-05-01)");
    expect(at("see you next week")).toBe("see you next week (week of 2023-05-15)");
    expect(at("I moved last month")).toBe("I moved last month (2023-04)");
    expect(at("I move next month")).toBe("I move next month (2023-06)");
    expect(at("I graduated last year")).toBe("I graduated last year (2022)");
    expect(at("I retire next year")).toBe("I retire next year (2024)");
  });

  it("months across the year boundary", () => {
    expect(at("last month", new Date("2023-01-31T12:00:00Z"))).toBe("last month (2022-12)");
    expect(at("next month", new Date("2023-12-31T12:00:00Z"))).toBe("next month (2024-01)");
  });

  it("'last weekend' is not 'last week', nor 'next weekend' 'next week'", () => {
    expect(at("We met last weekend")).toBe("We met last weekend");
    expect(at("We meet next weekend")).toBe("We meet next weekend");
    expect(at("LAST WEEK")).toBe("LAST WEEK (week of 2023-05-01)");
  });

  it("last <weekday>: the most recent one before the message day, a week back for the same day", () => {
    expect(at("last Sunday")).toBe("last Sunday (2023-05-07)");
    expect(at("last Monday")).toBe("last Monday (2023-05-01)");
    expect(at("last tuesday")).toBe("last tuesday (2023-05-02)");
    expect(at("last Wednesday")).toBe("last Wednesday (2023-05-03)");
    expect(at("last Thursday")).toBe("last Thursday (2023-05-04)");
    expect(at("last Friday was fun")).toBe("last Friday was fun (2023-05-05)");
    expect(at("LAST SATURDAY")).toBe("LAST SATURDAY (2023-05-06)");
    // From a Saturday: last Sunday is six days back.
    expect(at("last sunday", new Date("2023-05-13T09:00:00Z"))).toBe("last sunday (2023-05-07)");
    expect(at("last Fridays")).toBe("last Fridays");
  });
});

describe("resolveRelativeDates: several phrases", () => {
  it("notes each distinct date once, in rule order, at most three", () => {
    expect(at("no dates here")).toBe("no dates here");
    expect(at("I left yesterday, 1 day ago")).toBe("I left yesterday, 1 day ago (2023-05-07)");
    expect(at("tomorrow or yesterday")).toBe("tomorrow or yesterday (2023-05-07, 2023-05-09)");
    expect(at("next year, tomorrow, today and yesterday")).toBe(
      "next year, tomorrow, today and yesterday (2023-05-07, 2023-05-08, 2023-05-09)",
    );
    expect(at("last year and next year")).toBe("last year and next year (2022, 2024)");
  });
});
