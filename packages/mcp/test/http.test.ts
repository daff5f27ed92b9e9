import { request } from "node:http";
import { loadConfig } from "@cortex-mem/core";
import { describe, expect, it } from "vitest";
import { startHttp } from "../src/index.js";
import { callOk } from "./helpers/calls.js";
import { connectHttp, spawnHttpServer } from "./helpers/clients.js";
import { onCleanup, openStore, tempHome } from "./helpers/home.js";
import { checkBadInput, checkListing, exerciseAllTools } from "./helpers/scenario.js";

/** A raw request, so the test controls headers fetch would not let it set (Host). */
function rawRequest(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: init.method, headers: init.headers ?? {} }, (res) => {
      let body = "";
      res.on("data", (chunk: Buffer) => (body += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const initialize = JSON.stringify({
  jsonrpc: "2.0",
  id: 1,
  method: "initialize",
  params: { protocolVersion: "2025-06-18", capabilities: {}, clientInfo: { name: "raw", version: "0" } },
});
const postHeaders = { "content-type": "application/json", accept: "application/json, text/event-stream" };

describe("cortex-mem-mcp --http (spawned dist/bin.js on an ephemeral port, SDK Client)", () => {
  it("lists the tools and serves every tool over streamable HTTP", async () => {
    const server = await spawnHttpServer({ home: tempHome(), args: ["--user-id", "alice"] });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/mcp$/);
    const client = await connectHttp(server.url);
    await checkListing(client);
    expect(client.getInstructions()).toMatch(/user_id=alice/);
    await exerciseAllTools(client, "alice");
  });

  it("answers bad input with coded tool errors and writes nothing", async () => {
    const home = tempHome();
    const server = await spawnHttpServer({ home, args: ["--user-id", "alice"] });
    const client = await connectHttp(server.url);
    await callOk(client, "store_memory", { content: "Alice keeps bees" });
    await checkBadInput(client, await openStore(home));
  });

  it("is stateless (every POST stands alone; GET/DELETE are 405) and refuses foreign Host headers", async () => {
    const server = await spawnHttpServer({ home: tempHome(), args: ["--user-id", "alice"] });
    const first = await connectHttp(server.url);
    const second = await connectHttp(server.url);
    await callOk(first, "store_memory", { content: "Alice keeps bees" });
    expect(((await callOk(second, "list_memories", {})) as { count: number }).count).toBe(1);
    const ok = await rawRequest(server.url, { method: "POST", headers: postHeaders, body: initialize });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body).result.serverInfo.name).toBe("cortex-mem");
    expect((await rawRequest(server.url, { method: "GET", headers: { accept: "text/event-stream" } })).status).toBe(
      405,
    );
    expect((await rawRequest(server.url, { method: "DELETE" })).status).toBe(405);
    const port = new URL(server.url).port;
    expect(
      (
        await rawRequest(server.url, {
          method: "POST",
          headers: { ...postHeaders, host: `evil.example:${port}` },
          body: initialize,
        })
      ).status,
    ).toBe(403);
    expect(
      (
        await rawRequest(server.url, {
          method: "POST",
          headers: { ...postHeaders, origin: "https://evil.example" },
          body: initialize,
        })
      ).status,
    ).toBe(403);
    // DNS rebinding names that merely start with "127." are not loopback
    for (const host of [`127.evil.example:${port}`, `127.0.0.1.rebind.attacker.example:${port}`]) {
      expect(
        (await rawRequest(server.url, { method: "POST", headers: { ...postHeaders, host }, body: initialize })).status,
        host,
      ).toBe(403);
      const store = {
        jsonrpc: "2.0",
        id: 2,
        method: "tools/call",
        params: { name: "store_memory", arguments: { content: "pwned" } },
      };
      expect(
        (
          await rawRequest(server.url, {
            method: "POST",
            headers: { ...postHeaders, host },
            body: JSON.stringify(store),
          })
        ).status,
      ).toBe(403);
    }
    expect(
      (
        await rawRequest(server.url, {
          method: "POST",
          headers: { ...postHeaders, origin: "http://127.evil.example" },
          body: initialize,
        })
      ).status,
    ).toBe(403);
    expect(((await callOk(second, "list_memories", {})) as { count: number }).count).toBe(1);
    expect((await rawRequest(server.url.replace(/\/mcp$/, "/health"), { method: "GET" })).status).toBe(200);
    expect((await rawRequest(server.url.replace(/\/mcp$/, "/nope"), { method: "GET" })).status).toBe(404);
  });

  it("startHttp() serves the same tools in-process and closes cleanly", async () => {
    const home = tempHome();
    const { config } = loadConfig({ file: null, env: { CORTEX_MEM_HOME: home, CORTEX_MEM_LOG_LEVEL: "silent" } });
    const handle = await startHttp({ config, port: 0, defaultScope: { userId: "erin" } });
    let closed = false;
    onCleanup(async () => void (closed || (await handle.close())));
    const client = await connectHttp(handle.url);
    const { results } = (await callOk(client, "store_memory", { content: "Erin speaks Portuguese" })) as {
      results: { id: string }[];
    };
    await client.close();
    await handle.close();
    closed = true;
    await expect(rawRequest(handle.url.replace(/\/mcp$/, "/health"), { method: "GET" })).rejects.toThrow();
    expect((await (await openStore(home)).get(results[0]!.id)).userId).toBe("erin");
  });
});
