import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { CONFIG_SECTIONS, configSchema, homeKeySchema } from "../../src/config/schema.js";
import { isSchemaBuilt } from "../../src/util/lazy-schema.js";
import { tempHome } from "../helpers.js";

// Its own file: vitest gives each test file a fresh module graph, so nothing here was built by
// another test before these run (they run in order, the first on untouched schemas).
const unbuilt = () => Object.entries(CONFIG_SECTIONS).flatMap(([name, s]) => (isSchemaBuilt(s) ? [] : [name]));
const ALL = Object.keys(CONFIG_SECTIONS);

describe("loading a configuration builds only the schemas of the sections it sets (issue 14)", () => {
  it("builds none for a configuration that sets nothing, and the answer has every default", () => {
    const home = tempHome();
    const { config } = loadConfig({ env: {}, homeDir: home, cwd: home, file: null });
    expect(unbuilt()).toEqual(ALL);
    expect(isSchemaBuilt(configSchema)).toBe(false);
    expect(isSchemaBuilt(homeKeySchema)).toBe(false);
    expect(config.server.port).toBe(3000);
    expect(config.embedding.provider).toBe("local");
    expect(config.memory.keywordWeight).toBe(1);
  });

  it("builds the server section alone for a port from the environment", () => {
    const home = tempHome();
    const { config } = loadConfig({ env: { CORTEX_MEM_PORT: "4001" }, homeDir: home, cwd: home, file: null });
    expect(config.server.port).toBe(4001);
    expect(unbuilt()).toEqual(ALL.filter((name) => name !== "server"));
    expect(isSchemaBuilt(configSchema)).toBe(false);
  });

  it("builds the whole schema to report a bad configuration, the error naming the key", () => {
    const home = tempHome();
    expect(() =>
      loadConfig({ env: {}, homeDir: home, cwd: home, file: null, overrides: { jobs: { pollMs: 1 } } }),
    ).toThrow(expect.objectContaining({ code: "CONFIG" }));
    expect(isSchemaBuilt(configSchema)).toBe(true);
  });
});
