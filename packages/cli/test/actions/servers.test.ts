import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cliJson, tempHome } from "../helpers.js";
import { firstJson, rpcResponse, startCli } from "../running-cli.js";

interface Page {
  memories: { content: string; user_id?: string }[];
}

describe("cortex-mem serve and mcp", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("serve starts the REST service on the same store and stops cleanly on SIGTERM", async () => {
    const server = startCli(["serve", "--port", "0", "--json"], home);
    const { url } = await server.waitFor((s) => firstJson<{ url: string; port: number }>(s));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const health = await fetch(`${url}/health`);
    expect(health.status).toBe(200);
    const created = await fetch(`${url}/memories`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ content: "Takes the 8:15 train", user_id: "alice", infer: false }),
    });
    expect(created.status).toBeLessThan(300);
    const page = await cliJson<Page>(["list", "-u", "alice"], { home });
    expect(page.memories.map((m) => m.content)).toEqual(["Takes the 8:15 train"]);
    server.child.kill("SIGTERM");
    expect(await server.exited).toBe(0);
    expect(server.stderr()).toContain(`listening on ${url}`);
  });

  it("mcp speaks MCP on stdio with the default user, and exits when the client hangs up", async () => {
    const mcp = startCli(["mcp", "-u", "alice"], home);
    const send = (message: object): boolean => mcp.child.stdin.write(`${JSON.stringify(message)}\n`);
    send({
      jsonrpc: "2.0",
      id: 1,
      method: "initialize",
      params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "cli-test", version: "1" } },
    });
    const init = await mcp.waitFor((s) => rpcResponse(s, 1));
    expect(init).toHaveProperty("result.serverInfo.name", "cortex-mem");
    send({ jsonrpc: "2.0", method: "notifications/initialized" });
    send({ jsonrpc: "2.0", id: 2, method: "tools/list" });
    const tools = (await mcp.waitFor((s) => rpcResponse(s, 2))) as { result: { tools: { name: string }[] } };
    expect(tools.result.tools.map((t) => t.name)).toEqual(
      expect.arrayContaining(["store_memory", "query_memory", "list_memories", "get_memory"]),
    );
    send({
      jsonrpc: "2.0",
      id: 3,
      method: "tools/call",
      params: { name: "store_memory", arguments: { content: "Uses vim keybindings" } },
    });
    const stored = (await mcp.waitFor((s) => rpcResponse(s, 3))) as { result: { isError?: boolean } };
    expect(stored.result.isError ?? false).toBe(false);
    mcp.child.stdin.end();
    expect(await mcp.exited).toBe(0);
    expect(
      mcp
        .stdout()
        .split("\n")
        .filter(Boolean)
        .every((l) => JSON.parse(l).jsonrpc === "2.0"),
    ).toBe(true);
    const page = await cliJson<Page>(["list", "-u", "alice"], { home });
    expect(page.memories.map((m) => m.content)).toEqual(["Uses vim keybindings"]);
  });

  it("mcp --http listens on a free port and stops on SIGTERM", async () => {
    const mcp = startCli(["mcp", "--http", "--port", "0", "--json"], home);
    const { url, port } = await mcp.waitFor((s) => firstJson<{ url: string; port: number }>(s));
    expect(port).toBeGreaterThan(0);
    const health = await fetch(new URL("/health", url));
    expect(health.status).toBe(200);
    mcp.child.kill("SIGTERM");
    expect(await mcp.exited).toBe(0);
  });
});
