import { describe, expect, it } from "vitest";
import { parseLooseJson } from "../../src/llm/json-repair.js";

describe("parseLooseJson", () => {
  it("parses valid JSON as is, arrays and scalars included", () => {
    expect(parseLooseJson('{"a": 1}')).toEqual({ a: 1 });
    expect(parseLooseJson("[1, 2]")).toEqual([1, 2]);
    expect(parseLooseJson("false")).toBe(false);
  });

  it("strips code fences and the prose around the object", () => {
    expect(parseLooseJson('```json\n{"facts": []}\n```')).toEqual({ facts: [] });
    expect(parseLooseJson('Sure! Here it is: {"a": [1]} Hope this helps.')).toEqual({ a: [1] });
    expect(parseLooseJson('```JSON\n[{"a": 1}]\n```')).toEqual([{ a: 1 }]);
  });

  it("drops trailing commas and quotes single-quoted keys", () => {
    expect(parseLooseJson('{"a": [1, 2,], "b": 3,}')).toEqual({ a: [1, 2], b: 3 });
    expect(parseLooseJson("{'a': 1, 'b c': \"x\"}")).toEqual({ a: 1, "b c": "x" });
  });

  it("closes brackets of output cut off mid-way, dropping a dangling key or comma", () => {
    expect(parseLooseJson('{"facts": [{"content": "User likes tea"}, ')).toEqual({
      facts: [{ content: "User likes tea" }],
    });
    expect(parseLooseJson('{"facts": [{"content": "User likes tea", "memory_type":')).toEqual({
      facts: [{ content: "User likes tea" }],
    });
    expect(parseLooseJson('{"a": {"b": [1, 2')).toEqual({ a: { b: [1, 2] } });
  });

  it("drops a string cut off in the middle instead of closing it", () => {
    expect(parseLooseJson('{"facts": ["User likes tea", "User has a ca')).toEqual({ facts: ["User likes tea"] });
  });

  it("keeps escaped quotes inside strings while closing brackets", () => {
    expect(parseLooseJson('{"a": "say \\"hi\\"", "b": [1')).toEqual({ a: 'say "hi"', b: [1] });
    expect(parseLooseJson('{"a": "back\\\\", "b": [1')).toEqual({ a: "back\\", b: [1] });
  });

  it("is undefined when there is nothing to recover", () => {
    expect(parseLooseJson("I cannot do that")).toBeUndefined();
    expect(parseLooseJson("")).toBeUndefined();
    expect(parseLooseJson("{{{")).toBeUndefined();
  });
});

describe("parseLooseJson: the edges of each repair", () => {
  it("strips a plain fence even when the reply inside it was cut short", () => {
    expect(parseLooseJson('```\n{"a": [1, 2\n```')).toEqual({ a: [1, 2] });
    expect(parseLooseJson('```json\n{"a": [1, 2\n```')).toEqual({ a: [1, 2] });
  });

  it("is undefined for prose holding a bare number, with no object or array", () => {
    expect(parseLooseJson("The answer is 5")).toBeUndefined();
  });

  it("keeps the object that ends at the last closing bracket when prose follows", () => {
    expect(parseLooseJson('{"a": [1], "b": 2} hope this helps')).toEqual({ a: [1], b: 2 });
    expect(parseLooseJson('[{"a": 1}, {"b": [2]}] done')).toEqual([{ a: 1 }, { b: [2] }]);
  });

  it("drops trailing commas with white space before the bracket", () => {
    expect(parseLooseJson('{"a": [1, 2 ,\n ], "b": 3 , }')).toEqual({ a: [1, 2], b: 3 });
  });

  it("quotes single-quoted keys with spaces around them", () => {
    expect(parseLooseJson("{ 'ab' : 1,\n 'c d':2,}")).toEqual({ ab: 1, "c d": 2 });
  });

  it("drops a fact cut off after its last complete neighbour, closing nested brackets in order", () => {
    expect(parseLooseJson('{"facts": [{"content": "A", "topics": ["x"]}, {"content": "B", "topics": ["y"')).toEqual({
      facts: [{ content: "A", topics: ["x"] }],
    });
    expect(parseLooseJson('{"a": [1, [2]], "b": [3')).toEqual({ a: [1, [2]] });
  });

  it("reads an escaped quote as part of its string while closing brackets", () => {
    expect(parseLooseJson('{"a": "5\\" screen", "b": [1')).toEqual({ a: '5" screen', b: [1] });
    expect(parseLooseJson('["", "tea", ["x"')).toEqual(["", "tea", ["x"]]);
    expect(parseLooseJson('{"": "\\"", "b": [1')).toEqual({ "": '"', b: [1] });
  });
});
