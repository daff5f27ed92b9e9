import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { tempHome } from "./helpers/home.js";
import { bundledModules } from "./helpers/bundled-modules.js";
import { BIN } from "./helpers/paths.js";

const REGISTER = fileURLToPath(new URL("./fixtures/trace-register.mjs", import.meta.url));

/**
 * Starts a stdio session with a resolve hook, answers `initialize`, hangs up; the module URLs it
 * loaded, each bundled file of the bin followed by the paths of the modules bundled into it.
 */
function stdioSessionModules(home: string): Promise<string[]> {
  const trace = join(home, "trace.txt");
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", REGISTER, BIN, "--user-id", "alice"], {
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
      readFile(trace, "utf8").then((text) => resolve(bundledModules(text.split("\n").filter(Boolean), BIN)), reject);
    });
    const params = { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "t", version: "1" } };
    child.stdin.write(`${JSON.stringify({ jsonrpc: "2.0", id: 1, method: "initialize", params })}\n`);
  });
}

describe("start-up", () => {
  it("a stdio session answers initialize without loading the HTTP transport, express or openai", async () => {
    const modules = await stdioSessionModules(tempHome());
    const loads = (part: string): boolean => modules.some((url) => url.includes(part));
    expect(loads("/@modelcontextprotocol/sdk/dist/esm/server/stdio.js")).toBe(true);
    expect(loads("/@cortex-mem/core/") || loads("/packages/core/dist/")).toBe(true);
    const http = ["/packages/mcp/dist/http.js", "/packages/mcp/src/http.ts"]; // unbundled, bundled
    for (const heavy of ["/server/streamableHttp.js", "/@hono/", "/express/", "/openai/", ...http])
      expect(loads(heavy), heavy).toBe(false);
  });
});
