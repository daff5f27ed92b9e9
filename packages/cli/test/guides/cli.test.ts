import { readFile } from "node:fs/promises";
import { consoleSteps, GuideIds } from "@cortex-mem/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempHome } from "../helpers.js";
import { installShim, sh } from "./guide-shell.js";

const GUIDE = new URL("../../../../docs/first-hour-cli.md", import.meta.url);

describe("docs/first-hour-cli.md", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    ({ home, cleanup } = await tempHome());
    await installShim(home);
  });
  afterAll(() => cleanup());

  it("prints what the guide shows for every $ line, in order, on a fresh home", { timeout: 120_000 }, async () => {
    const steps = consoleSteps(await readFile(GUIDE, "utf8"));
    expect(steps.length).toBeGreaterThanOrEqual(8);
    const ids = new GuideIds();
    let lastCode = 0;
    for (const step of steps) {
      if (step.command === "echo $?") {
        expect(`${lastCode}\n`, "exit code of the line before").toBe(step.expected);
        continue;
      }
      const run = await sh(ids.command(step.command), home);
      lastCode = run.code;
      const { shown, printed } = ids.compare(step.expected, run.stdout + run.stderr);
      expect(printed, step.command).toBe(shown);
    }
  });
});
