import { readFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome, total } from "./helpers.js";

const COMMANDS = [
  "add",
  "search",
  "list",
  "get",
  "update",
  "history",
  "delete",
  "delete-all",
  "expire",
  "stats",
  "reset",
  "export",
  "import",
  "reembed",
  "init",
  "config",
  "doctor",
  "serve",
  "ui",
  "mcp",
];
const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { version: string };

describe("the cortex-mem program", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("prints its version and lists every command in --help", async () => {
    const version = await cli(["--version"], { home });
    expect(version).toMatchObject({ code: 0, stdout: `${pkg.version}\n` });
    const help = await cli(["--help"], { home });
    expect(help.code).toBe(0);
    for (const name of COMMANDS) expect(help.stdout).toMatch(new RegExp(`^\\s+${name}\\b`, "m"));
  });

  it("gives every command a --help with examples", async () => {
    const helps = await Promise.all(COMMANDS.map((name) => cli([name, "--help"], { home })));
    helps.forEach((h, i) => {
      expect(h.code, COMMANDS[i]).toBe(0);
      expect(h.stdout, COMMANDS[i]).toContain("Examples:");
      expect(h.stdout, COMMANDS[i]).toContain(`$ cortex-mem ${COMMANDS[i]}`);
    });
  });

  it("exits 2 on unknown commands, unknown options, missing arguments and bad numbers, writing nothing", async () => {
    for (const args of [
      ["nope"],
      ["list", "--bogus"],
      ["get"],
      ["search", "x", "--limit", "many"],
      ["add", "x", "-u", "a", "--metadata", "novalue"],
    ]) {
      const r = await cli(args, { home });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stderr, args.join(" ")).toMatch(/error/);
      expect(r.stdout).toBe("");
    }
    expect(await total(home)).toBe(0);
  });

  it("accepts -c/--config before or after the command (and --config after add, whose -c is the content)", async () => {
    const file = join(home, "custom.toml");
    await writeFile(file, "[memory]\nsearch_limit = 7\n");
    const before = await cliJson<{ file: string }>(["-c", file, "config"], { home });
    const after = await cliJson<{ file: string }>(["config", "-c", file], { home });
    expect(before.file).toBe(file);
    expect(after.file).toBe(file);
    const added = await cliJson<{ results: { memory: string }[] }>(
      ["add", "-c", "tea over coffee", "-u", "a", "--config", file],
      { home },
    );
    expect(added.results[0]?.memory).toBe("tea over coffee");
  });

  it("names a missing config file and exits with the CONFIG code (6)", async () => {
    const r = await cli(["stats", "-c", join(home, "missing.toml")], { home });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain("[CONFIG]");
    expect(r.stderr).toContain("cortex-mem init");
  });

  it("reports errors as the REST error body on stderr with --json, leaving stdout empty", async () => {
    const r = await cli(["get", "00000000-0000-4000-8000-000000000000", "--json"], { home });
    expect(r.code).toBe(4);
    expect(r.stdout).toBe("");
    expect(JSON.parse(r.stderr)).toMatchObject({ error: { code: "NOT_FOUND" } });
  });

  it("colours only when asked: never in a pipe, with FORCE_COLOR, and never with NO_COLOR", async () => {
    await cli(["add", "I love jazz", "-u", "a", "--no-infer"], { home });
    const piped = await cli(["list", "-u", "a"], { home });
    const forced = await cli(["list", "-u", "a"], { home, env: { FORCE_COLOR: "1" } });
    const noColor = await cli(["list", "-u", "a"], { home, env: { FORCE_COLOR: "1", NO_COLOR: "1" } });
    expect(piped.stdout).not.toContain("\x1b[");
    expect(forced.stdout).toContain("\x1b[");
    expect(noColor.stdout).not.toContain("\x1b[");
    expect(noColor.stdout).toContain("I love jazz");
  });
});
