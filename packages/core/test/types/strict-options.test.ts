import { describe, expect, it } from "vitest";
import type { AddOptions, SearchOptions, UpdateInput } from "../../src/index.js";

// Compile-time checks: `pnpm typecheck` fails when a line marked @ts-expect-error type-checks.
const ok: AddOptions[] = [
  { userId: "u", memoryType: "factual" },
  { userId: "u", memoryType: "FACTUAL" },
  { userId: "u", memoryType: "Personal" },
];
// @ts-expect-error not a memory type
const bogusType: AddOptions = { userId: "u", memoryType: "bogus" };
// @ts-expect-error neither entry is a memory type
const bogusFilter: SearchOptions = { userId: "u", filters: { memoryTypes: ["bogus", 42] } };
// @ts-expect-error not a memory type
const bogusUpdate: UpdateInput = { memoryType: "facts" };
const goodFilter: SearchOptions = { filters: { memoryTypes: ["episodic", "Semantic"] } };

describe("library option types", () => {
  it("are strict about memory types at compile time (the schema still checks at run time)", () => {
    expect([
      ok.length,
      bogusType.userId,
      bogusFilter.userId,
      bogusUpdate.memoryType,
      goodFilter.filters?.memoryTypes,
    ]).toEqual([3, "u", "u", "facts", ["episodic", "Semantic"]]);
  });
});
