import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { defineConfig, loadConfig, maskSecrets } from "../../src/config/load-config.js";
import type { LoadConfigOptions } from "../../src/config/load-config.js";
import { ErrorCode } from "../../src/errors.js";
import type { CortexMemError } from "../../src/errors.js";
import { tempHome } from "../helpers.js";

/** The CONFIG error of a load. */
function failure(options: LoadConfigOptions): CortexMemError {
  try {
    loadConfig(options);
  } catch (error) {
    return error as CortexMemError;
  }
  throw new Error("expected a CONFIG error");
}

/** A directory holding `files` (name → text). */
function dirWith(files: Record<string, string>): string {
  const dir = tempHome();
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, ".."), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

describe("which file is read", () => {
  it("an explicit file, relative to cwd, before CORTEX_MEM_CONFIG and ./cortex-mem.toml", () => {
    const dir = dirWith({
      "a.toml": "[memory]\nsearch_limit = 1\n",
      "b.toml": "[memory]\nsearch_limit = 2\n",
      "cortex-mem.toml": "[memory]\nsearch_limit = 3\n",
    });
    const explicit = loadConfig({ file: "a.toml", env: { CORTEX_MEM_CONFIG: "b.toml" }, cwd: dir, homeDir: dir });
    expect(explicit.file).toBe(join(dir, "a.toml"));
    expect(explicit.config.memory.searchLimit).toBe(1);
    const fromEnv = loadConfig({ env: { CORTEX_MEM_CONFIG: "b.toml" }, cwd: dir, homeDir: dir });
    expect(fromEnv.file).toBe(join(dir, "b.toml"));
    expect(fromEnv.config.memory.searchLimit).toBe(2);
    const local = loadConfig({ env: {}, cwd: dir, homeDir: dir });
    expect(local.file).toBe(join(dir, "cortex-mem.toml"));
    expect(local.config.memory.searchLimit).toBe(3);
  });

  it("without an env option no variable is read, and none is needed", () => {
    const dir = dirWith({ "b.toml": "[memory]\nsearch_limit = 2\n" });
    expect(loadConfig({ cwd: dir, homeDir: dir }).file).toBeNull();
  });

  it("file: null reads no file at all", () => {
    const dir = dirWith({ "cortex-mem.toml": "[memory]\nsearch_limit = 3\n" });
    const loaded = loadConfig({ file: null, env: { CORTEX_MEM_CONFIG: "cortex-mem.toml" }, cwd: dir, homeDir: dir });
    expect(loaded.file).toBeNull();
    expect(loaded.config.memory.searchLimit).toBe(10);
  });

  it("./config.toml only when it is a Rust v1 file; ./cortex-mem.toml comes first", () => {
    const v1 = dirWith({ "config.toml": "[memory]\nmax_search_results = 4\n" });
    const loaded = loadConfig({ env: {}, cwd: v1, homeDir: v1 });
    expect(loaded.file).toBe(join(v1, "config.toml"));
    expect(loaded.config.memory.searchLimit).toBe(4);
    const both = dirWith({
      "config.toml": "[memory]\nmax_search_results = 4\n",
      "cortex-mem.toml": "[memory]\nsearch_limit = 3\n",
    });
    expect(loadConfig({ env: {}, cwd: both, homeDir: both }).file).toBe(join(both, "cortex-mem.toml"));
    const other = dirWith({ "config.toml": '[package]\nname = "x"\n' });
    expect(loadConfig({ env: {}, cwd: other, homeDir: other }).file).toBeNull();
  });

  it("else <home>/cortex-mem.toml, home from the overrides, then the environment, then ~/.cortex-mem", () => {
    const cwd = tempHome();
    const user = dirWith({ ".cortex-mem/cortex-mem.toml": "[memory]\nsearch_limit = 5\n" });
    const byDefault = loadConfig({ env: {}, cwd, homeDir: user });
    expect(byDefault.file).toBe(join(user, ".cortex-mem", "cortex-mem.toml"));
    expect(byDefault.config.memory.searchLimit).toBe(5);
    expect(byDefault.config.home).toBe(join(user, ".cortex-mem"));
    const envHome = dirWith({ "cortex-mem.toml": "[memory]\nsearch_limit = 6\n" });
    const flagHome = dirWith({ "cortex-mem.toml": "[memory]\nsearch_limit = 7\n" });
    const fromEnv = loadConfig({ env: { CORTEX_MEM_HOME: envHome }, cwd, homeDir: user });
    expect(fromEnv.file).toBe(join(envHome, "cortex-mem.toml"));
    expect(fromEnv.config.memory.searchLimit).toBe(6);
    const fromFlag = loadConfig({
      env: { CORTEX_MEM_HOME: envHome },
      overrides: { home: flagHome },
      cwd,
      homeDir: user,
    });
    expect(fromFlag.file).toBe(join(flagHome, "cortex-mem.toml"));
    expect(fromFlag.config.memory.searchLimit).toBe(7);
    expect(loadConfig({ env: {}, cwd, homeDir: cwd }).file).toBeNull();
  });
});

