import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, tempHome } from "./helpers.js";

const REGISTER = fileURLToPath(new URL("./fixtures/trace-register.mjs", import.meta.url));
const HEAVY = ["openai", "express", "@modelcontextprotocol/sdk"];

/** Runs the CLI with a resolve hook and returns the ESM specifiers it loaded. */
function loadedModules(args: string[], home: string): Promise<string[]> {
  const trace = join(home, `trace-${args[0]?.replace(/\W/g, "")}.txt`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", REGISTER, BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, TRACE_FILE: trace },
      stdio: "ignore",
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`cortex-mem ${args.join(" ")} exited ${code}`));
      readFile(trace, "utf8").then((text) => resolve(text.split("\n").filter(Boolean)), reject);
    });
  });
}

const loads = (modules: string[], name: string): boolean => modules.some((m) => m === name || m.startsWith(`${name}/`));

describe("start-up", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("--version and --help load commander alone: not the engine, not openai, express or the MCP SDK", async () => {
    for (const args of [["--version"], ["--help"], ["add", "--help"]]) {
      const modules = await loadedModules(args, home);
      expect(loads(modules, "commander"), args.join(" ")).toBe(true);
      expect(loads(modules, "@cortex-mem/core"), args.join(" ")).toBe(false);
      for (const heavy of [...HEAVY, "@cortex-mem/service", "@cortex-mem/mcp"])
        expect(loads(modules, heavy), `${args.join(" ")} ${heavy}`).toBe(false);
    }
  });

  it("memory commands load the engine but none of the heavy transports", async () => {
    const modules = await loadedModules(["stats"], home);
    expect(loads(modules, "@cortex-mem/core")).toBe(true);
    for (const heavy of [...HEAVY, "@cortex-mem/service", "@cortex-mem/mcp"])
      expect(loads(modules, heavy), heavy).toBe(false);
  });
});
