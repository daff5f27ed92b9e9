// End-to-end: the Optimizer page in headless chromium against the real service and its job runner.
// The page is driven by labels and roles; what it did is checked through the REST API.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestService } from "../helpers.js";
import { launchBrowser, signIn } from "./browser.js";
import type { Browser } from "./browser.js";
import { seedMemories } from "./seed.js";

const ADMIN = "admin-key-0123456789";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe("optimizer page in a browser", () => {
  it("analyzes without writing, previews, runs with progress to completion, lists the job, and undoes it", async () => {
    const svc = await startTestService({ server: { apiKeys: [ADMIN] } });
    const twins = await seedMemories(svc.memory, [
      { userId: "alice", content: "Alice is allergic to peanuts and carries an epipen." },
      { userId: "alice", content: "Alice is allergic to peanuts and carries an epipen!" },
    ]);
    await seedMemories(svc.memory, [{ userId: "bob", content: "Bob plays the cello in an orchestra" }]);
    const api = async (path: string): Promise<Record<string, unknown>> => {
      const r = await svc.call("GET", path, { key: ADMIN });
      expect(r.status).toBe(200);
      return r.json as Record<string, unknown>;
    };
    const supersededOf = async (): Promise<unknown[]> =>
      Promise.all(twins.map(async (id) => (await api(`/memories/${id}`)).superseded_by));

    const page = await browser.context.newPage();
    await signIn(page, svc.url, ADMIN);
    await page.getByRole("link", { name: "Optimizer" }).click();
    await page.getByRole("heading", { name: "Optimizer" }).waitFor();
    await page.getByText("No optimization has run yet.").waitFor();

    await page.getByLabel("User id").fill("alice");
    await page.getByRole("button", { name: "Analyze" }).click();
    const plan = page.getByTestId("plan");
    await expect.poll(() => plan.textContent()).toContain("Duplicate");
    expect(await page.getByRole("list", { name: "Planned actions" }).textContent()).toContain("Merge");
    expect(await supersededOf()).toEqual([undefined, undefined]); // analyze wrote nothing
    expect((await api("/optimization/history")).total).toBe(0);

    await page.getByRole("button", { name: "Run this plan" }).click();
    const job = page.getByTestId("job");
    await expect.poll(() => job.getByRole("heading").textContent(), { timeout: 20_000 }).toContain("completed");
    expect(await job.getByRole("progressbar").getAttribute("value")).toBe("100");
    expect(await job.getByRole("definition").first().textContent()).toBe("1"); // actions applied
    const after = await supersededOf();
    expect(after.filter(Boolean)).toHaveLength(1); // one twin superseded by the other
    const history = page.getByTestId("job-history");
    await expect.poll(() => history.locator("tbody tr").count()).toBe(1);
    const [runRow] = (await api("/optimization/history")).history as { job_id: string; status: string }[];
    expect(runRow?.status).toBe("completed");
    expect(await history.textContent()).toContain(runRow?.job_id.slice(0, 8));

    await job.getByRole("button", { name: "Undo this optimization" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Undo" }).click();
    await expect.poll(() => job.getByRole("heading").textContent(), { timeout: 20_000 }).toMatch(/Undo.*completed/);
    expect(await supersededOf()).toEqual([undefined, undefined]);
    await expect.poll(() => history.locator("tbody tr").count()).toBe(2);
    const kinds = ((await api("/optimization/history")).history as { kind: string }[]).map((h) => h.kind);
    expect(kinds).toEqual(["optimize.undo", "optimize"]);
    await page.close();
  });

  it("cancels a queued run from its progress card: the job ends cancelled and nothing is changed", async () => {
    // No worker in this service: the run stays queued until the page cancels it.
    const svc = await startTestService({ server: { apiKeys: [ADMIN] }, jobs: { worker: false } });
    const twins = await seedMemories(svc.memory, [
      { userId: "alice", content: "Alice is allergic to peanuts and carries an epipen." },
      { userId: "alice", content: "Alice is allergic to peanuts and carries an epipen!" },
    ]);
    const page = await browser.context.newPage();
    await signIn(page, svc.url, ADMIN);
    await page.goto(`${svc.url}/ui/#/optimizer`);
    await page.getByRole("button", { name: "Analyze" }).click();
    await page.getByRole("button", { name: "Run this plan" }).click();
    const job = page.getByTestId("job");
    await expect.poll(() => job.getByRole("heading").textContent()).toContain("pending");
    await job.getByRole("button", { name: "Cancel job" }).click();
    await expect.poll(() => job.getByRole("heading").textContent()).toContain("cancelled");
    expect(await job.getByRole("button", { name: "Cancel job" }).count()).toBe(0);
    const [row] = (await svc.call("GET", "/optimization/history", { key: ADMIN })).json.history as {
      status: string;
    }[];
    expect(row?.status).toBe("cancelled");
    for (const id of twins) expect((await svc.memory.get(id)).supersededBy).toBeUndefined();
    await page.close();
  });

  it("shows the API's error when analyze is refused, and fits 360 px in the dark theme", async () => {
    const svc = await startTestService({
      server: { apiKeys: [ADMIN, { key: "alice-key-0123456789", userId: "alice" }] },
    });
    await svc.memory.add("Alice likes tea", { userId: "alice", infer: false });
    const page = await browser.context.newPage();
    page.setDefaultTimeout(8_000);
    await page.setViewportSize({ width: 360, height: 780 });
    await page.emulateMedia({ colorScheme: "dark" });
    await signIn(page, svc.url, "alice-key-0123456789");
    await page.goto(`${svc.url}/ui/#/optimizer`);
    expect(await page.getByLabel("User id").inputValue()).toBe("alice");
    expect(await page.getByLabel("User id").isDisabled()).toBe(true);
    await page.getByLabel("Agent id").fill("x".repeat(300)); // longer than the API allows
    await page.getByRole("button", { name: "Analyze" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("VALIDATION");
    const overflow = await page.evaluate<number>(
      "document.documentElement.scrollWidth - document.documentElement.clientWidth",
    );
    expect(overflow).toBe(0);
    await page.close();
  });
});
