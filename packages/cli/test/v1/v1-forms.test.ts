import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FakeOpenAI } from "@cortex-mem/testkit";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, seed, tempHome, total } from "../helpers.js";

// A Rust v1 user's working directory: their `config.toml` (every section, v1's key names) and
// v1's command forms. The LLM and embedder point at the testkit's fake OpenAI server.
function v1Config(url: string, qdrantUrl = "http://localhost:6333"): string {
  return `[server]
host = "127.0.0.1"
port = 8000
cors_origins = ["*"]

[qdrant]
url = "${qdrantUrl}"
collection_name = "cortex-memory"
timeout_secs = 5

[llm]
api_base_url = "${url}"
api_key = "sk-test-1234"
model_efficient = "gpt-5-mini"
temperature = 0.7
max_tokens = 8192

[embedding]
api_base_url = "${url}"
api_key = "sk-test-1234"
model_name = "text-embedding-3-small"
batch_size = 16
timeout_secs = 10

[memory]
max_memories = 10000
similarity_threshold = 0.65
max_search_results = 50
auto_summary_threshold = 32768
auto_enhance = true
deduplicate = true
merge_threshold = 0.75
search_similarity_threshold = 0.70

[logging]
enabled = false
log_directory = "logs"
level = "info"
`;
}

describe("Rust v1 forms through the spawned CLI", () => {
  let home: string;
  let work: string;
  let cleanup: () => Promise<void>;
  let fake: FakeOpenAI;
  // The v1 file names a Qdrant server; the environment keeps these tests on SQLite (env beats file).
  const env = { CORTEX_MEM_STORE: "sqlite" };
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    fake = await startFakeOpenAI();
    work = join(home, "project");
    await mkdir(work);
    await writeFile(join(work, "config.toml"), v1Config(fake.url));
  });
  afterEach(async () => {
    await fake.close();
    await cleanup();
  });

  it("reads ./config.toml by default, maps v1 keys (threshold to our scale) and `config` says where each came from", async () => {
    const out = await cliJson<{
      file: string;
      values: { key: string; value: unknown; source: string; v1_key?: string }[];
      warnings: string[];
    }>(["config"], { home, cwd: work, env });
    expect(out.file).toBe(join(work, "config.toml"));
    const byKey = new Map(out.values.map((v) => [v.key, v]));
    expect(byKey.get("llm.model")).toMatchObject({
      value: "gpt-5-mini",
      source: "file",
      v1_key: "llm.model_efficient",
    });
    expect(byKey.get("qdrant.timeout_ms")).toMatchObject({ value: 5000, v1_key: "qdrant.timeout_secs" });
    expect(byKey.get("memory.search_limit")).toMatchObject({ value: 50, v1_key: "memory.max_search_results" });
    // 0.70 cosine → 0.70 · 0.01/(0.01+0.99) · (1 − 0.1 − 0.05), rounded down, with a model embedder.
    expect(byKey.get("memory.search_threshold")).toMatchObject({
      value: 0.0059,
      v1_key: "memory.search_similarity_threshold",
    });
    expect(out.warnings.join("\n")).toMatch(/memory\.max_memories/);
    expect(out.warnings.join("\n")).toMatch(/memory\.merge_threshold/);
    expect(out.warnings.join("\n")).not.toMatch(/auto_enhance|deduplicate|log_directory/); // honoured as v1 meant them
  });

  it("names each key it cannot honour once on stderr", async () => {
    await writeFile(
      join(work, "config.toml"),
      v1Config(fake.url).replace("auto_enhance = true", "auto_enhance = false"),
    );
    const r = await cli(["stats"], { home, cwd: work, env });
    expect(r.code).toBe(0);
    expect(r.stderr.match(/memory\.auto_enhance/g)).toHaveLength(1);
    expect(r.stderr.match(/memory\.max_memories/g)).toHaveLength(1);
  });

  it("accepts v1's search form `search --query Q --user-id U --limit N` and answers at v1's default threshold", async () => {
    await cliJson(["add", "-c", "Alice is allergic to peanuts", "--user-id", "alice", "--no-infer"], {
      home,
      cwd: work,
      env,
    });
    await cliJson(["add", "-c", "Alice lives in Berlin", "--user-id", "alice", "--no-infer"], { home, cwd: work, env });
    const hits = await cliJson<{ results: { content: string }[] }>(
      ["search", "--query", "peanuts allergic", "--user-id", "alice", "--limit", "1"],
      { home, cwd: work, env },
    );
    expect(hits.results.map((h) => h.content)).toEqual(["Alice is allergic to peanuts"]);
    const kw = await cliJson<{ results: { content: string }[] }>(
      ["search", "--user-id", "alice", "--keywords", "Berlin"],
      { home, cwd: work, env },
    );
    expect(kw.results[0]?.content).toBe("Alice lives in Berlin");
    // Without a query v1 listed memories.
    const listed = await cliJson<{ memories: unknown[] }>(["search", "--user-id", "alice"], { home, cwd: work, env });
    expect(listed.memories).toHaveLength(2);
    const twice = await cli(["search", "one", "--query", "two"], { home, cwd: work, env });
    expect(twice.code).toBe(2);
  });

  it("a v1 gRPC Qdrant URL (6334) is a CONFIG error that says to use 6333, and nothing is written", async () => {
    await writeFile(join(work, "config.toml"), v1Config(fake.url, "http://localhost:6334"));
    const r = await cli(["add", "-c", "x", "-u", "alice", "--no-infer", "--json"], { home, cwd: work, env: {} });
    expect(r.code).toBe(6);
    expect(JSON.parse(r.stderr.trim().split("\n").pop() as string).error.code).toBe("CONFIG");
    expect(r.stderr).toMatch(/6333/);
    expect(await total(home)).toBe(0);
  });

  it("leaves a config.toml that is not v1's alone", async () => {
    await writeFile(join(work, "config.toml"), "[tool.other]\nname = 'x'\n");
    await seed(home, "alice", ["note"]);
    const out = await cliJson<{ file: string | null }>(["config"], { home, cwd: work });
    expect(out.file).toBeNull();
  });
});
