import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, tempHome } from "./helpers.js";

/** `cortex-mem stats --json` with the code cache in `dir`, reporting each chunk's cache on stderr. */
const stats = (home: string, dir: string) =>
  cli(["stats", "--json"], { home, env: { CORTEX_MEM_CODE_CACHE: "debug", CORTEX_MEM_CODE_CACHE_DIR: dir } });

/** Each chunk's cache state the run reported ("main.js accepted", …), and what it wrote. */
const states = (stderr: string): string[] =>
  stderr
    .split("\n")
    .filter((line) => line.startsWith("cortex-mem code cache: "))
    .map((line) => line.slice(23));

// dist/bin.js (scripts/bin-entry.mjs) compiles the bundle's CommonJS chunks through V8's code cache:
// Node 20 keeps none for ES modules (issue 14).
describe("code cache", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("the first run writes the cache, a later run compiles from it, with the same output", async () => {
    const dir = join(home, "cache");
    const first = await stats(home, dir);
    expect(first.code).toBe(0);
    expect(states(first.stderr)).toContain("main.js none");
    expect(states(first.stderr).some((s) => /^main\.js wrote \d+ bytes$/.test(s))).toBe(true);
    expect(readdirSync(dir).filter((f) => f.startsWith("main.js.")).length).toBe(1);
    const second = await stats(home, dir);
    expect(second.code).toBe(0);
    expect(second.stdout).toBe(first.stdout);
    const accepted = states(second.stderr).filter((s) => s.endsWith(" accepted"));
    expect(accepted).toContain("main.js accepted");
    expect(accepted.length).toBe(states(first.stderr).filter((s) => s.endsWith(" none")).length);
  });

  it("a corrupt or truncated cache is ignored, the output unchanged, and the file replaced", async () => {
    const dir = join(home, "cache");
    const first = await stats(home, dir);
    const file = join(dir, readdirSync(dir).find((f) => f.startsWith("main.js.")) as string);
    const good = readFileSync(file);
    const flipped = Buffer.from(good);
    for (let i = 100; i < flipped.length; i += 97) flipped[i] = (flipped[i] as number) ^ 0xff;
    for (const damaged of [flipped, good.subarray(0, good.length >> 1), Buffer.from("not a cache")]) {
      writeFileSync(file, damaged);
      const run = await stats(home, dir);
      expect(run.code).toBe(0);
      expect(run.stdout).toBe(first.stdout);
      expect(states(run.stderr)).toContain("main.js corrupt");
      expect(states(run.stderr).some((s) => /^main\.js wrote \d+ bytes$/.test(s))).toBe(true);
      expect(states((await stats(home, dir)).stderr)).toContain("main.js accepted");
    }
  });

  it("a cache folder that cannot be written changes nothing but the cache", async () => {
    const blocked = join(home, "a-file");
    writeFileSync(blocked, "");
    const plain = await cli(["stats", "--json"], { home, env: { CORTEX_MEM_CODE_CACHE: "off" } });
    const run = await stats(home, join(blocked, "cache")); // a folder under a file: ENOTDIR, even as root
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(plain.stdout);
    expect(states(run.stderr)).toContain("main.js not written (ENOTDIR)");
    expect(plain.stderr).toBe("");
  });

  it("refuses a CORTEX_MEM_CODE_CACHE value it does not know, naming it, and runs nothing", async () => {
    const dir = join(home, "cache");
    const run = await cli(["add", "never stored", "-u", "alice", "--no-infer"], {
      home,
      env: { CORTEX_MEM_CODE_CACHE: "of", CORTEX_MEM_CODE_CACHE_DIR: dir },
    });
    expect(run.code).toBe(6);
    expect(run.stderr).toContain("CORTEX_MEM_CODE_CACHE=of");
    expect(run.stdout).toBe("");
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
    const list = await cli(["list", "-u", "alice", "--json"], { home });
    expect(list.code).toBe(0);
    expect(JSON.parse(list.stdout).memories).toEqual([]);
  });

  it("CORTEX_MEM_CODE_CACHE=off compiles without it", async () => {
    const dir = join(home, "cache");
    const run = await cli(["--version"], {
      home,
      env: { CORTEX_MEM_CODE_CACHE: "off", CORTEX_MEM_CODE_CACHE_DIR: dir },
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    expect(() => readdirSync(dir)).toThrow(/ENOENT/);
  });
});
