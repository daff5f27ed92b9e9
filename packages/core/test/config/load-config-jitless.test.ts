import * as z from "zod";
import { afterEach, describe, expect, it } from "vitest";
import { ErrorCode, isCortexMemError } from "../../src/errors.js";
import { loadConfig } from "../../src/config/load-config.js";
import { tempHome } from "../helpers.js";

const RealFunction = globalThis.Function;

/** Counts `new Function` (what zod compiles an object's fast parser with) while `run` runs. */
function compilesDuring(run: () => void): number {
  let compiled = 0;
  globalThis.Function = new Proxy(RealFunction, {
    construct: (target, args: unknown[]) => {
      compiled++;
      return Reflect.construct(target, args) as object;
    },
  });
  try {
    run();
  } finally {
    globalThis.Function = RealFunction;
  }
  return compiled;
}

afterEach(() => {
  globalThis.Function = RealFunction;
});

describe("loadConfig's one parse of the config", () => {
  it("compiles no fast parser (parsed once per process: compiling it cost more than it saves)", () => {
    const home = tempHome();
    // A schema parsed here compiles its fast parser, as every object schema of a process that
    // keeps zod's JIT on (MCP, the service) does: the counter sees zod's compiling.
    expect(compilesDuring(() => z.object({ a: z.string(), b: z.number() }).parse({ a: "x", b: 1 }))).toBeGreaterThan(0);
    const env = { CORTEX_MEM_PORT: "4000", CORTEX_MEM_LLM_PROVIDER: "none" };
    let port = 0;
    expect(compilesDuring(() => (port = loadConfig({ env, homeDir: home, cwd: home }).config.server.port))).toBe(0);
    expect(port).toBe(4000);
  });

  it("still names an unknown key and refuses a bad value, as with the fast parser", () => {
    const home = tempHome();
    const error = (() => {
      try {
        loadConfig({ env: {}, homeDir: home, cwd: home, overrides: { server: { prot: 4000 } } });
      } catch (e) {
        return e;
      }
      throw new Error("expected a throw");
    })();
    expect(isCortexMemError(error) && error.code).toBe(ErrorCode.CONFIG);
    expect(String((error as Error).message)).toContain("prot");
  });
});
