import { parse as parseToml } from "smol-toml";
import { describe, expect, it } from "vitest";
import { configReference, configTemplate } from "../../src/config/config-reference.js";
import { defineConfig } from "../../src/config/load-config.js";
import { configKeyDocs } from "../../src/config/config-reference.js";
import { normalizeFileLayer } from "../../src/config/config-file.js";

describe("generated config documents", () => {
  it("the init template, every default line uncommented, loads to exactly the defaults", () => {
    const defaulted = configKeyDocs().flatMap(({ keys }) => keys.filter((k) => k.defaultValue !== undefined));
    const withDefault = new Set(defaulted.map((k) => k.key));
    const uncommented = configTemplate()
      .split("\n")
      .map((line) => {
        const key = /^# ([a-z_]+) = /.exec(line)?.[1];
        return key && withDefault.has(key) ? line.slice(2) : line;
      })
      .join("\n");
    const layer = normalizeFileLayer(parseToml(uncommented) as Record<string, unknown>);
    // Leaves only: a table inside a section (`[memory.ttl]`) with no default keys adds none.
    const leaves = (bag: object): number =>
      Object.values(bag).reduce<number>(
        (n, v) => n + (typeof v === "object" && v !== null && !Array.isArray(v) ? leaves(v) : 1),
        0,
      );
    const keysSet = leaves(layer);
    expect(keysSet).toBe(defaulted.length);
    expect(defineConfig({ ...layer, home: "/tmp/h" })).toEqual(defineConfig({ home: "/tmp/h" }));
  });

  it("the template shows the embedder-dependent weights the local embedder gets by default", () => {
    const defaults = defineConfig({ home: "/tmp/h" }).memory;
    expect(configTemplate()).toContain(`# vector_weight = ${defaults.vectorWeight}\n`);
    expect(configTemplate()).toContain(`# keyword_weight = ${defaults.keywordWeight}\n`);
  });

  it("documents every key of every section", () => {
    for (const { section, keys } of configKeyDocs()) {
      for (const k of keys) {
        expect(k.meta.description, `${section}.${k.key}`).not.toBe("");
        expect(configReference()).toContain(`| \`${k.key}\` |`);
      }
    }
  });
});
