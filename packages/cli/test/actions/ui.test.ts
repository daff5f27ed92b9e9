import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cliJson, tempHome } from "../helpers.js";
import { firstJson, startCli } from "../running-cli.js";

describe("cortex-mem ui", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("starts a service when none runs on the home, and reuses it when one does", async () => {
    const first = startCli(["ui", "--no-open", "--port", "0", "--json"], home);
    const started = await first.waitFor((s) => firstJson<{ url: string; started: boolean }>(s));
    expect(started).toMatchObject({ started: true, url: expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\/ui\/$/) });
    const page = await fetch(started.url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Cortex Memory");

    const second = await cliJson<{ url: string; started: boolean }>(["ui", "--no-open", "--json"], { home });
    expect(second).toEqual({ url: started.url, started: false });

    first.child.kill("SIGTERM");
    expect(await first.exited).toBe(0);
  });

  it("prints only the URL on stdout without --json", async () => {
    const running = startCli(["ui", "--no-open", "--port", "0"], home);
    const url = await running.waitFor((s) => (s.includes("\n") ? s.trim() : undefined));
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/ui\/$/);
    running.child.kill("SIGTERM");
    expect(await running.exited).toBe(0);
  });
});