describe("layers and sources", () => {
  it("an undefined override changes nothing; tables merge key by key across layers", () => {
    const dir = dirWith({ "c.toml": '[server]\nport = 4000\n[memory.ttl]\ndefault = "30d"\n' });
    const { config, sources } = loadConfig({
      file: join(dir, "c.toml"),
      env: { CORTEX_MEM_HOST: "0.0.0.0" },
      overrides: { server: { port: undefined, workers: 2 }, memory: { ttl: { episodic: "7d" } } },
      homeDir: dir,
    });
    expect(config.server).toMatchObject({ port: 4000, host: "0.0.0.0", workers: 2 });
    expect(config.memory.ttl).toStrictEqual({ default: "30d", episodic: "7d" });
    expect(sources).toMatchObject({
      "server.port": "file",
      "server.host": "env",
      "server.workers": "flag",
      "memory.ttl.default": "file",
      "memory.ttl.episodic": "flag",
    });
  });

  it("a null in a JSON file is a bad value named by its key, not a crash", () => {
    const dir = dirWith({ "c.json": '{"llm": {"api_key": null}, "memory": {"search_limit": 3}}' });
    const error = failure({ file: join(dir, "c.json"), env: {}, homeDir: dir });
    expect(error.code).toBe(ErrorCode.CONFIG);
    expect(error.details).toStrictEqual([{ path: "llm.api_key", message: expect.stringMatching(/ \(from file\)$/) }]);
  });

  it("every leaf of the resolved config has a source; leaves nobody set are defaults", () => {
    const { sources } = loadConfig({ file: null, env: { CORTEX_MEM_PORT: "1234" }, homeDir: tempHome() });
    // 56 leaves: home, 1 store, 2 qdrant, 6 llm, 5 embedding, 13 memory, 8 server, 1 logging, 10 jobs,
    // 5 optimizer, 4 usage (optional keys left unset are not leaves; an empty [memory.ttl] has none).
    expect(Object.keys(sources)).toHaveLength(57);
    expect(sources).toMatchObject({
      home: "default",
      "store.kind": "default",
      "server.port": "env",
      "server.apiKeys": "default",
      "usage.prices": "default",
      "memory.vectorWeight": "default",
    });
    expect(sources["memory.ttl"]).toBeUndefined();
    expect(Object.values(sources).filter((s) => s !== "default")).toStrictEqual(["env"]);
  });

  it("home defaults to ~/.cortex-mem under homeDir and is made absolute", () => {
    const dir = tempHome();
    expect(loadConfig({ file: null, env: {}, homeDir: dir }).config.home).toBe(join(dir, ".cortex-mem"));
    expect(loadConfig({ file: null, env: {}, overrides: { home: dir }, homeDir: "/elsewhere" }).config.home).toBe(dir);
  });
});

describe("the Qdrant URL selects the Qdrant store", () => {
  const kind = (options: LoadConfigOptions): [string, string | undefined] => {
    const { config, sources } = loadConfig({ homeDir: tempHome(), ...options });
    return [config.store.kind, sources["store.kind"]];
  };

  it("a URL at a higher level than the store kind wins, and the store kind takes the URL's source", () => {
    const dir = dirWith({ "c.toml": '[store]\nkind = "sqlite"\npath = "/data/m.db"\n' });
    const file = join(dir, "c.toml");
    expect(kind({ file, env: { CORTEX_MEM_QDRANT_URL: "http://q:6333" } })).toStrictEqual(["qdrant", "env"]);
    const loaded = loadConfig({ file, env: { CORTEX_MEM_QDRANT_URL: "http://q:6333" }, homeDir: dir });
    expect(loaded.config.store).toStrictEqual({ kind: "qdrant", path: "/data/m.db" });
    expect(
      kind({ file: null, env: { CORTEX_MEM_STORE: "sqlite" }, overrides: { qdrant: { url: "http://q:6333" } } }),
    ).toStrictEqual(["qdrant", "flag"]);
  });

  it("a store kind at the same or a higher level than the URL wins", () => {
    expect(
      kind({ file: null, env: { CORTEX_MEM_STORE: "sqlite", CORTEX_MEM_QDRANT_URL: "http://q:6333" } }),
    ).toStrictEqual(["sqlite", "env"]);
    expect(
      kind({
        file: null,
        env: { CORTEX_MEM_QDRANT_URL: "http://q:6333" },
        overrides: { store: { kind: "sqlite" } },
      }),
    ).toStrictEqual(["sqlite", "flag"]);
    const dir = dirWith({ "c.toml": '[qdrant]\nurl = "http://q:6333"\n' });
    expect(kind({ file: join(dir, "c.toml"), env: { CORTEX_MEM_STORE: "sqlite" } })).toStrictEqual(["sqlite", "env"]);
  });

  it("no URL: the store kind is untouched", () => {
    expect(kind({ file: null, env: {} })).toStrictEqual(["sqlite", "default"]);
    expect(kind({ file: null, env: { CORTEX_MEM_STORE: "qdrant" } })).toStrictEqual(["qdrant", "env"]);
  });

  it("port 6334 (v1's gRPC port) is a CONFIG error naming qdrant.url, from a file too", () => {
    const dir = dirWith({ "c.toml": '[qdrant]\nurl = "http://q:6334"\n' });
    const error = failure({ file: join(dir, "c.toml"), env: {}, homeDir: dir });
    expect(error.code).toBe(ErrorCode.CONFIG);
    expect(error.details).toStrictEqual([{ path: "qdrant.url", message: expect.any(String) }]);
    expect(error.message).toContain("qdrant.url (file)");
    expect(loadConfig({ file: null, env: { CORTEX_MEM_QDRANT_URL: "http://q:6333" } }).config.qdrant.url).toBe(
      "http://q:6333",
    );
  });
});

