import { describe, expect, it } from "vitest";
import { colorEnabled } from "../../src/runtime/colors.js";

describe("colorEnabled", () => {
  it("colours a TTY, not a pipe; NO_COLOR always wins; FORCE_COLOR turns it on", () => {
    expect(colorEnabled({ isTTY: true }, {})).toBe(true);
    expect(colorEnabled({ isTTY: false }, {})).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "1" })).toBe(false);
    expect(colorEnabled({ isTTY: true }, { NO_COLOR: "" })).toBe(true);
    expect(colorEnabled({}, { FORCE_COLOR: "1" })).toBe(true);
    expect(colorEnabled({}, { FORCE_COLOR: "0" })).toBe(false);
  });
});
