import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { ErrorCode, isCortexMemError } from "../../src/errors.js";
import { loadConfig, maskSecrets } from "../../src/config/load-config.js";
import type { CortexMemError } from "../../src/errors.js";
import { tempHome } from "../helpers.js";

describe("loadConfig", () => {
  it("defaults to the embedded store, local embedder and no LLM, in ~/.cortex-mem", () => {
    const home = tempHome();
    const { config, sources, file } = loadConfig({ env: {}, homeDir: home, cwd: home });
    expect(file).toBeNull();
    expect(config).toMatchObject({
      home: join(home, ".cortex-mem"),
      store: { kind: "sqlite" },
      llm: { provider: "none" },
      embedding: { provider: "local" },
    });
    expect(sources["memory.searchLimit"]).toBe("default");
  });

  it("layers file < env < flags and says where each value came from", () => {
    const dir = tempHome();
    const file = join(dir, "cortex-mem.toml");
    writeFileSync(file, '[server]\nport = 4000\nhost = "0.0.0.0"\n[memory]\nsearch_limit = 7\n');
    const { config, sources } = loadConfig({
      file,
      env: { CORTEX_MEM_PORT: "5000" },
      overrides: { server: { host: "127.0.0.2" } },
      homeDir: dir,
    });
    expect(config.server).toMatchObject({ port: 5000, host: "127.0.0.2" });
    expect(config.memory.searchLimit).toBe(7);
    expect(sources).toMatchObject({ "server.port": "env", "server.host": "flag", "memory.searchLimit": "file" });
  });

  it("reads the Rust version's config.toml sections", () => {
    const dir = tempHome();
    const file = join(dir, "config.toml");
    writeFileSync(
      file,
      `[qdrant]\nurl = "http://localhost:6333"\ncollection_name = "cortex-memories"\nembedding_dim = 1536\ntimeout_secs = 5\n` +
        `[llm]\napi_base_url = "https://llm.example/v1"\napi_key = "sk-llm"\nmodel_efficient = "gpt-4o-mini"\n` +
        `[embedding]\napi_base_url = "https://emb.example/v1"\nmodel_name = "text-embedding-3-small"\napi_key = "sk-emb"\nbatch_size = 10\n` +
        `[memory]\nmax_search_results = 25\n[server]\nport = 3000\n[logging]\nlevel = "debug"\nenabled = true\n`,
    );
    const { config } = loadConfig({ file, env: {}, homeDir: dir });
    expect(config.qdrant).toMatchObject({
      url: "http://localhost:6333",
      collection: "cortex-memories",
      timeoutMs: 5000,
    });
    expect(config.llm).toMatchObject({ provider: "openai", baseUrl: "https://llm.example/v1", model: "gpt-4o-mini" });
    expect(config.embedding).toMatchObject({ provider: "openai", dimensions: 1536, batchSize: 10 });
    expect(config.memory.searchLimit).toBe(25);
    expect(config.logging.level).toBe("debug");
  });

  it("Rust v1 keys: honoured with v1's meaning, the threshold mapped to our scale, one warning per ignored key", () => {
    const dir = tempHome();
    const file = join(dir, "config.toml");
    writeFileSync(
      file,
      `[memory]\nsearch_similarity_threshold = 0.7\nmax_memories = 10\nmemory_ttl_hours = 24\ndeduplicate = true\nauto_enhance = false\n[logging]\nlevel = "trace"\n`,
    );
    const { config, warnings, origins, sources } = loadConfig({ file, env: {}, homeDir: dir });
    // Local embedder: vector weight 0 (BM25 alone), so the cosine floor has nothing to cut: 0.7 · 0/(0+1) · (1 − 0.1 − 0.05).
    expect(config.memory.searchThreshold).toBe(0);
    expect(sources["memory.searchThreshold"]).toBe("file");
    expect(origins["memory.searchThreshold"]).toBe("memory.search_similarity_threshold");
    expect(config.logging.level).toBe("debug");
    // v1 read memory_ttl_hours and never expired anything; here it is the default TTL of every type.
    expect(config.memory.ttl).toEqual({ default: "24h" });
    expect(origins["memory.ttl.default"]).toBe("memory.memory_ttl_hours");
    expect(warnings.map((w) => /config key (\S+)/.exec(w)?.[1]).sort()).toEqual([
      "memory.auto_enhance",
      "memory.max_memories",
    ]);
  });

  it("memory.ttl: durations or never per type; v1's 0 hours is never; a bad value or key is a CONFIG error naming it", () => {
    const dir = tempHome();
    const file = join(dir, "cortex-mem.toml");
    writeFileSync(file, `[memory.ttl]\ndefault = "30d"\nepisodic = 86400\npersonal = "never"\n`);
    expect(loadConfig({ file, env: {}, homeDir: dir }).config.memory.ttl).toEqual({
      default: "30d",
      episodic: 86400,
      personal: "never",
    });
    writeFileSync(file, `[memory]\nmemory_ttl_hours = 0\n`);
    expect(loadConfig({ file, env: {}, homeDir: dir }).config.memory.ttl).toEqual({ default: "never" });
    for (const [text, path] of [
      [`[memory.ttl]\ndefault = "7 days"\n`, "memory.ttl.default"],
      [`[memory.ttl]\nepisodc = "7d"\n`, "memory.ttl.episodc"],
      [`[memory]\nmemory_ttl_hours = -3\n`, "memory.ttl.default"],
    ] as const) {
      writeFileSync(file, text);
      let error: CortexMemError | undefined;
      try {
        loadConfig({ file, env: {}, homeDir: dir });
      } catch (e) {
        error = e as CortexMemError;
      }
      expect(error?.code).toBe("CONFIG");
      expect((error?.details as { path: string }[]).map((d) => d.path)).toEqual([path]);
    }
  });

  it("a v1 gRPC Qdrant URL (port 6334) is a CONFIG error naming qdrant.url and port 6333", () => {
    let error: unknown;
    try {
      loadConfig({ env: { CORTEX_MEM_QDRANT_URL: "http://localhost:6334" }, homeDir: tempHome() });
    } catch (e) {
      error = e;
    }
    expect(isCortexMemError(error) && error.code).toBe(ErrorCode.CONFIG);
    expect((error as Error).message).toMatch(/qdrant\.url \(env\).*6333/);
  });

  it("OPENAI_API_KEY switches both providers to openai; specific variables win", () => {
    const { config } = loadConfig({
      env: { OPENAI_API_KEY: "sk-x", OPENAI_BASE_URL: "http://127.0.0.1:1/v1", CORTEX_MEM_EMBEDDING_PROVIDER: "local" },
      homeDir: tempHome(),
    });
    expect(config.llm).toMatchObject({ provider: "openai", apiKey: "sk-x", baseUrl: "http://127.0.0.1:1/v1" });
    expect(config.embedding.provider).toBe("local");
    expect(JSON.stringify(maskSecrets(config))).not.toContain("sk-x");
  });

  it("parses API keys bound to users from CORTEX_MEM_API_KEYS", () => {
    const { config } = loadConfig({
      env: { CORTEX_MEM_API_KEYS: "admin-key-0123456789,alice-key-0123456789:alice" },
      homeDir: tempHome(),
    });
    expect(config.server.apiKeys).toEqual(["admin-key-0123456789", { key: "alice-key-0123456789", userId: "alice" }]);
  });

  it("names the bad key and its source in one CONFIG error", () => {
    let error: unknown;
    try {
      loadConfig({ env: { CORTEX_MEM_PORT: "http" }, homeDir: tempHome() });
    } catch (e) {
      error = e;
    }
    expect(isCortexMemError(error, ErrorCode.CONFIG)).toBe(true);
    expect((error as Error).message).toContain("server.port: ");
    expect((error as Error).message).toContain("(from env)");
  });

  it("a missing or unparsable file is a CONFIG error", () => {
    const dir = tempHome();
    expect(() => loadConfig({ file: join(dir, "nope.toml"), env: {} })).toThrowError(
      expect.objectContaining({ code: ErrorCode.CONFIG }),
    );
    writeFileSync(join(dir, "bad.toml"), "[server\nport = ");
    expect(() => loadConfig({ file: join(dir, "bad.toml"), env: {} })).toThrowError(
      expect.objectContaining({ code: ErrorCode.CONFIG }),
    );
  });
});

describe("API keys in a config file", () => {
  it("binds snake_case user_id entries and rejects unknown fields instead of dropping them", () => {
    const dir = tempHome();
    const file = join(dir, "cortex-mem.toml");
    writeFileSync(
      file,
      '[server]\napi_keys = [{ key = "alice-secret-0123456789", user_id = "alice" }, "admin-secret-0123456789"]\n',
    );
    expect(loadConfig({ file, env: {}, homeDir: dir }).config.server.apiKeys).toEqual([
      { key: "alice-secret-0123456789", userId: "alice" },
      "admin-secret-0123456789",
    ]);
    writeFileSync(file, '[server]\napi_keys = [{ key = "alice-secret-0123456789", user = "alice" }]\n');
    expect(() => loadConfig({ file, env: {}, homeDir: dir })).toThrowError(
      expect.objectContaining({ code: ErrorCode.CONFIG }),
    );
  });
});
