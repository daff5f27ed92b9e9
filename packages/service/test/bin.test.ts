import { spawn } from "node:child_process";
import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { createServer } from "node:net";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { createMemory, loadConfig } from "@cortex-mem/core";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { call, onCleanup, tempHome } from "./helpers.js";

const BIN = fileURLToPath(new URL("../dist/bin.js", import.meta.url));

interface Spawned {
  child: ChildProcessWithoutNullStreams;
  lines: Record<string, unknown>[];
  /** Resolves with the first log line matching, as soon as it is written. */
  waitFor: (pred: (line: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
  exited: Promise<number | null>;
}

/** Spawns the built bin with a clean environment (no inherited CORTEX_MEM_ or OPENAI_ variables). */
function spawnBin(args: string[], env: Record<string, string>, cwd: string): Spawned {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !k.startsWith("CORTEX_MEM_") && !k.startsWith("OPENAI_")),
  );
  const child = spawn(process.execPath, [BIN, ...args], { cwd, env: { ...base, ...env } });
  const lines: Record<string, unknown>[] = [];
  const waiters: { pred: (l: Record<string, unknown>) => boolean; resolve: (l: Record<string, unknown>) => void }[] =
    [];
  let buffer = "";
  child.stderr.on("data", (chunk: Buffer) => {
    buffer += chunk.toString("utf8");
    let nl: number;
    while ((nl = buffer.indexOf("\n")) >= 0) {
      const text = buffer.slice(0, nl);
      buffer = buffer.slice(nl + 1);
      let line: Record<string, unknown>;
      try {
        line = JSON.parse(text) as Record<string, unknown>;
      } catch {
        line = { raw: text };
      }
      lines.push(line);
      for (const w of [...waiters]) {
        if (!w.pred(line)) continue;
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(line);
      }
    }
  });
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  onCleanup(async () => {
    if (child.exitCode === null) child.kill("SIGKILL");
    await exited;
  });
  const waitFor = (pred: (l: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
    const found = lines.find(pred);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      waiters.push({ pred, resolve });
      void exited.then((code) =>
        reject(new Error(`bin exited (${code}) before the expected log line; stderr: ${JSON.stringify(lines)}`)),
      );
    });
  };
  return { child, lines, waitFor, exited };
}

