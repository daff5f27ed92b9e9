import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { readFile } from "node:fs/promises";
import { consoleSteps, GuideIds } from "@cortex-mem/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BIN, tempHome } from "../helpers.js";
import { installShim, sh } from "./guide-shell.js";

const GUIDE = new URL("../../../../docs/first-hour-rest.md", import.meta.url);
const SHOWN_URL = "http://127.0.0.1:3000";

/** Starts `cortex-mem serve` (on a free port instead of 3000) and resolves with its URL. */
function serve(home: string): Promise<{ url: string; child: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, "serve", "--port", "0", "--json"], {
      env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, CORTEX_MEM_LOG_LEVEL: "silent" },
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      if (out.includes("\n")) resolve({ url: (JSON.parse(out) as { url: string }).url, child });
    });
    child.on("error", reject);
    child.on("exit", (code) => reject(new Error(`serve exited ${code}`)));
  });
}

/** Splits `curl -si` output into status, headers and body. */
function response(text: string): { status?: number; headers: Record<string, string>; body: string } {
  if (!text.startsWith("HTTP/")) return { headers: {}, body: text.trim() };
  const [head = "", body = ""] = text.split(/\r?\n\r?\n/, 2);
  const [statusLine = "", ...lines] = head.split(/\r?\n/);
  const headers = Object.fromEntries(
    lines.map((l) => [l.slice(0, l.indexOf(":")).toLowerCase(), l.slice(l.indexOf(":") + 1).trim()]),
  );
  return { status: Number(statusLine.split(" ")[1]), headers, body: body.trim() };
}

describe("docs/first-hour-rest.md", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let service: { url: string; child: ChildProcess };
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    await installShim(home);
    service = await serve(home);
  }, 60_000);
  afterAll(async () => {
    service.child.kill("SIGTERM");
    await new Promise((r) => service.child.once("exit", r));
    await cleanup();
  });

  it("answers every curl line of the guide with what it shows", { timeout: 120_000 }, async () => {
    const steps = consoleSteps(await readFile(GUIDE, "utf8"));
    expect(steps.length).toBeGreaterThanOrEqual(7);
    const ids = new GuideIds();
    for (const step of steps) {
      expect(step.command.startsWith("curl ")).toBe(true);
      const run = await sh(ids.command(step.command).replaceAll(SHOWN_URL, service.url), home);
      expect(run.code, step.command).toBe(0);
      const shown = response(step.expected);
      const got = response(run.stdout);
      expect(got.status, step.command).toBe(shown.status);
      expect(got.headers, step.command).toMatchObject(shown.headers);
      const expected = JSON.parse(shown.body) as unknown;
      expect(ids.json(expected, JSON.parse(got.body)), step.command).toMatchObject(expected as object);
    }
  });
});
