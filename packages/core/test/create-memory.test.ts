import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineConfig } from "../src/config/load-config.js";
import type { CortexMemConfig } from "../src/config/schema.js";
import { createMemory } from "../src/create-memory.js";
import { isCortexMemError } from "../src/errors.js";

async function codeOf(promise: Promise<unknown>): Promise<{ code: string; paths: string[] }> {
  try {
    await promise;
  } catch (error) {
    if (!isCortexMemError(error)) throw error;
    const details = (error.details ?? []) as { path: string }[];
    return { code: error.code, paths: details.map((d) => d.path) };
  }
  throw new Error("expected a rejection");
}

describe("createMemory", () => {
  it("refuses a hand-written config from plain JavaScript with CONFIG naming what is missing, and creates no file", async () => {
    const home = mkdtempSync(join(tmpdir(), "cm-create-"));
    const handWritten = { home, store: { path: join(home, "x.db") } } as unknown as CortexMemConfig;
    const { code, paths } = await codeOf(createMemory(handWritten));
    expect(code).toBe("CONFIG");
    expect(paths).toEqual(["memory", "jobs", "llm.provider", "embedding.provider"]);
    expect(await codeOf(createMemory({ config: {} } as unknown as CortexMemConfig))).toMatchObject({ code: "CONFIG" });
    expect(readdirSync(home)).toEqual([]);
  });

  it("opens a store from the config defineConfig resolves", async () => {
    const home = mkdtempSync(join(tmpdir(), "cm-create-"));
    const memory = await createMemory(defineConfig({ home }));
    try {
      const { results } = await memory.add("Remember the blue notebook", { userId: "u", infer: false });
      expect(results).toHaveLength(1);
    } finally {
      await memory.close();
    }
  });
});
