import { describe, expect, it } from "vitest";
import { configKeyDocs, configReference, configTemplate } from "../../src/config/config-reference.js";

// Exact lines of the generated documents (docs/CONFIG.md is compared whole by config-docs.test.ts,
// which Stryker's sandbox cannot run). Each test generates its document itself: a value computed
// while the file is collected is attributed to no test by Stryker.

const lines = (text: string): string[] => text.split("\n");

describe("configKeyDocs", () => {
  it("the sections in schema order, a table inside a section right after it", () => {
    expect(configKeyDocs().map((s) => s.section)).toStrictEqual([
      null,
      "store",
      "qdrant",
      "llm",
      "embedding",
      "memory",
      "memory.ttl",
      "server",
      "logging",
      "jobs",
      "optimizer",
      "usage",
    ]);
  });

  it("a key: snake_case name, type, TOML default, what the template shows, variables and meta", () => {
    const docs = configKeyDocs();
    const key = (section: string | null, name: string) =>
      docs.find((s) => s.section === section)?.keys.find((k) => k.key === name);
    expect(key(null, "home")).toStrictEqual({
      name: "home",
      key: "home",
      type: "string",
      defaultValue: undefined,
      shown: '"/home/you/.cortex-mem"',
      env: ["CORTEX_MEM_HOME"],
      meta: {
        description: "Where data lives (<home>/memories.db)",
        note: "~/.cortex-mem",
        example: "/home/you/.cortex-mem",
      },
    });
    expect(key("memory", "search_limit")).toMatchObject({
      name: "memory.search_limit",
      type: "number",
      defaultValue: "10",
      shown: "10",
      env: [],
    });
    expect(key("llm", "api_key")).toMatchObject({
      name: "llm.api_key",
      type: "string",
      defaultValue: undefined,
      shown: '"sk-…"',
      env: ["CORTEX_MEM_LLM_API_KEY", "OPENAI_API_KEY"],
    });
    expect(key("store", "kind")).toMatchObject({ type: "string", defaultValue: '"sqlite"' });
    expect(key("logging", "level")).toMatchObject({
      type: '"debug" \\| "info" \\| "warn" \\| "error" \\| "silent"',
      defaultValue: '"info"',
    });
    expect(key("server", "api_keys")).toMatchObject({ type: "list", defaultValue: "[]" });
    expect(key("memory", "infer")).toMatchObject({ type: "boolean", defaultValue: "true" });
    expect(key("memory", "vector_weight")).toMatchObject({ type: "number", defaultValue: undefined, shown: "0" });
    expect(key("memory.ttl", "episodic")).toMatchObject({
      name: "memory.ttl.episodic",
      type: "duration",
      defaultValue: undefined,
      shown: '"14d"',
    });
    expect(docs.find((s) => s.section === "memory.ttl")?.description).toMatch(/^Default time to live of new memories/);
    expect(docs.find((s) => s.section === "memory")).not.toHaveProperty("description");
    expect(docs.find((s) => s.section === "memory")?.keys.map((k) => k.key)).not.toContain("ttl");
  });
});

describe("configTemplate", () => {
  it("starts with its header and ends with one newline", () => {
    const template = configTemplate();
    expect(lines(template)[0]).toBe(
      "# cortex-mem.toml: configuration of Cortex Memory (CLI, REST service, MCP server).",
    );
    expect(template.endsWith("\n# prices = []\n")).toBe(true);
    // The header is five comment lines, then a blank line.
    expect(
      lines(template)
        .slice(0, 6)
        .map((l) => l.startsWith("# ")),
    ).toStrictEqual([true, true, true, true, true, false]);
    expect(lines(template)[5]).toBe("");
  });

  it("each key: its description, note and variables on one comment line, then the key commented out", () => {
    const template = configTemplate();
    expect(template).toContain(
      "\n\n# Where data lives (<home>/memories.db); default: ~/.cortex-mem; env: CORTEX_MEM_HOME\n" +
        '# home = "/home/you/.cortex-mem"\n\n[store]\n' +
        '# Where memories live: "sqlite", "qdrant" or a registered store; env: CORTEX_MEM_STORE\n# kind = "sqlite"\n',
    );
    expect(template).toContain(
      "\n# API key (prefer the env for secrets); env: CORTEX_MEM_LLM_API_KEY or OPENAI_API_KEY\n" +
        '# api_key = "sk-…"\n',
    );
    expect(template).toContain("\n# Request timeout (ms)\n# timeout_ms = 10000\n");
    expect(template).toContain(
      "\n# Weight of vector similarity; default: 0 with the local embedder, 0.01 with a model\n# vector_weight = 0\n",
    );
  });

  it("a table inside a section: a blank line, its description, its header", () => {
    const template = configTemplate();
    expect(template).toContain("\n\n# Default time to live of new memories by type: a duration (7d, 12h, seconds)");
    expect(template).toContain("Rust v1's memory_ttl_hours sets default\n[memory.ttl]\n# TTL of new memories of every");
  });
});

