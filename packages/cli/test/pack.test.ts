import { execFile } from "node:child_process";
import { readdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempHome } from "./helpers.js";

const run = promisify(execFile);
const PACKAGES = fileURLToPath(new URL("../../", import.meta.url));
// `npm install` compiles better-sqlite3 from source on machines without prebuilt binaries: minutes, not seconds.
const INSTALL_TIMEOUT = 900_000;

/**
 * The published shape: `pnpm pack` turns workspace:* into real versions, exactly as `pnpm publish`
 * would; the tarballs are installed with plain npm into an empty folder, and `npx cortex-mem` must
 * work there with the embedded defaults (no keys, no config).
 */
describe("npm pack → npm install → npx cortex-mem", () => {
  let dir: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => ({ home: dir, cleanup } = await tempHome()));
  afterAll(() => cleanup());

  it("installs from the tarballs and runs add then search", { timeout: INSTALL_TIMEOUT }, async () => {
    const tarballs = join(dir, "tarballs");
    for (const pkg of ["core", "ui", "service", "mcp", "cli"]) {
      await run("pnpm", ["pack", "--pack-destination", tarballs], { cwd: join(PACKAGES, pkg) });
    }
    const files = (await readdir(tarballs)).filter((f) => f.endsWith(".tgz"));
    expect(files).toHaveLength(5);
    const app = join(dir, "app");
    await run("mkdir", ["-p", app]);
    await writeFile(join(app, "package.json"), JSON.stringify({ name: "empty-app", private: true }));
    const env = {
      ...process.env,
      npm_config_nodedir: process.env.npm_config_nodedir ?? "/usr",
      npm_config_audit: "false",
      npm_config_fund: "false",
      npm_config_update_notifier: "false",
    };
    await run("npm", ["install", ...files.map((f) => join(tarballs, f))], {
      cwd: app,
      env,
      timeout: INSTALL_TIMEOUT,
      maxBuffer: 64 * 1024 * 1024,
    });

    const home = join(dir, "home");
    const cliEnv = {
      PATH: process.env.PATH ?? "",
      HOME: home,
      CORTEX_MEM_HOME: home,
      npm_config_update_notifier: "false",
    };
    const added = await run("npx", ["--no-install", "cortex-mem", "add", "I am allergic to peanuts", "-u", "alice"], {
      cwd: app,
      env: cliEnv,
    });
    expect(added.stdout).toMatch(/^ADD\s+[0-9a-f-]{36}\s+I am allergic to peanuts$/m);
    const found = await run(
      "npx",
      ["--no-install", "cortex-mem", "search", "peanut allergy", "-u", "alice", "--json"],
      { cwd: app, env: cliEnv },
    );
    const hits = (JSON.parse(found.stdout) as { results: { content: string }[] }).results;
    expect(hits[0]?.content).toBe("I am allergic to peanuts");
    const version = await run("npx", ["--no-install", "cortex-mem", "--version"], { cwd: app, env: cliEnv });
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
