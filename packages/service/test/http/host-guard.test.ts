import { spawn } from "node:child_process";
import { request } from "node:http";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createJsonLogger, startService } from "../../src/index.js";
import { onCleanup, startTestService, tempHome, testConfig } from "../helpers.js";

const BIN = fileURLToPath(new URL("../../dist/bin.js", import.meta.url));
const ADMIN = "admin-key-0123456789";
const ALICE = "alice-key-0123456789";

/** A raw request, so the test controls the Host header (fetch would not let it). */
function raw(
  url: string,
  init: { method: string; headers?: Record<string, string>; body?: unknown },
): Promise<{ status: number; json: { error: { code: string } } }> {
  return new Promise((resolve, reject) => {
    const body = init.body === undefined ? undefined : JSON.stringify(init.body);
    const headers = { ...(body ? { "content-type": "application/json" } : {}), ...init.headers };
    const req = request(url, { method: init.method, headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : undefined }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** Runs the built bin until it exits; returns its exit code and stderr. */
function runBin(args: string[], env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("CORTEX_MEM_") && !k.startsWith("OPENAI_")),
  );
  const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, ...env } });
  let stderr = "";
  child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
  const timer = setTimeout(() => child.kill("SIGKILL"), 15_000);
  return new Promise((resolve) => child.once("exit", (code) => (clearTimeout(timer), resolve({ code, stderr }))));
}

describe("REST Host/Origin guard without API keys (DNS rebinding)", () => {
  it("serves loopback names and refuses rebinding names with 403, writing nothing", async () => {
    const svc = await startTestService();
    const port = new URL(svc.url).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `127.0.0.2:${port}`]) {
      expect((await raw(`${svc.url}/memories?user_id=alice`, { method: "GET", headers: { host } })).status, host).toBe(
        200,
      );
    }
    for (const host of [`127.evil.example:${port}`, `127.0.0.1.rebind.attacker.example:${port}`, "attacker.example"]) {
      const res = await raw(`${svc.url}/memories`, {
        method: "POST",
        headers: { host },
        body: { content: "pwned", user_id: "alice" },
      });
      expect({ status: res.status, code: res.json.error.code }, host).toEqual({ status: 403, code: "FORBIDDEN" });
      const del = await raw(`${svc.url}/memories?user_id=alice`, { method: "DELETE", headers: { host } });
      expect(del.status).toBe(403);
    }
    const origin = await raw(`${svc.url}/memories`, {
      method: "POST",
      headers: { origin: "http://127.evil.example" },
      body: { content: "pwned", user_id: "alice" },
    });
    expect(origin.status).toBe(403);
    expect((await svc.memory.stats()).total).toBe(0);
  });

  it("answers each Host/Origin pair the same every time, on the lean search path and through express", async () => {
    const svc = await startTestService();
    const host = `127.0.0.1:${new URL(svc.url).port}`;
    const search = (headers: Record<string, string>) =>
      raw(`${svc.url}/memories/search`, { method: "POST", headers, body: { query: "tea", user_id: "alice" } });
    const list = (headers: Record<string, string>) =>
      raw(`${svc.url}/memories?user_id=alice`, { method: "GET", headers });
    for (let round = 0; round < 2; round++) {
      for (const send of [search, list]) {
        expect((await send({ host })).status).toBe(200);
        const rebound = await send({ host, origin: "http://attacker.example" });
        expect({ status: rebound.status, code: rebound.json.error.code }).toEqual({ status: 403, code: "FORBIDDEN" });
        expect((await send({ host, origin: "http://localhost:5173" })).status).toBe(200);
        expect((await send({ host: "attacker.example" })).status).toBe(403);
      }
    }
  });

  it("serves the names of server.allowed_hosts", async () => {
    const svc = await startTestService({ server: { allowedHosts: ["memory.lan"] } });
    expect((await raw(`${svc.url}/stats`, { method: "GET", headers: { host: "memory.lan:3000" } })).status).toBe(200);
    expect((await raw(`${svc.url}/stats`, { method: "GET", headers: { host: "other.lan" } })).status).toBe(403);
  });

  it("with API keys, the key is the guard: any Host is served to a valid key", async () => {
    const svc = await startTestService({ server: { apiKeys: [ADMIN] } });
    const res = await raw(`${svc.url}/stats`, {
      method: "GET",
      headers: { host: "memory.example.com", authorization: `Bearer ${ADMIN}` },
    });
    expect(res.status).toBe(200);
  });
});

describe("REST exposure", () => {
  it("startService refuses a non-loopback address without keys (CONFIG) unless the user consents", async () => {
    const config = testConfig({});
    const logger = createJsonLogger({ level: "silent" });
    await expect(startService({ config, host: "0.0.0.0", port: 0, logger })).rejects.toMatchObject({ code: "CONFIG" });
    const running = await startService({
      config: { ...config, server: { ...config.server, allowUnauthenticatedRemote: true } },
      host: "0.0.0.0",
      port: 0,
      logger,
    });
    onCleanup(() => running.close());
    expect(running.port).toBeGreaterThan(0);
  });

  it("the bin exits 6 (CONFIG) for 0.0.0.0 without keys and for a key shorter than 16 characters, saying why", async () => {
    const home = tempHome();
    const remote = await runBin(["--host", "0.0.0.0", "--port", "0"], { CORTEX_MEM_HOME: home });
    expect(remote.code).toBe(6);
    expect(remote.stderr).toMatch(/without authentication.*--allow-unauthenticated-remote/);
    const short = await runBin(["--port", "0"], { CORTEX_MEM_HOME: home, CORTEX_MEM_API_KEYS: "short-key-1" });
    expect(short.code).toBe(6);
    expect(short.stderr).toMatch(/16 characters/);
  });

  it("/metrics is admin-only: a key bound to a user gets 403, an unbound key the figures", async () => {
    const svc = await startTestService({ server: { apiKeys: [ADMIN, { key: ALICE, userId: "alice" }] } });
    const bound = await svc.call("GET", "/metrics", { key: ALICE });
    expect({ status: bound.status, code: bound.json?.error?.code }).toEqual({ status: 403, code: "FORBIDDEN" });
    const admin = await svc.call("GET", "/metrics", { key: ADMIN });
    expect(admin.status).toBe(200);
    expect(admin.text).toMatch(/cortex_mem_memories /);
  });
});
