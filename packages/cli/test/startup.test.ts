import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MODULE_TRACE_REGISTER, tracedModules } from "@cortex-mem/testkit";
import { BIN, tempHome } from "./helpers.js";

const HEAVY = ["openai", "express", "@modelcontextprotocol/sdk"];

/**
 * Runs the CLI with a resolve hook and returns the module URLs it loaded, each bundled file of
 * the bin followed by the paths of the modules bundled into it.
 */
function loadedModules(args: string[], home: string): Promise<string[]> {
  const trace = join(home, `trace-${args[0]?.replace(/\W/g, "")}.txt`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", MODULE_TRACE_REGISTER, BIN, ...args], {
      env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, TRACE_FILE: trace },
      stdio: "ignore",
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code !== 0) return reject(new Error(`cortex-mem ${args.join(" ")} exited ${code}`));
      tracedModules(trace, BIN).then(resolve, reject);
    });
  });
}

/** True when a module of package `name` was loaded (a workspace package by its folder, others from node_modules). */
const loads = (modules: string[], name: string): boolean => {
  const part = name.startsWith("@cortex-mem/") ? `/packages/${name.slice(12)}/` : `/node_modules/${name}/`;
  return modules.some((m) => m.includes(part));
};

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

  it("search compiles zod without its other locales or JSON-schema import (`import * as z`, issue 14)", async () => {
    const modules = await loadedModules(["search", "peanuts", "-u", "alice"], home);
    expect(loads(modules, "zod")).toBe(true);
    // `import { z } from "zod"` anywhere hands the bundler zod's whole namespace: ~590 KB more to compile.
    expect(modules.filter((m) => /\/zod\/v4\/(locales\/(?!en\.js)|classic\/from-json-schema)/.test(m))).toEqual([]);
  });

  it("the bin is a bundle: a memory command reads its modules from the package's dist alone", async () => {
    const modules = await loadedModules(["stats"], home);
    const files = modules.filter((m) => m.startsWith("file:")); // what was loaded, before expansion
    const dist = new URL("../dist/", import.meta.url).href;
    expect(files.length).toBeGreaterThan(1);
    // Unbundled, core's and zod's modules would be loaded from their own folders; only the native
    // addon scripts/bundle-bin.mjs keeps external (required at run time) and what it requires are.
    const external = /\/node_modules\/(better-sqlite3|bindings|file-uri-to-path)\//;
    expect(files.filter((url) => !url.startsWith(dist) && !external.test(url))).toEqual([]);
  });
});
