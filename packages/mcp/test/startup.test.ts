import { spawn } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { MODULE_TRACE_REGISTER, tracedModules } from "@cortex-mem/testkit";
import { tempHome } from "./helpers/home.js";
import { BIN } from "./helpers/paths.js";

/**
 * Starts a stdio session with a resolve hook, answers `initialize`, hangs up; the module URLs it
 * loaded, each bundled file of the bin followed by the paths of the modules bundled into it.
 */
function stdioSessionModules(home: string): Promise<string[]> {
  const trace = join(home, "trace.txt");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", MODULE_TRACE_REGISTER, BIN, "--user-id", "alice"], {
      env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, TRACE_FILE: trace },
      stdio: ["pipe", "pipe", "ignore"],
    });
    let answer = "";
    child.on("error", reject);
    child.stdout.on("data", (chunk: Buffer) => {
      answer += chunk.toString();
      if (answer.includes("\n")) child.stdin.end();
    });
    child.on("close", (code) => {
      if (code !== 0 || !answer.includes('"serverInfo"')) return reject(new Error(`exit ${code}: ${answer}`));
      tracedModules(trace, BIN).then(resolve, reject);
    });
    const params = { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } };
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params })}\n`);
  });
}

describe("start-up", () => {
  it("a stdio session answers initialize without loading the HTTP transport, express, openai or ajv", async () => {
    const modules = await stdioSessionModules(tempHome());
    const loads = (part: string): boolean => modules.some((url) => url.includes(part));
    expect(loads("/@modelcontextprotocol/sdk/dist/esm/server/stdio.js")).toBe(true);
    expect(loads("/@cortex-mem/core/") || loads("/packages/core/dist/")).toBe(true);
    const http = ["/packages/mcp/dist/http.js", "/packages/mcp/src/http.ts"]; // unbundled, bundled
    const ajv = ["/ajv/", "/ajv-formats/", "/validation/ajv-provider.js"]; // loaded on first use (ajv-on-first-use.ts)
    for (const heavy of ["/server/streamableHttp.js", "/@hono/", "/express/", "/openai/", ...ajv, ...http])
      expect(loads(heavy), heavy).toBe(false);
  });

  it("the bin is a bundle: a stdio session reads its modules from the package's dist alone", async () => {
    const files = (await stdioSessionModules(tempHome())).filter((m) => m.startsWith("file:")); // before expansion
    const dist = new URL("../dist/", import.meta.url).href;
    expect(files.length).toBeGreaterThan(1);
    // Unbundled, core's, zod's and the SDK's modules would be loaded from their own folders; only the
    // native addon scripts/bundle-bin.mjs keeps external (required at run time) and what it requires are.
    const external = /\/node_modules\/(better-sqlite3|bindings|file-uri-to-path)\//;
    expect(files.filter((url) => !url.startsWith(dist) && !external.test(url))).toEqual([]);
  });
});
