import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { curlCommands, parseCurl, shellWords } from "./readme-curl.js";
import { startTestService } from "./helpers.js";

const README = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const KEY = "admin-key-0123456789";

/** Polls `done` every 50 ms for at most 10 s. */
async function until(done: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200 && !(await done()); i++) await new Promise((r) => setTimeout(r, 50));
}

describe("README curl examples", () => {
  it("parses shell quoting the way a shell does", () => {
    expect(shellWords(`curl -d "{\\"id\\": \\"$X\\"}" 'a b'c "$X"-z`, { X: "1" })).toEqual([
      "curl",
      "-d",
      '{"id": "1"}',
      "a bc",
      "1-z",
    ]);
  });

  it("cover every route of the service", async () => {
    const svc = await startTestService({ server: { apiKeys: [KEY] } });
    const env = {
      CORTEX_MEM_URL: svc.url,
      CORTEX_MEM_KEY: KEY,
      MEMORY_ID: "x",
      MEMORY_ID_2: "x",
      JOB_ID: "x",
      OPT_JOB_ID: "x",
    };
    const doc = (await svc.call("GET", "/openapi.json", { key: KEY })).json as {
      paths: Record<string, Record<string, unknown>>;
    };
    const routes = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => ({
        method: m.toUpperCase(),
        re: new RegExp(`^${path.replace(/\{\w+\}/g, "[^/]+")}$`),
        name: `${m.toUpperCase()} ${path}`,
      })),
    );
    const covered = new Set<string>();
    for (const { command } of curlCommands(README)) {
      const example = parseCurl(command, env);
      const path = new URL(example.url).pathname;
      const route = routes.find((r) => r.method === example.method && r.re.test(path));
      expect(route, `${example.method} ${path} is not a route`).toBeDefined();
      covered.add(route!.name);
    }
    expect([...covered].sort()).toEqual(routes.map((r) => r.name).sort());
  });

  it("all answer as documented when run in order against a real service", async () => {
    const svc = await startTestService({ server: { apiKeys: [KEY] } });
    const env: Record<string, string> = { CORTEX_MEM_URL: svc.url, CORTEX_MEM_KEY: KEY };
    const examples = curlCommands(README);
    expect(examples.length).toBeGreaterThanOrEqual(20);
    for (const { command, expect: status } of examples) {
      const ex = parseCurl(command, env, status);
      const res = await fetch(ex.url, {
        method: ex.method,
        headers: ex.headers,
        ...(ex.body !== undefined ? { body: ex.body } : {}),
      });
      const text = await res.text();
      if (ex.expectStatus) expect(res.status, `${ex.source}\n${text}`).toBe(ex.expectStatus);
      else expect(res.status, `${ex.source}\n${text}`).toBeLessThan(300);
      if (ex.method === "POST" && new URL(ex.url).pathname === "/optimization" && res.status === 202) {
        // As a reader would, wait for the job to finish before looking at it, cancelling and undoing it.
        env.OPT_JOB_ID = (JSON.parse(text) as { job_id: string }).job_id;
        await until(
          async () =>
            !["pending", "running"].includes(
              (
                (await (
                  await fetch(`${svc.url}/optimization/${env.OPT_JOB_ID}`, {
                    headers: { Authorization: `Bearer ${KEY}` },
                  })
                ).json()) as { status: string }
              ).status,
            ),
        );
      } else if (ex.method === "POST" && new URL(ex.url).pathname === "/memories" && res.status === 202) {
        env.JOB_ID = (JSON.parse(text) as { job_id: string }).job_id;
      } else if (ex.method === "POST" && new URL(ex.url).pathname === "/memories") {
        const id = (JSON.parse(text) as { results: { id: string }[] }).results[0]!.id;
        if (!env.MEMORY_ID) env.MEMORY_ID = id;
        else env.MEMORY_ID_2 ??= id;
      }
      if (new URL(ex.url).pathname.startsWith("/memories/batch/")) {
        const body = JSON.parse(text) as { succeeded: number; failed: number };
        expect({ succeeded: body.succeeded, failed: body.failed }, ex.source).toEqual({ succeeded: 1, failed: 1 });
      }
    }
    expect((await svc.memory.stats({ userId: "alice" })).total).toBe(0);
  });
});
