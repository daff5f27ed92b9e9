import { describe, expect, it } from "vitest";
import { observationContent, parseMcpMemoryGraph, relationContent } from "../../src/input/mcp-memory.js";

describe("parseMcpMemoryGraph", () => {
  it("reads entities and relations, skipping lines of other types", () => {
    const text = [
      '{"type":"entity","name":"Ada","entityType":"person","observations":["Writes programs"]}',
      "",
      '{"type":"relation","from":"Ada","to":"Babbage","relationType":"worked_with"}',
      '{"type":"meta","version":2}',
    ].join("\n");
    const graph = parseMcpMemoryGraph(text);
    expect(graph.entities).toEqual([
      { type: "entity", name: "Ada", entityType: "person", observations: ["Writes programs"] },
    ]);
    expect(graph.relations).toHaveLength(1);
    expect(graph.skipped).toBe(1);
    expect(observationContent(graph.entities[0]!, " Writes programs ")).toBe("Ada: Writes programs");
    expect(relationContent(graph.relations[0]!)).toBe("Ada worked with Babbage");
  });

  it("names the line of a malformed entry", () => {
    expect(() => parseMcpMemoryGraph('{"type":"entity","name":"A"}\nnot json')).toThrow(/Line 2/);
    expect(() => parseMcpMemoryGraph('{"type":"relation","from":"A","to":"B"}')).toThrow(
      expect.objectContaining({ code: "VALIDATION" }),
    );
  });
});