describe("configReference", () => {
  it("starts with its title and a generated-file note", () => {
    const reference = lines(configReference());
    expect(reference.slice(0, 3)).toStrictEqual([
      "# Configuration reference",
      "",
      "<!-- Generated from packages/core/src/config/schema.ts by `pnpm gen:config`; do not edit by hand. -->",
    ]);
    // Then a blank line, a paragraph of seven lines, a blank line and the first table.
    expect(reference[3]).toBe("");
    expect(reference.slice(4, 11).every((l) => l.length > 0)).toBe(true);
    expect(reference.slice(11, 13)).toStrictEqual(["", "## Top level"]);
  });

  it("one table per section with a row per key: default, note or a dash, variables, escaped pipes", () => {
    const reference = lines(configReference());
    const text = configReference();
    expect(text).toContain(
      "\n\n## Top level\n\n| key | type | default | env | meaning |\n|---|---|---|---|---|\n" +
        "| `home` | string | ~/.cortex-mem | `CORTEX_MEM_HOME` | Where data lives (<home>/memories.db) |\n",
    );
    expect(reference).toContain(
      '| `kind` | string | `"sqlite"` | `CORTEX_MEM_STORE` | Where memories live: "sqlite", "qdrant" or a registered store |',
    );
    expect(reference).toContain(
      '| `level` | "debug" \\| "info" \\| "warn" \\| "error" \\| "silent" | `"info"` | `CORTEX_MEM_LOG_LEVEL` | ' +
        "debug, info, warn, error or silent |",
    );
    expect(reference).toContain(
      "| `path` | string | — | `CORTEX_MEM_DB_PATH` | SQLite file (default <home>/memories.db) |",
    );
    expect(reference).toContain("| `timeout_ms` | number | `10000` | — | Request timeout (ms) |");
    expect(reference).toContain(
      "| `api_key` | string | — | `CORTEX_MEM_LLM_API_KEY`, `OPENAI_API_KEY` | API key (prefer the env for secrets) |",
    );
    expect(reference).toContain(
      "| `vector_weight` | number | 0 with the local embedder, 0.01 with a model | — | Weight of vector similarity |",
    );
    expect(reference).toContain("| `episodic` | duration | — | — | TTL of new episodic memories |");
  });

  it("a table inside a section has its description as a paragraph", () => {
    expect(configReference()).toContain(
      "\n\n## [memory.ttl]\n\nDefault time to live of new memories by type: a duration (7d, 12h, seconds) or never; " +
        "an add's ttl or expires_at wins; Rust v1's memory_ttl_hours sets default.\n\n| key |",
    );
    expect(configReference()).toContain("\n\n## [memory]\n\n| key |");
  });

  it("the v1 keys: renamed (scaled), converted, ignored with or without a warning", () => {
    const reference = lines(configReference());
    const text = configReference();
    expect(text).toContain(
      "\n\n## Rust v1 keys (`config.toml`)\n\n| key in the file | here |\n|---|---|\n" +
        "| `qdrant.collection_name` | `qdrant.collection` |\n",
    );
    expect(reference).toContain("| `qdrant.timeout_secs` | `qdrant.timeout_ms` (× 1000) |");
    expect(reference).toContain("| `memory.memory_ttl_hours` | `memory.ttl.default` |");
    expect(reference).toContain(
      "| `memory.search_similarity_threshold` | converted to `memory.search_threshold` once the weights are known |",
    );
    expect(reference).toContain(
      "| `memory.deduplicate` | ignored, with a warning: deduplicate = false cannot be honoured: " +
        "exact duplicates in one scope are never stored twice |",
    );
    expect(reference).toContain("| `logging.log_directory` | ignored |");
    expect(reference.at(-2)).toBe("| `logging.log_directory` | ignored |");
    expect(reference.at(-1)).toBe("");
  });
});
