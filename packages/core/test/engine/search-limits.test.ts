import { describe, expect, it } from "vitest";
import { isCortexMemError } from "../../src/errors.js";
import { LIMITS } from "../../src/types/limits.js";
import { openMemory } from "../helpers.js";

describe("search limits in the library (the doors' wire schemas use the same LIMITS)", () => {
  it("refuses a query longer than LIMITS.queryLength and a limit over LIMITS.pageSize with VALIDATION", async () => {
    const memory = await openMemory();
    await memory.add("Alice likes green tea", { userId: "alice", infer: false });
    const long = await memory.search("tea ".repeat(LIMITS.queryLength / 4 + 1), { userId: "alice" }).catch((e) => e);
    expect(isCortexMemError(long, "VALIDATION")).toBe(true);
    const big = await memory.search("tea", { userId: "alice", limit: LIMITS.pageSize + 1 }).catch((e) => e);
    expect(isCortexMemError(big, "VALIDATION")).toBe(true);
    const longest = "tea ".repeat(LIMITS.queryLength / 4).trim();
    expect((await memory.search(longest, { userId: "alice", limit: LIMITS.pageSize })).map((m) => m.content)).toEqual([
      "Alice likes green tea",
    ]);
  });
});
