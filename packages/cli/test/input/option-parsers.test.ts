import { InvalidArgumentError } from "commander";
import { describe, expect, it } from "vitest";
import { collectList, collectMetadata, parseInteger, parseNumber } from "../../src/input/option-parsers.js";

describe("option parsers", () => {
  it("merges repeated --metadata pairs and JSON objects left to right", () => {
    let acc = collectMetadata("a=1", undefined);
    acc = collectMetadata('{"b": 2, "a": "x"}', acc);
    acc = collectMetadata("url=https://x.y/?q=1", acc);
    expect(acc).toEqual({ a: "x", b: 2, url: "https://x.y/?q=1" });
  });

  it("rejects metadata that is neither key=value nor a JSON object as a usage error", () => {
    for (const bad of ["novalue", "=x", "{oops", "[1,2]"])
      expect(() => collectMetadata(bad, undefined)).toThrow(InvalidArgumentError);
  });

  it("collects lists from repeats and commas", () => {
    expect(collectList("b", collectList("a, c", undefined))).toEqual(["a", "c", "b"]);
  });

  it("parses numbers strictly", () => {
    expect(parseNumber("0.5")).toBe(0.5);
    expect(parseInteger("12")).toBe(12);
    expect(() => parseNumber("")).toThrow(InvalidArgumentError);
    expect(() => parseNumber("abc")).toThrow(InvalidArgumentError);
    expect(() => parseInteger("1.5")).toThrow(InvalidArgumentError);
  });
});
