import { isCortexMemError } from "@cortex-mem/core";
import { describe, expect, it } from "vitest";
import { parseMcpArgs } from "../src/index.js";

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
    return undefined;
  } catch (error) {
    return isCortexMemError(error) ? error.code : "not a CortexMemError";
  }
};

describe("parseMcpArgs", () => {
  it("reads every flag of the contract", () => {
    expect(
      parseMcpArgs([
        "--user-id",
        "alice",
        "--agent-id",
        "bot",
        "--http",
        "--port",
        "0",
        "--host",
        "::1",
        "-c",
        "x.toml",
      ]),
    ).toEqual({
      userId: "alice",
      agentId: "bot",
      http: true,
      port: 0,
      host: "::1",
      config: "x.toml",
      help: false,
      version: false,
      allowUnauthenticatedRemote: false,
    });
    expect(parseMcpArgs([])).toEqual({ http: false, help: false, version: false, allowUnauthenticatedRemote: false });
    expect(parseMcpArgs(["--allow-unauthenticated-remote"]).allowUnauthenticatedRemote).toBe(true);
  });

  it("rejects unknown flags, positionals and bad ports as VALIDATION", () => {
    expect(codeOf(() => parseMcpArgs(["--userid", "x"]))).toBe("VALIDATION");
    expect(codeOf(() => parseMcpArgs(["serve"]))).toBe("VALIDATION");
    expect(codeOf(() => parseMcpArgs(["--port", "70000"]))).toBe("VALIDATION");
    expect(codeOf(() => parseMcpArgs(["--port", "abc"]))).toBe("VALIDATION");
    expect(codeOf(() => parseMcpArgs(["--user-id", " "]))).toBe("VALIDATION");
  });
});
