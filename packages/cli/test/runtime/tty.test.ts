import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, cli, seed, tempHome } from "../helpers.js";

/** util-linux `script` gives the CLI a real pseudo-terminal; without it these checks cannot run. */
const hasScript = ((): boolean => {
  try {
    execFileSync("script", ["--version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Runs the CLI inside a pseudo-terminal and returns everything the terminal showed. */
function inTerminal(args: string[], home: string, env: Record<string, string> = {}): string {
  const command = [process.execPath, BIN, ...args].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  return execFileSync("script", ["-qec", command, "/dev/null"], {
    env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home, TERM: "xterm", ...env },
    encoding: "utf8",
    input: "",
  });
}

describe.skipIf(!hasScript)("on a terminal (needs util-linux `script` for a pseudo-terminal)", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("draws a progress bar for import and colours tables, unless NO_COLOR is set", async () => {
    await seed(home, "alice", ["Owns a kayak", "Reads sci-fi"]);
    const file = join(home, "backup.jsonl");
    await cli(["export", "--out", file], { home });
    const fresh = await tempHome();
    try {
      const shown = inTerminal(["import", file], fresh.home);
      expect(shown).toMatch(/\rimport \[#+\] 100% \d+\/\d+/);
      expect(shown).toContain("Imported 2 memories");
      expect(inTerminal(["list", "-u", "alice"], fresh.home)).toContain("\x1b[");
      const plain = inTerminal(["list", "-u", "alice"], fresh.home, { NO_COLOR: "1" });
      expect(plain).toContain("Owns a kayak");
      expect(plain).not.toContain("\x1b[");
    } finally {
      await fresh.cleanup();
    }
  });
});
