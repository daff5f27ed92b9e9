import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { camel, normalizeFileLayer, readConfigFile, setPath, snake } from "../../src/config/config-file.js";
import type { V1Notes } from "../../src/config/v1-keys.js";
import { ErrorCode } from "../../src/errors.js";
import type { CortexMemError } from "../../src/errors.js";
import { tempHome } from "../helpers.js";

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return (error as CortexMemError).code;
  }
  return undefined;
};

describe("key spelling", () => {
  it("camel: snake_case file keys to the schema's camelCase, digits included", () => {
    expect(camel("search_limit")).toBe("searchLimit");
    expect(camel("recency_half_life_days")).toBe("recencyHalfLifeDays");
    expect(camel("v1_key")).toBe("v1Key");
    expect(camel("ttl_2")).toBe("ttl2");
    expect(camel("home")).toBe("home");
    // Only a lowercase letter or a digit after the underscore.
    expect(camel("a_B")).toBe("a_B");
    expect(camel("trailing_")).toBe("trailing_");
  });

  it("snake: camelCase back to snake_case", () => {
    expect(snake("searchLimit")).toBe("search_limit");
    expect(snake("recencyHalfLifeDays")).toBe("recency_half_life_days");
    expect(snake("home")).toBe("home");
  });
});

describe("setPath", () => {
  it("sets a dotted path, creating objects on the way and keeping siblings", () => {
    const target: Record<string, unknown> = { a: { keep: 1 }, b: "scalar" };
    setPath(target, "a.b.c", 2);
    setPath(target, "b.x", 3);
    setPath(target, "top", 4);
    expect(target).toStrictEqual({ a: { keep: 1, b: { c: 2 } }, b: { x: 3 }, top: 4 });
  });

  it("replaces an array on the way by an object", () => {
    const target: Record<string, unknown> = { a: [1] };
    setPath(target, "a.b", 1);
    expect(target).toStrictEqual({ a: { b: 1 } });
  });
});

describe("normalizeFileLayer", () => {
  it("camelCases sections and keys, inside arrays of tables too; top-level values pass through", () => {
    const notes: V1Notes = { warnings: [], origins: {} };
    expect(
      normalizeFileLayer(
        {
          home: "/h",
          memory: { search_limit: 5, ttl: { default: "7d" } },
          server: { api_keys: [{ key: "k", user_id: "alice" }, "plain"], cors_origins: ["x"] },
          some_list: [{ inner_key: 1 }],
        },
        notes,
      ),
    ).toStrictEqual({
      home: "/h",
      memory: { searchLimit: 5, ttl: { default: "7d" } },
      server: { apiKeys: [{ key: "k", userId: "alice" }, "plain"], corsOrigins: ["x"] },
      someList: [{ innerKey: 1 }],
    });
    expect(notes).toStrictEqual({ warnings: [], origins: {} });
  });

  it("v1 keys become ours (possibly in another section); consumed ones are dropped; unknown keys are kept", () => {
    const notes: V1Notes = { warnings: [], origins: {} };
    expect(
      normalizeFileLayer(
        {
          qdrant: { url: "http://q:6333", embedding_dim: 1536, timeout_secs: 3 },
          memory: { max_memories: 5, search_limt: 1 },
          embedding: { model: "m" },
        },
        notes,
      ),
    ).toStrictEqual({
      qdrant: { url: "http://q:6333", timeoutMs: 3000 },
      embedding: { dimensions: 1536, model: "m" },
      memory: { searchLimt: 1 },
    });
    expect(notes.origins).toStrictEqual({
      "embedding.dimensions": "qdrant.embedding_dim",
      "qdrant.timeoutMs": "qdrant.timeout_secs",
    });
    expect(notes.warnings).toHaveLength(1);
  });

  it("a section that only held consumed v1 keys stays as an empty section", () => {
    expect(normalizeFileLayer({ memory: { max_memories: 5 } })).toStrictEqual({ memory: {} });
  });
});

describe("readConfigFile", () => {
  it("reads TOML and JSON (by extension) into the same layer", () => {
    const dir = tempHome();
    const toml = join(dir, "c.toml");
    writeFileSync(toml, '[memory]\nsearch_limit = 5\n[server]\napi_keys = [{ key = "k", user_id = "u" }]\n');
    const json = join(dir, "c.json");
    writeFileSync(json, '{"memory": {"search_limit": 5}, "server": {"api_keys": [{"key": "k", "user_id": "u"}]}}');
    const layer = { memory: { searchLimit: 5 }, server: { apiKeys: [{ key: "k", userId: "u" }] } };
    expect(readConfigFile(toml)).toStrictEqual(layer);
    expect(readConfigFile(json)).toStrictEqual(layer);
  });

  it("a JSON file is parsed as JSON even when the text would be TOML, and the other way round", () => {
    const dir = tempHome();
    const json = join(dir, "c.json");
    writeFileSync(json, "[memory]\nsearch_limit = 5\n");
    expect(codeOf(() => readConfigFile(json))).toBe(ErrorCode.CONFIG);
    const toml = join(dir, "c.toml");
    writeFileSync(toml, '{"memory": {}}');
    expect(codeOf(() => readConfigFile(toml))).toBe(ErrorCode.CONFIG);
  });

  it("passes v1 notes through", () => {
    const dir = tempHome();
    const file = join(dir, "config.toml");
    writeFileSync(file, "[memory]\nmax_search_results = 9\n");
    const notes: V1Notes = { warnings: [], origins: {} };
    expect(readConfigFile(file, notes)).toStrictEqual({ memory: { searchLimit: 9 } });
    expect(notes.origins).toStrictEqual({ "memory.searchLimit": "memory.max_search_results" });
  });

  it("a missing file or an unparsable one is a CONFIG error naming the file, with the parser's first line", () => {
    const dir = tempHome();
    let error = {} as CortexMemError;
    try {
      readConfigFile(join(dir, "missing.toml"));
    } catch (e) {
      error = e as CortexMemError;
    }
    expect(error.code).toBe(ErrorCode.CONFIG);
    expect(error.message).toContain(join(dir, "missing.toml"));
    const bad = join(dir, "bad.toml");
    writeFileSync(bad, "[server\nport = ");
    try {
      readConfigFile(bad);
    } catch (e) {
      error = e as CortexMemError;
    }
    expect(error.code).toBe(ErrorCode.CONFIG);
    expect(error.message).toContain(`Config file ${bad} cannot be parsed: `);
    expect(error.message).not.toContain("\n");
    expect(error.cause).toBeInstanceOf(Error);
  });
});
