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
