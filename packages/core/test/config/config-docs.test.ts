import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { configReference } from "../../src/config/config-reference.js";

// Reads the repository's docs/, so Stryker's sandbox (a copy of this package only) leaves it out.
describe("docs/CONFIG.md", () => {
  it("is what the schema generates (run `pnpm gen:config` when this fails)", () => {
    const onDisk = readFileSync(new URL("../../../../docs/CONFIG.md", import.meta.url), "utf8");
    expect(onDisk).toBe(configReference());
  });
});
