// End-to-end: the overview's usage card in headless chromium, against the service's real usage
// ledger (the local embedder's calls are metered like any provider's), checked against GET /usage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService } from "../helpers.js";
import { launchBrowser, signIn } from "./browser.js";
import type { Browser } from "./browser.js";

const ADMIN = "admin-key-0123456789";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const today = (): string => new Date().toISOString().slice(0, 10);

describe("usage on the overview, in a browser", () => {
  it("shows the recorded calls per operation and model, as GET /usage counts them", async () => {
    const svc = await startTestService({ server: { apiKeys: [ADMIN] } });
    for (const content of ["Alice likes green tea", "Alice runs on Sundays", "Bob fixes bikes"]) {
      const r = await svc.call("POST", "/memories", {
        key: ADMIN,
        body: { content, user_id: content.split(" ")[0]?.toLowerCase(), infer: false },
      });
      expect(r.status).toBeLessThan(300);
    }
    const report = await svc.call("GET", `/usage?from=${today()}&to=${today()}`, { key: ADMIN });
    const adds = (report.json.rows as { operation: string; model: string; calls: number }[]).filter(
      (r) => r.operation === "embed-add",
    );
    expect(adds.length).toBeGreaterThan(0);
    const page = await browser.context.newPage();
    await signIn(page, svc.url, ADMIN);
    const table = page.getByRole("table", { name: "Usage by operation and model" });
    await table.waitFor();
    const row = table.getByRole("row").filter({ hasText: "embed-add" });
    const cells = await row.getByRole("cell").allTextContents();
    expect(cells.slice(0, 3)).toEqual(["embed-add", adds[0]?.model, String(adds.reduce((n, r) => n + r.calls, 0))]);
    expect(await page.getByTestId("usage-totals").textContent()).toMatch(/calls/);
    expect(await page.getByRole("img", { name: /^(Tokens|Calls) per day/ }).count()).toBe(1);
    await page.close();
  });

  it("says so when nothing was recorded (usage off), with no made-up figures", async () => {
    const svc = await startTestService({ server: { apiKeys: [ADMIN] }, usage: { enabled: false } });
    await svc.memory.add("Alice likes green tea", { userId: "alice", infer: false });
    const page = await browser.context.newPage();
    await signIn(page, svc.url, ADMIN);
    await page.getByText("No usage recorded in the last 30 days.").waitFor();
    expect(await page.getByTestId("usage-totals").count()).toBe(0);
    const report = await svc.call("GET", "/usage", { key: ADMIN });
    expect(report.json.rows).toEqual([]);
    await page.close();
  });
});
