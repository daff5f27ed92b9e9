#!/usr/bin/env node
// Regenerates the dashboard's screenshots in docs/images/ (desktop 1280 px and narrow 360 px) from
// a real service over a demo store, with Debian's chromium through playwright-core.
// Needs `pnpm build` first. Usage: node scripts/screenshots.mjs
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));
const requireFromService = createRequire(join(root, "packages/service/package.json"));
const { chromium } = requireFromService("playwright-core");
const { contentHash, createMemory, defineConfig } = await import(join(root, "packages/core/dist/index.js"));
const { startService } = await import(join(root, "packages/service/dist/index.js"));

const DAY = 86_400_000;
const KEY = "demo-admin-key-0123456789";
const out = join(root, "docs/images");
mkdirSync(out, { recursive: true });

const FACTS = [
  ["alice", "travel-agent", "Alice is allergic to peanuts", 0.95],
  ["alice", "travel-agent", "Alice prefers aisle seats on long flights", 0.6],
  ["alice", "travel-agent", "Alice lives in Lisbon and surfs on weekends", 0.5],
  ["alice", "chat", "Alice's daughter Maya starts school in September", 0.7],
  ["alice", "chat", "Alice is learning Japanese for a trip to Kyoto", 0.45],
  ["bob", "coding-agent", "Bob deploys with GitHub Actions every Friday", 0.55],
  ["bob", "coding-agent", "Bob's team uses pnpm and TypeScript strict mode", 0.4],
  ["bob", "coding-agent", "Bob prefers tabs over spaces", 0.2],
  ["bob", "chat", "Bob plays the cello in a community orchestra", 0.35],
  ["carol", "support-bot", "Carol's order #4411 was refunded on March 3", 0.3],
  ["carol", "support-bot", "Carol asked to be contacted by email, not phone", 0.65],
  ["carol", "chat", "Carol runs a bakery in Porto", 0.5],
  ["dave", "chat", "Dave is vegetarian", 0.8],
  ["dave", "chat", "Dave's birthday is on 12 June", 0.6],
];

/** Adds the facts, then re-imports them with creation dates spread over the last 4 weeks. */
async function demoStore(home) {
  const staging = await createMemory(defineConfig({ home: join(home, "staging") }));
  for (const [userId, agentId, content, importance] of FACTS)
    await staging.add(content, { userId, agentId, importance, infer: false });
  const lines = [];
  let n = 0;
  for await (const line of staging.export({})) {
    const rec = JSON.parse(line);
    if (rec.type === "memory") {
      const shift = (iso) => new Date(Date.parse(iso) - ((n * 5) % 27) * DAY - (n % 3) * 3_600_000).toISOString();
      for (const k of ["created_at", "updated_at", "observed_at"]) rec.memory[k] = shift(rec.memory[k]);
      for (const h of rec.history) h.created_at = shift(h.created_at);
      n++;
    }
    lines.push(JSON.stringify(rec));
    // Near-copies for the optimizer page to find (add would have merged them; import keeps them).
    if (rec.type === "memory" && /aisle seats|GitHub Actions/.test(rec.memory.content)) {
      const twin = structuredClone(rec);
      twin.memory.id = crypto.randomUUID();
      twin.memory.content = `${rec.memory.content}!`;
      twin.memory.hash = contentHash(twin.memory.content);
      twin.history = [];
      lines.push(JSON.stringify(twin));
    }
  }
  await staging.close();
  const memory = await createMemory(defineConfig({ home: join(home, "store"), server: { apiKeys: [KEY] } }));
  await memory.import(lines);
  const { memories } = await memory.list({ userId: "alice" });
  const peanuts = memories.find((m) => m.content.includes("peanuts"));
  await memory.update(peanuts.id, { content: "Alice is severely allergic to peanuts and carries an EpiPen" });
  const tabs = (await memory.list({ userId: "bob" })).memories.find((m) => m.content.includes("tabs"));
  await memory.delete(tabs.id);
  return { memory, peanutsId: peanuts.id };
}

const home = mkdtempSync(join(tmpdir(), "cortex-mem-shots-"));
const profile = mkdtempSync(join(tmpdir(), "cortex-mem-chromium-"));
const { memory, peanutsId } = await demoStore(home);
const config = defineConfig({ home: join(home, "store"), server: { apiKeys: [KEY] } });
const running = await startService({
  config,
  memory,
  host: "127.0.0.1",
  port: 0,
  logger: { debug() {}, info() {}, warn() {}, error() {} },
});
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
});
/** One finished optimization (bob's near-copies), so the optimizer page has a job in its history. */
async function optimizeBob() {
  const headers = { Authorization: `Bearer ${KEY}`, "Content-Type": "application/json" };
  const started = await fetch(`${running.url}/optimization`, {
    method: "POST",
    headers,
    body: JSON.stringify({ strategy: "deduplication", user_id: "bob" }),
  }).then((r) => r.json());
  for (let i = 0; i < 200; i++) {
    const job = await fetch(`${running.url}/optimization/${started.job_id}`, { headers }).then((r) => r.json());
    if (["completed", "failed", "cancelled"].includes(job.status)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
}

try {
  await optimizeBob();
  const shots = [
    ["overview", "#/overview"],
    ["memories", "#/memories?q=food+allergy"],
    ["memory", `#/memories/${peanutsId}`],
    ["owners", "#/owners"],
    ["optimizer", "#/optimizer"],
    ["settings", "#/settings"],
  ];
  for (const [size, viewport, scheme] of [
    ["desktop", { width: 1280, height: 860 }, "light"],
    ["narrow", { width: 360, height: 780 }, "dark"],
  ]) {
    const page = await context.newPage();
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${running.url}/ui/`);
    await page.getByLabel("API key").waitFor();
    await page.screenshot({ path: join(out, `ui-login-${size}.png`) });
    await page.getByLabel("API key").fill(KEY);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByRole("heading", { name: "Overview" }).waitFor();
    for (const [name, hash] of shots) {
      await page.goto(`${running.url}/ui/${hash}`);
      await page.locator("main h1").first().waitFor();
      await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0);
      if (name === "optimizer") {
        await page.getByLabel("User id").fill("alice");
        await page.getByRole("button", { name: "Analyze" }).click();
        await page.getByTestId("plan").waitFor();
      }
      await page.screenshot({ path: join(out, `ui-${name}-${size}.png`), fullPage: size === "desktop" });
      console.log(`docs/images/ui-${name}-${size}.png`);
    }
    await page.close();
  }
} finally {
  await context.close();
  await running.close();
  await memory.close();
  rmSync(home, { recursive: true, force: true });
  rmSync(profile, { recursive: true, force: true });
}
