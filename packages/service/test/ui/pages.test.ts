// End-to-end in headless chromium: what the first browser tests leave out — cursor paging and the
// filter form, one memory's delete and its "superseded by" link, the settings page's sources and
// masked secrets, and the keyboard path and explicit themes. Effects are checked through the API.
import type { Page } from "playwright-core";
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

const rowsOf = (page: Page): Promise<string[]> =>
  page.locator("table.memories tbody tr td.content a").allTextContents();

describe("dashboard pages in a browser", () => {
  it("pages through more memories than fit one page by cursor, and filters by type and importance", async () => {
    const svc = await startTestService({ server: { apiKeys: [ADMIN] } });
    await seedMemories(
      svc.memory,
      Array.from({ length: 30 }, (_, i) => ({
        userId: "alice",
        content: `Alice note number ${i} about topic ${String.fromCharCode(97 + (i % 26))}`,
        memoryType: i % 10 === 0 ? ("procedural" as const) : ("factual" as const),
        importance: i % 10 === 0 ? 0.9 : 0.3,
      })),
    );
    const page = await browser.context.newPage();
    await signIn(page, svc.url, ADMIN);
    await page.goto(`${svc.url}/ui/#/memories?user_id=alice`);
    await expect.poll(async () => (await rowsOf(page)).length).toBe(25);
    const first = await rowsOf(page);
    await page.getByRole("button", { name: "Next →" }).click();
    await expect.poll(async () => (await rowsOf(page)).length).toBe(5);
    const second = await rowsOf(page);
    expect(new Set([...first, ...second]).size).toBe(30); // every memory once, none twice
    await page.getByRole("button", { name: "← Previous" }).click();
    await expect.poll(() => rowsOf(page)).toEqual(first);

    await page.getByText("Filters", { exact: true }).click();
    await page.getByRole("checkbox", { name: "procedural" }).check();
    await page.getByLabel("Min importance").fill("0.8");
    await page.getByRole("button", { name: "Search" }).click();
    await expect.poll(async () => (await rowsOf(page)).length).toBe(3);
    expect(page.url()).toContain("memory_type=procedural");
    const api = await svc.call("GET", `/memories?user_id=alice&memory_type=procedural&limit=100`, { key: ADMIN });
    expect((await rowsOf(page)).sort()).toEqual(
      (api.json.memories as { content: string }[]).map((m) => m.content).sort(),
    );
    await page.close();
  });

  it("follows what superseded a memory, and deletes one memory after confirming", async () => {
    const svc = await startTestService({ server: { apiKeys: [ADMIN] } });
    const [newer] = await seedMemories(svc.memory, [{ userId: "bob", content: "Bob lives in Porto" }]);
    const [older] = await seedMemories(svc.memory, [
      { userId: "bob", content: "Bob lives in Lisbon", supersededBy: newer as string },
    ]);
    const page = await browser.context.newPage();
    await signIn(page, svc.url, ADMIN);
    await page.goto(`${svc.url}/ui/#/memories/${older}`);
    await page.getByText("No history recorded for this memory").waitFor(); // imported without history rows
    await page.getByRole("link", { name: "a newer memory" }).click();
    await expect.poll(() => page.url()).toContain(`/memories/${newer}`);
    await expect.poll(() => page.getByLabel("Content").inputValue()).toBe("Bob lives in Porto");
    await page.getByRole("button", { name: "Delete this memory" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect.poll(async () => (await svc.call("GET", `/memories/${newer}`, { key: ADMIN })).status).toBe(404);
    expect((await svc.call("GET", `/memories/${older}`, { key: ADMIN })).status).toBe(200);
    await page.close();
  });

  it("shows the settings with their sources and the API keys masked", async () => {
    const svc = await startTestService({ server: { apiKeys: [ADMIN] } });
    const page = await browser.context.newPage();
    await signIn(page, svc.url, ADMIN);
    await page.getByRole("link", { name: "Settings" }).click();
    const table = page.getByRole("table", { name: "Effective configuration" });
    await table.waitFor();
    const text = (await table.textContent()) ?? "";
    expect(text).not.toContain(ADMIN);
    const keyRow = table.getByRole("row").filter({ hasText: "server.api_keys" });
    expect(await keyRow.textContent()).toContain("adm…");
    const config = await svc.call("GET", "/config", { key: ADMIN });
    const sources = new Set((config.json.settings as { source: string }[]).map((s) => s.source));
    for (const source of sources) expect(text).toContain(source);
    expect(await page.locator("main input, main textarea, main select").count()).toBe(0); // read-only
    await page.close();
  });

  it("is usable from the keyboard and keeps an explicit light or dark theme over the system's", async () => {
    const svc = await startTestService();
    const page = await browser.context.newPage();
    await page.emulateMedia({ colorScheme: "dark" });
    await page.goto(`${svc.url}/ui/`);
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string>("document.activeElement.textContent")).toBe("Skip to content");
    for (let i = 0; i < 12; i += 1) {
      await page.keyboard.press("Tab");
      if ((await page.evaluate<string>("document.activeElement.textContent")) === "Optimizer") break;
    }
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "Optimizer" }).waitFor();
    const background = (): Promise<string> => page.evaluate<string>("getComputedStyle(document.body).backgroundColor");
    expect(await background()).toBe("rgb(15, 18, 22)");
    await page.getByLabel("Theme").selectOption("light");
    expect(await background()).toBe("rgb(246, 247, 249)");
    await page.reload();
    await page.getByRole("heading", { name: "Optimizer" }).waitFor();
    expect(await background()).toBe("rgb(246, 247, 249)"); // remembered
    await page.emulateMedia({ colorScheme: "light" });
    await page.getByLabel("Theme").selectOption("dark");
    expect(await background()).toBe("rgb(15, 18, 22)");
    await page.close();
  });
});
