import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { MODULE_TRACE_REGISTER, bundledModules } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { tempHome } from "./helpers.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));
const MARK = fileURLToPath(new URL("./fixtures/mark-listening.mjs", import.meta.url));

/**
 * Starts the bin with a module trace, asks `GET /health` once it listens, stops it: the modules
 * resolved before the "listening" line and after it (each bundled file with the modules in it).
 */
async function startAndAsk(home: string): Promise<{ before: string[]; after: string[]; health: number }> {
  const trace = join(home, "trace.txt");
  const child = spawn(process.execPath, ["--import", MODULE_TRACE_REGISTER, "--import", MARK, BIN, "--port", "0"], {
    env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, TRACE_FILE: trace },
    stdio: ["ignore", "ignore", "pipe"],
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  let log = "";
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr.on("data", (chunk: Buffer) => {
      log += chunk.toString();
      const found = /"url":"([^"]+)"/.exec(log)?.[1];
      if (found) resolve(found);
    });
    child.once("exit", (code) => reject(new Error(`exit ${code}: ${log}`)));
  });
  const health = (await fetch(`${url}/health`)).status;
  child.kill("SIGTERM");
  await exited;
  const lines = readFileSync(trace, "utf8").split("\n").filter(Boolean);
  const mark = lines.indexOf("LISTENING");
  expect(mark).toBeGreaterThan(0);
  return {
    before: bundledModules(lines.slice(0, mark), BIN),
    after: bundledModules(lines.slice(mark + 1), BIN),
    health,
  };
}

describe("start-up", () => {
  it("listens before loading express, body-parser and mime-db, then loads them and answers /health", async () => {
    const { before, after, health } = await startAndAsk(tempHome());
    const loads = (modules: string[], part: string): boolean => modules.some((m) => m.includes(part));
    expect(loads(before, "/packages/service/src/http/lean-search.ts")).toBe(true);
    for (const deferred of ["/express/", "/body-parser/", "/mime-db/", "/router/", "/packages/service/src/app.ts"]) {
      expect(loads(before, deferred), deferred).toBe(false);
      expect(loads(after, deferred), deferred).toBe(true);
    }
    expect(health).toBe(200);
  });
});
