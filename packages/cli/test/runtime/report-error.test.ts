import { CommanderError } from "commander";
import { CortexMemError, ERROR_TABLE } from "@cortex-mem/core";
import { describe, expect, it } from "vitest";
import { AbortedError, UsageError } from "../../src/runtime/exit-codes.js";
import { exitCodeOf } from "../../src/runtime/report-error.js";

describe("exitCodeOf", () => {
  it("maps every core code through ERROR_TABLE, usage to 2, refusals to 1, help to 0", () => {
    for (const [code, mapping] of Object.entries(ERROR_TABLE)) {
      expect(exitCodeOf(new CortexMemError(code as keyof typeof ERROR_TABLE, "x"))).toBe(mapping.exitCode);
    }
    expect(exitCodeOf(new UsageError("x"))).toBe(2);
    expect(exitCodeOf(new CommanderError(1, "commander.unknownOption", "x"))).toBe(2);
    expect(exitCodeOf(new CommanderError(0, "commander.helpDisplayed", "x"))).toBe(0);
    expect(exitCodeOf(new AbortedError("x"))).toBe(1);
    expect(exitCodeOf(new Error("boom"))).toBe(1);
  });
});
