import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../src/errors.js";
import { defineConfig, loadConfig } from "../../src/config/load-config.js";
import type { CortexMemError } from "../../src/errors.js";
import { tempHome } from "../helpers.js";

/** Loads `toml` as the only config file and returns the CONFIG error it raised. */
function fileError(toml: string): CortexMemError {
  const dir = tempHome();
  const file = join(dir, "cortex-mem.toml");
  writeFileSync(file, toml);
  try {
    loadConfig({ file, env: {}, homeDir: dir });
  } catch (error) {
    return error as CortexMemError;
  }
  throw new Error("expected a CONFIG error");
}

describe("strict config sections", () => {
  it("an unknown key in a file is a CONFIG error naming it as written, with a suggestion", () => {
    const error = fileError("[memory]\nsearch_limt = 5\n");
    expect(error.code).toBe(ErrorCode.CONFIG);
    expect(error.details).toEqual([{ path: "memory.search_limt", message: expect.stringContaining("unknown key") }]);
    expect(error.message).toContain("did you mean memory.search_limit?");
    expect(error.message).not.toContain("searchLimit");
  });

  it("CORTEX_MEM_INFER takes yes or no words; anything else is a CONFIG error, not a silent yes", () => {
    expect(loadConfig({ file: null, env: { CORTEX_MEM_INFER: "off" } }).config.memory.infer).toBe(false);
    expect(loadConfig({ file: null, env: { CORTEX_MEM_INFER: "Yes" } }).config.memory.infer).toBe(true);
    try {
      loadConfig({ file: null, env: { CORTEX_MEM_INFER: "maybe" } });
      expect.unreachable();
    } catch (error) {
      expect((error as CortexMemError).code).toBe(ErrorCode.CONFIG);
      expect((error as CortexMemError).details).toEqual([expect.objectContaining({ path: "memory.infer" })]);
    }
  });

  it("an unknown section is named as a section; a near one is suggested", () => {
    const bogus = fileError("[bogus]\nx = 1\n");
    expect(bogus.code).toBe(ErrorCode.CONFIG);
    expect(bogus.details).toEqual([{ path: "bogus", message: expect.stringContaining("unknown section [bogus]") }]);
    expect(fileError("[memroy]\ninfer = false\n").message).toContain("did you mean [memory]?");
  });

  it("bad values are named with the file's spelling and their source", () => {
    const error = fileError("[memory]\nsearch_limit = 0\nrecency_half_life_days = -1\n");
    expect(error.code).toBe(ErrorCode.CONFIG);
    expect((error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      "memory.recency_half_life_days",
      "memory.search_limit",
    ]);
    expect(error.message).toContain("(from file)");
  });

  it("every unknown key is reported, not only the first", () => {
    const error = fileError('[llm]\nmodle = "x"\ntemprature = 1\n[server]\nprot = 1\n');
    expect((error.details as { path: string }[]).map((d) => d.path).sort()).toEqual([
      "llm.modle",
      "llm.temprature",
      "server.prot",
    ]);
    expect(error.message).toContain("did you mean server.port?");
  });

  it("library overrides are named in camelCase, as the caller wrote them", () => {
    const home = tempHome();
    let error: CortexMemError | undefined;
    try {
      defineConfig({ home, memory: { vectorWeigth: 0.5 } });
    } catch (e) {
      error = e as CortexMemError;
    }
    expect(error?.code).toBe(ErrorCode.CONFIG);
    expect(error?.details).toEqual([
      { path: "memory.vectorWeigth", message: expect.stringContaining("did you mean memory.vectorWeight?") },
    ]);
  });

  it("a misspelt API-key binding is rejected rather than leaving an unbound key", () => {
    const error = fileError('[server]\napi_keys = [{ key = "alice-secret-0123456789", user = "alice" }]\n');
    expect(error.details).toEqual([
      { path: "server.api_keys.0.user", message: expect.stringContaining("unknown key") },
    ]);
  });
});

describe("defaults resolved by the schema", () => {
  it("weights follow the embedder; providers follow the API keys", () => {
    const home = tempHome();
    expect(defineConfig({ home }).memory).toMatchObject({ vectorWeight: 0, keywordWeight: 1 });
    const model = defineConfig({ home, embedding: { apiKey: "sk-x" } });
    expect(model.embedding.provider).toBe("openai");
    expect(model.llm.provider).toBe("none");
    expect(model.memory).toMatchObject({ vectorWeight: 0.01, keywordWeight: 0.99 });
    expect(defineConfig({ home, memory: { vectorWeight: 1 } }).memory).toMatchObject({
      vectorWeight: 1,
      keywordWeight: 1,
    });
    expect(defineConfig({ home, llm: { apiKey: "sk-x" } }).llm.provider).toBe("openai");
  });

  it("home is made absolute", () => {
    const dir = tempHome();
    expect(loadConfig({ env: { CORTEX_MEM_HOME: "rel/home" }, cwd: dir, homeDir: dir, file: null }).config.home).toBe(
      join(process.cwd(), "rel/home"),
    );
  });
});
