import { execFile } from "node:child_process";
import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { guideBlocks, GuideIds } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";

const run = promisify(execFile);
const GUIDE = new URL("../../../../docs/first-hour-library.md", import.meta.url);
const CORE = fileURLToPath(new URL("../../", import.meta.url));

describe("docs/first-hour-library.md", () => {
  it("runs the guide's program with node against the built package and prints what it shows", async () => {
    const blocks = guideBlocks(await readFile(GUIDE, "utf8"));
    const program = blocks.find((b) => b.lang === "js")!.text;
    const shown = blocks.find((b) => b.lang === "text")!.text;
    const dir = await mkdtemp(join(tmpdir(), "cortex-mem-guide-"));
    try {
      await mkdir(join(dir, "node_modules", "@cortex-mem"), { recursive: true });
      await symlink(CORE, join(dir, "node_modules", "@cortex-mem", "core"), "dir");
      await writeFile(join(dir, "first-hour.mjs"), program);
      const { stdout } = await run(process.execPath, ["first-hour.mjs"], {
        cwd: dir,
        env: { PATH: process.env.PATH ?? "", CORTEX_MEM_HOME: join(dir, "home") },
      });
      const compared = new GuideIds().compare(shown, stdout);
      expect(compared.printed).toBe(compared.shown);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
