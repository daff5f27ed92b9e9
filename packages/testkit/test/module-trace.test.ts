import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { MODULE_TRACE_REGISTER, bundledModules, tracedModules } from "../src/index.js";

// A bundled bin in miniature: dist/bin.js imports one chunk; bin.meta.json says what each file holds.
let pkg: string;
let bin: string;
beforeEach(() => {
  pkg = mkdtempSync(join(tmpdir(), "cortex-mem-trace-"));
  mkdirSync(join(pkg, "dist", "chunks"), { recursive: true });
  bin = join(pkg, "dist", "bin.js");
  writeFileSync(bin, 'import "./chunks/a.js";\n');
  writeFileSync(join(pkg, "dist", "chunks", "a.js"), "export {};\n");
  const meta = { "bin.js": ["src/bin.ts"], "chunks/a.js": ["../../node_modules/zod/index.js", "src/a.ts"] };
  writeFileSync(join(pkg, "dist", "bin.meta.json"), JSON.stringify(meta));
});
afterEach(() => rmSync(pkg, { recursive: true, force: true }));

describe("module trace of a bundled bin", () => {
  it("records what a spawned process resolves and expands each bundled file into its modules", async () => {
    const trace = join(pkg, "trace.txt");
    const run = spawnSync(process.execPath, ["--import", MODULE_TRACE_REGISTER, bin], {
      env: { PATH: process.env.PATH ?? "", TRACE_FILE: trace },
    });
    expect(run.status).toBe(0);
    const binUrl = pathToFileURL(bin).href;
    const chunkUrl = pathToFileURL(join(pkg, "dist", "chunks", "a.js")).href;
    expect(await tracedModules(trace, bin)).toEqual([
      binUrl,
      join(pkg, "src", "bin.ts"),
      chunkUrl,
      join(pkg, "..", "..", "node_modules", "zod", "index.js"),
      join(pkg, "src", "a.ts"),
    ]);
  });

  it("records CommonJS modules too: the bins' chunks are CommonJS, required by dist/bin.js", async () => {
    writeFileSync(
      bin,
      'import { createRequire } from "node:module";\ncreateRequire(import.meta.url)("./chunks/a.cjs");\n',
    );
    writeFileSync(join(pkg, "dist", "chunks", "a.cjs"), "module.exports = {};\n");
    const meta = { "chunks/a.cjs": ["src/a.ts"] };
    writeFileSync(join(pkg, "dist", "bin.meta.json"), JSON.stringify(meta));
    const trace = join(pkg, "trace.txt");
    const run = spawnSync(process.execPath, ["--import", MODULE_TRACE_REGISTER, bin], {
      env: { PATH: process.env.PATH ?? "", TRACE_FILE: trace },
    });
    expect(run.status).toBe(0);
    const chunkUrl = pathToFileURL(join(pkg, "dist", "chunks", "a.cjs")).href;
    expect((await tracedModules(trace, bin)).filter((url) => !url.startsWith("node:"))).toEqual([
      pathToFileURL(bin).href,
      chunkUrl,
      join(pkg, "src", "a.ts"),
    ]);
  });

  it("keeps URLs outside the bundle, and every URL when the bin has no bin.meta.json", () => {
    const urls = ["node:fs", pathToFileURL(join(pkg, "other.js")).href, pathToFileURL(bin).href];
    expect(bundledModules(urls, bin)).toEqual([...urls, join(pkg, "src", "bin.ts")]);
    rmSync(join(pkg, "dist", "bin.meta.json"));
    expect(bundledModules(urls, bin)).toEqual(urls);
  });
});
