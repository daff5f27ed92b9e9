import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { BrowserContext, CDPSession } from "playwright-core";

/** Debian's chromium (or CHROMIUM_PATH), as the dashboard's browser tests use it; nothing is downloaded. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** What one load of the overview took and weighed. */
export interface PageLoad {
  /** Navigation start → overview rendered with its data, no spinner left, and the next frame free for input. */
  interactiveMs: number;
  /** Navigation start → first contentful paint. */
  firstPaintMs: number;
  /** Time of the slowest API call of the load (client side). */
  slowestApiMs: number;
  slowestApi: string;
  /** Bytes on the wire (compressed bodies and headers) of the page's own files: HTML, JS, CSS. */
  staticWireBytes: number;
  /** The same files uncompressed. */
  staticBytes: number;
  /** Bytes on the wire of the API answers the overview asked for. */
  apiWireBytes: number;
  requests: number;
}

/** Resolves window.__overviewReady with performance.now() once the overview shows data and no spinner. */
const READY_PROBE = `
window.__overviewReady = new Promise((resolve) => {
  const done = () => {
    if (!document.querySelector('[data-testid="total"]') || document.querySelector("main .loading")) return false;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
    return true;
  };
  const observer = new MutationObserver(done);
  addEventListener("DOMContentLoaded", () => {
    if (!done()) observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  });
});`;

/** A headless chromium with a fresh profile and the HTTP cache off (every load is a first load). */
export async function overviewBrowser(): Promise<{
  load: (url: string) => Promise<PageLoad>;
  close: () => Promise<void>;
}> {
  if (!existsSync(CHROMIUM_PATH)) throw new Error(`No browser at ${CHROMIUM_PATH}: run scripts/install-browser.sh`);
  const profile = mkdtempSync(join(tmpdir(), "cortex-bench-chromium-"));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport: { width: 1280, height: 860 },
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
  });
  await context.addInitScript(READY_PROBE);
  const load = async (url: string): Promise<PageLoad> => {
    const page = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
    const urls = new Map<string, string>();
    const wire = new Map<string, number>();
    cdp.on("Network.responseReceived", (e) => urls.set(e.requestId, e.response.url));
    cdp.on("Network.loadingFinished", (e) => wire.set(e.requestId, e.encodedDataLength));
    await page.goto(`${url}/ui/`);
    const interactiveMs = await page.evaluate<number>("window.__overviewReady");
    const timings = await page.evaluate<{ name: string; duration: number; decoded: number }[]>(
      `performance.getEntriesByType("resource").map((r) => ({ name: r.name, duration: r.duration, decoded: r.decodedBodySize }))
        .concat(performance.getEntriesByType("navigation").map((r) => ({ name: r.name, duration: r.duration, decoded: r.decodedBodySize })))`,
    );
    const firstPaintMs = await page.evaluate<number>(
      `performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? NaN`,
    );
    await page.close();
    const isStatic = (u: string): boolean => new URL(u).pathname.startsWith("/ui");
    let staticWireBytes = 0;
    let apiWireBytes = 0;
    for (const [id, bytes] of wire) {
      const u = urls.get(id);
      if (!u || !u.startsWith("http")) continue;
      if (isStatic(u)) staticWireBytes += bytes;
      else apiWireBytes += bytes;
    }
    const api = timings.filter((t) => !isStatic(t.name)).sort((a, b) => b.duration - a.duration)[0];
    return {
      interactiveMs,
      firstPaintMs,
      slowestApiMs: api?.duration ?? 0,
      slowestApi: api ? new URL(api.name).pathname : "-",
      staticWireBytes,
      staticBytes: timings.filter((t) => isStatic(t.name)).reduce((n, t) => n + t.decoded, 0),
      apiWireBytes,
      requests: wire.size,
    };
  };
  return {
    load,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
