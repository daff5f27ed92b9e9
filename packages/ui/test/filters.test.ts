import { describe, expect, it } from "vitest";
import { formFromParams, paramsOfForm, wireFilters } from "../src/filters.js";

describe("memory filters", () => {
  it("round-trips through the URL and sends only fields the API knows", () => {
    const params = new URLSearchParams(
      "q=peanuts&user_id=alice&memory_type=personal,factual&min_importance=0.5&topics=health,+food&metadata=source%3Dchat%3B+n%3D3&include_superseded=1",
    );
    const form = formFromParams(params);
    expect(new URLSearchParams(paramsOfForm(form) as Record<string, string>).get("memory_type")).toBe(
      "personal,factual",
    );
    expect(wireFilters(form)).toEqual({
      user_id: "alice",
      memory_type: ["personal", "factual"],
      min_importance: 0.5,
      topics: ["health", "food"],
      metadata: { source: "chat", n: 3 },
      include_superseded: true,
    });
  });

  it("puts a bound key's user in place of the one asked for", () => {
    expect(wireFilters(formFromParams(new URLSearchParams("user_id=bob")), "alice")).toEqual({ user_id: "alice" });
  });

  it("refuses a metadata filter that is not key=value", () => {
    expect(() => wireFilters(formFromParams(new URLSearchParams("metadata=oops")))).toThrow(/key=value/);
  });
});
