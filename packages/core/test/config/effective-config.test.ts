import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { effectiveConfig } from "../../src/config/effective-config.js";
import { loadConfig } from "../../src/config/load-config.js";
import { tempHome } from "../helpers.js";

describe("effectiveConfig", () => {
  it("lists each leaf with its source, env variable and snake_case key, secrets masked", () => {
    const dir = tempHome();
    const file = join(dir, "cortex-mem.toml");
    writeFileSync(file, '[memory]\nsearch_limit = 7\n[llm]\napi_key = "sk-file-secret-123"\n');
    const loaded = loadConfig({
      file,
      env: { CORTEX_MEM_PORT: "5000", CORTEX_MEM_API_KEYS: "topsecret-key-0123456789:alice" },
      overrides: { server: { host: "127.0.0.2" } },
      homeDir: dir,
    });
    const settings = new Map(effectiveConfig(loaded).map((s) => [s.key, s]));
    expect(settings.get("memory.search_limit")).toEqual({
      key: "memory.search_limit",
      value: 7,
      source: "file",
      secret: false,
    });
    expect(settings.get("server.port")).toMatchObject({ value: 5000, source: "env", env: "CORTEX_MEM_PORT" });
    expect(settings.get("server.host")).toMatchObject({ value: "127.0.0.2", source: "flag" });
    expect(settings.get("llm.api_key")).toMatchObject({ value: "sk-…", secret: true, source: "file" });
    const text = JSON.stringify([...settings.values()]);
    expect(text).not.toContain("sk-file-secret-123");
    expect(text).not.toContain("topsecret-key-0123456789");
    expect([...settings.keys()]).toEqual([...settings.keys()].sort());
  });

  it("says unknown for every source when built without them", () => {
    const { config } = loadConfig({ file: null, env: {}, homeDir: tempHome() });
    expect(new Set(effectiveConfig({ config }).map((s) => s.source))).toEqual(new Set(["unknown"]));
  });
});
