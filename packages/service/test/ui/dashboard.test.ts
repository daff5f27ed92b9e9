// End-to-end: the dashboard in a real headless chromium against the real service on a real port
// over a real SQLite file. Each test drives the UI the way a person would (labels, roles, keys).
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Page } from "playwright-core";
import { startTestService } from "../helpers.js";
import type { TestService } from "../helpers.js";
import { launchBrowser, signIn as signInAt } from "./browser.js";
import type { Browser } from "./browser.js";

const ADMIN = "admin-key-0123456789";
const ALICE = "alice-key-0123456789";

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function seeded(): Promise<TestService> {
  const svc = await startTestService({
    server: { apiKeys: [ADMIN, { key: ALICE, userId: "alice", name: "alice-app" }] },
  });
  const add = (content: string, userId: string, agentId = "chat") =>
    svc.memory.add(content, { userId, agentId, infer: false });
  await add("Alice is allergic to peanuts", "alice");
  await add("Alice lives in Lisbon and surfs on weekends", "alice");
  await add("Bob plays the cello in an orchestra", "bob", "music-bot");
  await add("Bob drinks his coffee black", "bob", "music-bot");
  return svc;
}

const signIn = (page: Page, svc: TestService, key: string): Promise<void> => signInAt(page, svc.url, key);

/** Waits until the page has drawn a frame and run the effects queued by it (Preact runs them after paint). */
const settled = (page: Page): Promise<void> =>
  page.evaluate(
    "new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 100))))",
  );

/**
 * Holds the answers to the page's list calls (`GET /memories`; the search is a POST and passes) until
 * `release`, so a list load stays in flight for as long as the test needs, on any machine. `release`
 * lets them on to the service and resolves once each has reached the page (or the page dropped it).
 */
async function holdListAnswers(page: Page): Promise<{ requested: Promise<void>; release: () => Promise<void> }> {
  let seen!: () => void;
  const requested = new Promise<void>((done) => (seen = done));
  let open!: () => void;
  const gate = new Promise<void>((done) => (open = done));
  const delivered: Promise<unknown>[] = [];
  const isList = (url: URL): boolean => url.pathname === "/memories";
  await page.route(isList, async (route) => {
    if (route.request().method() !== "GET") return route.fallback();
    seen();
    const outcome = route
      .request()
      .response()
      .then((res) => res?.finished());
    delivered.push(outcome.catch(() => undefined));
    await gate;
    await route.continue().catch(() => undefined); // the page may have dropped the call meanwhile
  });
  return {
    requested,
    async release() {
      open();
      await page.unroute(isList);
      await Promise.all(delivered);
    },
  };
}

