import { spawn } from "node:child_process";
import { once } from "node:events";
import { describe, expect, it } from "vitest";
import { onCleanup, tempHome } from "./helpers/home.js";
import { BIN } from "./helpers/paths.js";

describe("stdout of the stdio server", () => {
  it("carries only JSON-RPC lines, logs go to stderr, and the server exits when stdin ends", async () => {
    const home = tempHome();
    const child = spawn(process.execPath, [BIN, "--user-id", "alice"], {
      cwd: home,
      env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, CORTEX_MEM_LOG_LEVEL: "debug" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    onCleanup(() => void (child.exitCode === null && child.kill("SIGKILL")));
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const send = (message: object) => child.stdin.write(`${JSON.stringify(message)}\n`);
    const responses = (n: number) =>
      new Promise<void>((resolve) => {
        const check = () =>
          stdout.split("\n").filter(Boolean).length >= n ? resolve() : child.stdout.once("data", check);
        check();
      });
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
    });
    await responses(1);
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({
      jsonrpc: "2.0",
      id: 2,
      method: "tools/call",
      params: { name: "store_memory", arguments: { content: "Alice keeps bees" } },
    });
    send({
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "get_memory", arguments: { memory_id: "nope" } },
    });
    send({ jsonrpc: "2.0", id: 4, method: "tools/call", params: { name: "no_such_tool", arguments: {} } });
    await responses(4);
    child.stdin.end();
    const [code] = await once(child, "exit");
    expect(code).toBe(0);

    type Line = {
      jsonrpc: string;
      id: number;
      result?: { isError?: boolean; content: { text: string }[] };
      error?: { code: number };
    };
    // Calls are served concurrently, so answers may come in any order.
    const lines = stdout
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l) as Line)
      .sort((a, b) => a.id - b.id);
    expect(lines.every((l) => l.jsonrpc === "2.0")).toBe(true);
    expect(lines.map((l) => l.id)).toEqual([1, 2, 3, 4]);
    expect(lines[1]!.result?.isError).toBeUndefined();
    expect(JSON.parse(lines[2]!.result!.content[0]!.text)).toMatchObject({ error: { code: "VALIDATION" } });
    expect(lines[3]!.error?.code).toBe(-32602);
    expect(stderr).toMatch(/cortex-mem-mcp info stdio server ready/);
    expect(stderr).toMatch(/cortex-mem-mcp debug call store_memory/);
    expect(stderr).toMatch(/stdio server stopped/);
  });
});