describe("cortex-mem-service bin (built dist/bin.js; turbo builds it before the tests)", () => {
  it("finishes in-flight requests on SIGTERM, refuses new ones, closes the store and exits 0", async () => {
    const inFlight = 3;
    let arrived = 0;
    let allArrived!: () => void;
    const arrivedAll = new Promise<void>((resolve) => (allArrived = resolve));
    const fake = await startFakeOpenAI({
      chat: (req) => {
        if (++arrived === inFlight) allArrived();
        const said = req.messages.at(-1)?.content.match(/(\w+) lives in (\w+)/)?.[0] ?? "someone lives somewhere";
        return { delayMs: 1500, json: { facts: [{ content: said, memory_type: "personal", importance: 0.7 }] } };
      },
    });
    onCleanup(() => fake.close());
    const home = tempHome();
    const bin = spawnBin(
      ["--host", "127.0.0.1", "--port", "0"],
      {
        CORTEX_MEM_HOME: home,
        CORTEX_MEM_LLM_PROVIDER: "openai",
        CORTEX_MEM_LLM_BASE_URL: fake.url,
        CORTEX_MEM_LLM_API_KEY: "sk-test",
      },
      home,
    );
    const { url } = (await bin.waitFor((l) => l.msg === "listening")) as { url: string };
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const names = ["Ana", "Ben", "Cy"]; // one scope each: no dedup decision call, one slow LLM call per request
    const requests = names.map((n) =>
      call(url, "POST", "/memories", {
        body: { messages: [{ role: "user", content: `${n} lives in Oslo` }], user_id: n },
      }),
    );
    await arrivedAll;
    bin.child.kill("SIGTERM");
    await bin.waitFor((l) => l.msg === "shutting down");
    await expect(fetch(`${url}/health`)).rejects.toThrow();

    const answers = await Promise.all(requests);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    expect(answers.map((a) => a.json.results[0].memory)).toEqual(names.map((n) => `${n} lives in Oslo`));
    expect(await bin.exited).toBe(0);
    expect(bin.lines.some((l) => l.msg === "stopped")).toBe(true);
    expect(bin.lines.filter((l) => l.msg === "request").every((l) => typeof l.request_id === "string")).toBe(true);

    const memory = await createMemory(loadConfig({ file: null, env: {}, overrides: { home } }).config);
    onCleanup(() => memory.close());
    expect((await memory.stats()).total).toBe(3);
  });

  it("reads keys from the config file (-c) and from CORTEX_MEM_API_KEYS, env winning", async () => {
    const home = tempHome();
    const { writeFileSync } = await import("node:fs");
    writeFileSync(`${home}/service.toml`, '[server]\napi_keys = ["file-key-0123456789"]\n');
    let bin = spawnBin(["-c", "service.toml", "--port", "0"], { CORTEX_MEM_HOME: home }, home);
    let { url } = (await bin.waitFor((l) => l.msg === "listening")) as { url: string };
    expect(url.startsWith("http://127.0.0.1:")).toBe(true);
    expect((await call(url, "GET", "/stats")).status).toBe(401);
    expect(
      (
        await call(url, "POST", "/memories", {
          key: "file-key-0123456789",
          body: { content: "Una sings", user_id: "una", infer: false },
        })
      ).status,
    ).toBe(200);
    bin.child.kill("SIGTERM");
    expect(await bin.exited).toBe(0);

    // CORTEX_MEM_API_KEYS (env) wins over the file; `key:user_id` binds a key to one user
    bin = spawnBin(
      ["-c", "service.toml", "--port", "0"],
      { CORTEX_MEM_HOME: home, CORTEX_MEM_API_KEYS: "zoe-key-0123456789:zoe" },
      home,
    );
    ({ url } = (await bin.waitFor((l) => l.msg === "listening")) as { url: string });
    expect((await call(url, "GET", "/stats", { key: "file-key-0123456789" })).status).toBe(401);
    expect((await call(url, "GET", "/stats", { key: "zoe-key-0123456789" })).json.total).toBe(0);
    expect((await call(url, "GET", "/stats?user_id=una", { key: "zoe-key-0123456789" })).status).toBe(403);
    bin.child.kill("SIGTERM");
    expect(await bin.exited).toBe(0);
  });

  it("exits 2 on a bad flag and with the CONFIG exit code when the port is taken", async () => {
    const home = tempHome();
    const bad = spawnBin(["--port", "http"], { CORTEX_MEM_HOME: home }, home);
    expect(await bad.exited).toBe(2);

    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    onCleanup(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
    const port = (blocker.address() as AddressInfo).port;
    const taken = spawnBin(["--port", String(port)], { CORTEX_MEM_HOME: home }, home);
    expect(await taken.exited).toBe(6);
    expect(taken.lines.find((l) => l.level === "error")).toMatchObject({ code: "CONFIG" });
  });

  it("serves one port from --workers 2 processes sharing the store, and exits 0 on SIGTERM", async () => {
    const home = tempHome();
    const bin = spawnBin(["--port", "0", "--workers", "2"], { CORTEX_MEM_HOME: home }, home);
    const first = await bin.waitFor((l) => l.msg === "listening");
    await bin.waitFor((l) => l.msg === "listening" && l !== first);
    const url = String(first.url);
    expect(bin.lines.filter((l) => l.msg === "listening").map((l) => l.url)).toEqual([url, url]);
    const added = await call(url, "POST", "/memories", {
      body: { content: "shared between workers", user_id: "w", infer: false },
    });
    expect(added.status).toBe(200);
    const searches = await Promise.all(
      Array.from({ length: 12 }, () =>
        call(url, "POST", "/memories/search", { body: { query: "shared workers", user_id: "w" } }),
      ),
    );
    for (const s of searches)
      expect((s.json as { results: { content: string }[] }).results.map((r) => r.content)).toEqual([
        "shared between workers",
      ]);
    bin.child.kill("SIGTERM");
    expect(await bin.exited).toBe(0);
    expect(bin.lines.filter((l) => l.msg === "stopped")).toHaveLength(2);
  });

  it("with --workers 2, of 8 concurrent PUTs carrying one ETag exactly one wins each round; the rest are 409 CONFLICT", async () => {
    const home = tempHome();
    const bin = spawnBin(["--port", "0", "--workers", "2"], { CORTEX_MEM_HOME: home }, home);
    const first = await bin.waitFor((l) => l.msg === "listening");
    await bin.waitFor((l) => l.msg === "listening" && l !== first);
    const url = String(first.url);
    const added = await call(url, "POST", "/memories", {
      body: { content: "the locker code is 0000", user_id: "w", infer: false },
    });
    const id = (added.json as { results: { id: string }[] }).results[0]!.id;
    for (let round = 0; round < 5; round++) {
      const etag = (await call(url, "GET", `/memories/${id}`)).headers.get("etag")!;
      const puts = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          call(url, "PUT", `/memories/${id}`, {
            body: { content: `the locker code is ${round}${i}` },
            headers: { "If-Match": etag },
          }),
        ),
      );
      expect(puts.filter((p) => p.status === 200)).toHaveLength(1);
      for (const p of puts.filter((r) => r.status !== 200))
        expect([p.status, (p.json as { error: { code: string } }).error.code]).toEqual([409, "CONFLICT"]);
      const winner = puts.findIndex((p) => p.status === 200);
      expect((await call(url, "GET", `/memories/${id}`)).json).toMatchObject({
        content: `the locker code is ${round}${winner}`,
      });
    }
    const history = await call(url, "GET", `/memories/${id}/history`);
    expect((history.json as { history: unknown[] }).history).toHaveLength(6);
    bin.child.kill("SIGTERM");
    expect(await bin.exited).toBe(0);
  });

  it("rejects --workers outside 1..64 as a usage error", async () => {
    const home = tempHome();
    const bin = spawnBin(["--workers", "0"], { CORTEX_MEM_HOME: home }, home);
    expect(await bin.exited).toBe(2);
  });
});