describe("dashboard in a browser", () => {
  it("rejects a wrong key with the API's message, then signs in and shows the overview", async () => {
    const svc = await seeded();
    const page = await browser.context.newPage();
    await page.goto(`${svc.url}/ui/`);
    await page.getByLabel("API key").fill("not-a-valid-key-000");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("Invalid API key");
    await page.getByLabel("API key").fill(ADMIN);
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => page.getByTestId("total").textContent()).toBe("4");
    const users = await page.getByRole("list", { name: "Memories by user" }).textContent();
    expect(users).toContain("alice");
    expect(users).toContain("bob");
    await page.close();
  });

  it("searches, opens a memory, edits it with If-Match and shows the new history row", async () => {
    const svc = await seeded();
    const page = await browser.context.newPage();
    await signIn(page, svc, ADMIN);
    await page.getByRole("link", { name: "Memories" }).click();
    await page.getByRole("searchbox", { name: "Search text" }).fill("peanuts allergy");
    await page.getByRole("button", { name: "Search" }).click();
    await page.locator("table.memories", { hasText: "relevance" }).waitFor();
    const hit = page.getByRole("link", { name: "Alice is allergic to peanuts" });
    await hit.waitFor();
    expect(await page.locator("table.memories").textContent()).toMatch(/relevance/);
    await hit.click();
    await page.getByLabel("Content").fill("Alice is severely allergic to peanuts");
    await page.getByLabel("Importance").fill("0.95");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.getByTestId("history").textContent()).toContain("UPDATE");
    expect(await page.getByTestId("history").textContent()).toContain("Alice is severely allergic to peanuts");
    const id = page.url().split("/memories/")[1] as string;
    const stored = await svc.memory.get(id);
    expect({ content: stored.content, importance: stored.importance }).toEqual({
      content: "Alice is severely allergic to peanuts",
      importance: 0.95,
    });

    // Someone else changes it: the stale edit is refused (409) and the API's message is shown.
    await svc.memory.update(id, { content: "Alice is allergic to peanuts and cashews" });
    await page.getByLabel("Content").fill("A stale edit");
    await page.getByRole("button", { name: "Save changes" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("CONFLICT");
    expect((await svc.memory.get(id)).content).toBe("Alice is allergic to peanuts and cashews");
    await page.close();
  });

  it("keeps a search typed while the list loads, and never lets a late list answer replace a search's", async () => {
    const svc = await seeded();
    const page = await browser.context.newPage();
    await signIn(page, svc, ADMIN);
    const box = page.getByRole("searchbox", { name: "Search text" });
    const ranked = page.locator("table.memories", { hasText: "relevance" });

    // The search is typed while the list is still on its way; the list then arrives and is drawn.
    let list = await holdListAnswers(page);
    await page.getByRole("link", { name: "Memories" }).click();
    await list.requested;
    await box.fill("peanuts allergy");
    await list.release();
    await page.getByRole("link", { name: "Bob plays the cello in an orchestra" }).waitFor();
    await settled(page);
    expect(await box.inputValue()).toBe("peanuts allergy");
    await page.getByRole("button", { name: "Search" }).click();
    await ranked.waitFor();
    expect(await page.locator("table.memories td.content a").first().textContent()).toBe(
      "Alice is allergic to peanuts",
    );

    // A search submitted while the list is on its way: its answer stays, the list's late one is dropped.
    list = await holdListAnswers(page);
    await page.getByRole("link", { name: "Memories" }).click(); // #/memories: a list again
    await list.requested;
    await box.fill("cello orchestra");
    await page.getByRole("button", { name: "Search" }).click();
    await ranked.getByRole("link", { name: "Bob plays the cello in an orchestra" }).waitFor();
    await list.release();
    await settled(page);
    expect(await ranked.count()).toBe(1);
    expect(await page.locator("table.memories td.content a").first().textContent()).toBe(
      "Bob plays the cello in an orchestra",
    );
    expect(await box.inputValue()).toBe("cello orchestra");
    expect(page.url()).toContain("q=cello+orchestra");
    await page.close();
  });

  it("bulk-deletes the selected memories after a confirmation, and exports the filter as JSONL", async () => {
    const svc = await seeded();
    const page = await browser.context.newPage();
    await signIn(page, svc, ADMIN);
    await page.goto(`${svc.url}/ui/#/memories?user_id=bob`);
    await page.getByRole("link", { name: "Bob plays the cello in an orchestra" }).waitFor();
    const download = page.waitForEvent("download");
    await page.getByRole("button", { name: "Export filter as JSONL" }).click();
    const lines = readFileSync(await (await download).path(), "utf8")
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { user_id: string });
    expect(lines.map((l) => l.user_id)).toEqual(["bob", "bob"]);
    await page.getByLabel("Select all on this page").check();
    await page.getByRole("button", { name: "Delete selected (2)" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Delete" }).click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Deleted 2 memories");
    expect((await svc.memory.stats({})).byUser).toEqual({ alice: 2 });
    await page.close();
  });

  it("deletes everything of a user only after its id is typed", async () => {
    const svc = await seeded();
    const page = await browser.context.newPage();
    await signIn(page, svc, ADMIN);
    await page.getByRole("link", { name: "Users & agents" }).click();
    await page.getByRole("button", { name: "Delete all memories of user bob" }).click();
    const dialog = page.getByRole("dialog");
    const confirm = dialog.getByRole("button", { name: "Delete all" });
    await dialog.getByLabel("Type bob to confirm").fill("bo");
    expect(await confirm.isDisabled()).toBe(true);
    await dialog.getByLabel("Type bob to confirm").fill("bob");
    await confirm.click();
    await expect.poll(() => page.getByRole("status").first().textContent()).toContain("Deleted 2 memories of bob");
    expect((await svc.memory.stats({})).byUser).toEqual({ alice: 2 });
    await page.close();
  });

  it("with a key bound to alice shows only alice, even when the URL asks for bob", async () => {
    const svc = await seeded();
    const page = await browser.context.newPage();
    await signIn(page, svc, ALICE);
    expect(await page.getByText("user alice").count()).toBe(1);
    await expect.poll(() => page.getByTestId("total").textContent()).toBe("2");
    expect(await page.getByRole("list", { name: "Memories by user" }).textContent()).not.toContain("bob");
    await page.goto(`${svc.url}/ui/#/memories?user_id=bob`);
    await page.getByRole("link", { name: "Alice is allergic to peanuts" }).waitFor();
    const body = (await page.locator("main").textContent()) ?? "";
    expect(body).not.toContain("Bob");
    await page.getByRole("link", { name: "Settings" }).click();
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("FORBIDDEN");
    await page.close();
  });

  it("fits a 360 px wide screen on every page, in the dark theme too", async () => {
    const svc = await seeded();
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 360, height: 780 });
    await page.emulateMedia({ colorScheme: "dark" });
    await signIn(page, svc, ADMIN);
    const id = (await svc.memory.list({ userId: "alice" })).memories[0]?.id as string;
    for (const route of ["overview", "memories", `memories/${id}`, "owners", "settings"]) {
      await page.goto(`${svc.url}/ui/#/${route}`);
      await page.locator("main h1").first().waitFor();
      await page
        .locator(".loading")
        .first()
        .waitFor({ state: "detached" })
        .catch(() => undefined);
      const overflow = await page.evaluate<number>(
        "document.documentElement.scrollWidth - document.documentElement.clientWidth",
      );
      expect({ route, overflow }).toEqual({ route, overflow: 0 });
    }
    const background = await page.evaluate<string>("getComputedStyle(document.body).backgroundColor");
    expect(background).toBe("rgb(15, 18, 22)");
    await page.close();
  });
});
