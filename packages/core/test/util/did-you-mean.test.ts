import { describe, expect, it } from "vitest";
import { closest, editDistance, unknownFieldMessage } from "../../src/util/did-you-mean.js";

describe("did you mean", () => {
  it("measures edits", () => {
    expect(editDistance("limt", "limit")).toBe(1);
    expect(editDistance("memory_tpye", "memory_type")).toBe(2);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("suggests a close name, the other spelling of the same name, and nothing for a far one", () => {
    const known = ["user_id", "memory_type", "limit", "threshold", "created_after"];
    expect(closest("limt", known)).toBe("limit");
    expect(closest("memory_tpye", known)).toBe("memory_type");
    expect(closest("createdAfter", known)).toBe("created_after");
    expect(closest("userId", known)).toBe("user_id");
    expect(closest("bogus", known)).toBeUndefined();
    expect(closest("ab", ["xy"])).toBeUndefined();
    expect(unknownFieldMessage("limt", known)).toBe("unknown field; did you mean limit?");
    expect(unknownFieldMessage("bogus", known)).toBe("unknown field");
  });
});