describe("Rust v1's search_similarity_threshold", () => {
  const load = (threshold: string, env: Record<string, string> = {}, extra = "") => {
    const dir = dirWith({ "config.toml": `[memory]\nsearch_similarity_threshold = ${threshold}\n${extra}` });
    return loadConfig({ file: join(dir, "config.toml"), env, homeDir: dir });
  };

  it("is converted with the resolved weights: 0.7 · 0.01/(0.01+0.99) · (1 − 0.1 − 0.05), rounded down, with a model embedder", () => {
    const { config, sources, origins, warnings } = load("0.7", { OPENAI_API_KEY: "sk-x" });
    expect(config.memory.searchThreshold).toBe(0.0059);
    expect(sources["memory.searchThreshold"]).toBe("file");
    expect(origins).toStrictEqual({ "memory.searchThreshold": "memory.search_similarity_threshold" });
    expect(warnings).toStrictEqual([]);
  });

  it("accepts 0 and 1", () => {
    expect(load("0", { OPENAI_API_KEY: "sk-x" }).config.memory.searchThreshold).toBe(0);
    expect(load("1", { OPENAI_API_KEY: "sk-x" }).config.memory.searchThreshold).toBe(0.0085);
  });

  it("is ignored with one warning when search_threshold is set too; ours stays, with its source", () => {
    const { config, sources, origins, warnings } = load("0.7", { OPENAI_API_KEY: "sk-x" }, "search_threshold = 0.2\n");
    expect(config.memory.searchThreshold).toBe(0.2);
    expect(sources["memory.searchThreshold"]).toBe("file");
    expect(origins).toStrictEqual({});
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/^config key memory\.search_similarity_threshold \(Rust v1\) is ignored/);
  });

  it("outside 0..1, or not a number, is a CONFIG error naming the v1 key", () => {
    for (const bad of ["1.5", "-0.1", '"high"']) {
      const dir = dirWith({ "config.toml": `[memory]\nsearch_similarity_threshold = ${bad}\n` });
      const error = failure({ file: join(dir, "config.toml"), env: {}, homeDir: dir });
      expect(error.code, bad).toBe(ErrorCode.CONFIG);
      expect(error.details, bad).toStrictEqual([
        { path: "memory.search_similarity_threshold", message: expect.any(String) },
      ]);
    }
  });
});

describe("defineConfig", () => {
  it("reads no file, not even <home>/cortex-mem.toml, and no environment", () => {
    const home = dirWith({ "cortex-mem.toml": "[memory]\nsearch_limit = 3\n" });
    const config = defineConfig({ home, server: { port: 9 } });
    expect(config.memory.searchLimit).toBe(10);
    expect(config.server.port).toBe(9);
    expect(config.home).toBe(home);
  });
});

describe("maskSecrets", () => {
  it("masks every API key to its first 3 characters, keeps user bindings and unset keys", () => {
    const config = defineConfig({
      home: "/tmp/h",
      llm: { apiKey: "sk-llm-secret" },
      qdrant: { apiKey: "qd-secret" },
      server: { apiKeys: ["admin-key-0123456789", { key: "alice-key-0123456789", userId: "alice", name: "a" }] },
    });
    const masked = maskSecrets(config) as typeof config;
    expect(masked.llm.apiKey).toBe("sk-…");
    expect(masked.qdrant.apiKey).toBe("qd-…");
    expect(masked.embedding).toStrictEqual({ ...config.embedding, apiKey: undefined });
    expect(masked.server.apiKeys).toStrictEqual(["adm…", { key: "ali…", userId: "alice", name: "a" }]);
    expect({
      ...masked,
      llm: config.llm,
      embedding: config.embedding,
      qdrant: config.qdrant,
      server: config.server,
    }).toStrictEqual(config);
    expect(masked.server).toStrictEqual({
      ...config.server,
      apiKeys: ["adm…", { key: "ali…", userId: "alice", name: "a" }],
    });
    expect(masked.llm).toStrictEqual({ ...config.llm, apiKey: "sk-…" });
    expect(masked.qdrant).toStrictEqual({ ...config.qdrant, apiKey: "qd-…" });
    // The config itself is untouched.
    expect(config.llm.apiKey).toBe("sk-llm-secret");
  });
});
