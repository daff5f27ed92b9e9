import { gunzipSync } from "node:zlib";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../../src/app.js";
import { createJsonLogger } from "../../src/logger.js";
import { describe, expect, it } from "vitest";
import { expectError, onCleanup, startTestService, testConfig } from "../helpers.js";
import { createMemory } from "@cortex-mem/core";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";

const keys = { server: { apiKeys: ["admin-key-0123456789"] } };

describe("the dashboard's static files at /ui/", () => {
  it("serves the built index without a key, with a strict CSP, and gzip when asked", async () => {
    const svc = await startTestService(keys);
    const redirect = await fetch(`${svc.url}/ui`, { redirect: "manual" });
    expect([redirect.status, redirect.headers.get("location")]).toEqual([308, "/ui/"]);
    const res = await svc.call("GET", "/ui/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    expect(res.headers.get("content-security-policy")).toContain("connect-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const script = /src="\/ui\/(assets\/[^"]+\.js)"/.exec(res.text)?.[1];
    expect(script).toBeDefined();
    const js = await svc.call("GET", `/ui/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toContain("immutable");
    expect(res.text + js.text).not.toMatch(/https?:\/\/(?!127\.0\.0\.1|localhost|www\.w3\.org)[a-z0-9.-]+\.[a-z]{2,}/i);
    // node's fetch decodes gzip itself; ask with a raw request to see the encoding.
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      const url = new URL(`${svc.url}/ui/${script}`);
      import("node:http").then(({ get }) =>
        get({ host: url.hostname, port: url.port, path: url.pathname, headers: { "Accept-Encoding": "gzip" } }, (r) => {
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on("end", () => resolve({ encoding: r.headers["content-encoding"], body: Buffer.concat(chunks) }));
        }).on("error", reject),
      );
    });
    expect(raw.encoding).toBe("gzip");
    expect(gunzipSync(raw.body).toString("utf8")).toBe(js.text);
  });

  it("answers a missing file with a JSON 404, and API routes still need the key", async () => {
    const svc = await startTestService(keys);
    expectError(await svc.call("GET", "/ui/assets/nope.js"), 404, "NOT_FOUND");
    expectError(await svc.call("GET", "/ui/../stats"), 401, "UNAUTHORIZED");
    expectError(await svc.call("GET", "/stats"), 401, "UNAUTHORIZED");
  });

  it("serves another folder when given one, and says so when the dashboard is not built", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cortex-mem-ui-"));
    mkdirSync(join(dir, "assets"));
    writeFileSync(join(dir, "index.html"), "<!doctype html><title>custom</title>");
    const config = testConfig();
    const memory = await createMemory(config);
    const serve = async (uiDir: string | null): Promise<string> => {
      const server = createServer(createApp({ memory, config, uiDir, logger: createJsonLogger({ level: "silent" }) }));
      await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
      onCleanup(() => new Promise<void>((r) => server.close(() => r())));
      return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    };
    onCleanup(() => memory.close());
    expect(await (await fetch(`${await serve(dir)}/ui/`)).text()).toContain("custom");
    const off = await fetch(`${await serve(join(dir, "missing"))}/ui/`);
    expect(off.status).toBe(404);
    expect(((await off.json()) as { error: { message: string } }).error.message).toMatch(/not built/);
  });
});
