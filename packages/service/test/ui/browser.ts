// Headless Debian chromium driven by playwright-core: nothing is downloaded; the browser is the
// system's (/usr/bin/chromium, or CHROMIUM_PATH), with a fresh profile per launch.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { BrowserContext, Page } from "playwright-core";

/** Where the browser is; the tests fail (not skip) when it is missing: `.ci/run` installs it. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** Flags that keep the browser off the network and out of first-run work. */
export const CHROMIUM_FLAGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A launched browser context and how to close it (and remove its profile). */
export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Launches chromium with a fresh `--user-data-dir`. */
export async function launchBrowser(
  options: { width?: number; height?: number; dark?: boolean } = {},
): Promise<Browser> {
  if (!existsSync(CHROMIUM_PATH))
    throw new Error(
      `No browser at ${CHROMIUM_PATH}: install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH`,
    );
  const profile = mkdtempSync(join(tmpdir(), "cortex-mem-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: CHROMIUM_FLAGS,
    viewport: { width: options.width ?? 1280, height: options.height ?? 860 },
    colorScheme: options.dark ? "dark" : "light",
    acceptDownloads: true,
  });
  return {
    context,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** Opens the dashboard of the service at `url`, signs in with `key` and waits for the overview. */
export async function signIn(page: Page, url: string, key: string): Promise<void> {
  await page.goto(`${url}/ui/`);
  await page.getByLabel("API key").fill(key);
  await page.getByLabel("API key").press("Enter");
  await page.getByRole("heading", { name: "Overview" }).waitFor();
}
