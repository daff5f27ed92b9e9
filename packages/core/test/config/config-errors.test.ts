import { writeFileSync } from "node:fs";
import { join } from "node:path";
import * as z from "zod";
import { describe, expect, it } from "vitest";
import { configError, configIssues } from "../../src/config/config-errors.js";
import { loadConfig } from "../../src/config/load-config.js";
import type { LoadConfigOptions } from "../../src/config/load-config.js";
import { ErrorCode } from "../../src/errors.js";
import type { CortexMemError } from "../../src/errors.js";
import { tempHome } from "../helpers.js";

interface Issue {
  path: string;
  message: string;
}

/** The CONFIG error `loadConfig` raises for a file text (or none), env and overrides. */
function failure(options: { toml?: string; env?: LoadConfigOptions["env"]; overrides?: Record<string, unknown> }): {
  code: string;
  details: Issue[];
  message: string;
} {
  const dir = tempHome();
  let file: string | null = null;
  if (options.toml !== undefined) {
    file = join(dir, "cortex-mem.toml");
    writeFileSync(file, options.toml);
  }
  try {
    loadConfig({ file, env: options.env ?? {}, overrides: options.overrides, homeDir: dir });
  } catch (error) {
    const e = error as CortexMemError;
    return { code: e.code, details: e.details as Issue[], message: e.message };
  }
  throw new Error("expected a CONFIG error");
}

describe("config errors: each bad key named as written, with its source", () => {
  it("a bad value from the environment is named in snake_case with (from env)", () => {
    const { code, details } = failure({ env: { CORTEX_MEM_PORT: "http" } });
    expect(code).toBe(ErrorCode.CONFIG);
    expect(details).toStrictEqual([{ path: "server.port", message: expect.stringMatching(/ \(from env\)$/) }]);
  });

  it("a bad value from library overrides is named in camelCase with (from flag)", () => {
    const { details } = failure({ overrides: { memory: { searchLimit: 0 } } });
    expect(details).toStrictEqual([{ path: "memory.searchLimit", message: expect.stringMatching(/ \(from flag\)$/) }]);
  });

  it("an item of a list set whole takes the list's source and its index", () => {
    const { details } = failure({ env: { CORTEX_MEM_API_KEYS: "long-enough-key-0123,short" } });
    expect(details).toStrictEqual([{ path: "server.api_keys.1", message: expect.stringMatching(/ \(from env\)$/) }]);
    const fromFlag = failure({ overrides: { server: { apiKeys: [{ key: "k".repeat(20), userId: "" }] } } });
    expect(fromFlag.details).toStrictEqual([
      { path: "server.apiKeys.0.userId", message: expect.stringMatching(/ \(from flag\)$/) },
    ]);
  });

  it("the message is every issue, path: message, joined by '; '", () => {
    const { details, message } = failure({ toml: "[memory]\nsearch_limit = 0\nrecency_half_life_days = -1\n" });
    expect(details.map((d) => d.path)).toStrictEqual(["memory.search_limit", "memory.recency_half_life_days"]);
    expect(message).toBe(`Invalid configuration: ${details.map((d) => `${d.path}: ${d.message}`).join("; ")}`);
  });

  it("an unknown key in a section: the key as written, a suggestion from that section's keys", () => {
    const { details } = failure({ toml: "[server]\nprot = 1\n" });
    expect(details).toStrictEqual([
      { path: "server.prot", message: "unknown key (from file); did you mean server.port?" },
    ]);
    const env = failure({ toml: "[memory]\nseach_limit = 1\n", env: {} });
    expect(env.details).toStrictEqual([
      { path: "memory.seach_limit", message: "unknown key (from file); did you mean memory.search_limit?" },
    ]);
  });

  it("an unknown key with nothing close has no suggestion", () => {
    expect(failure({ toml: "[server]\nzzzzzzzz = 1\n" }).details).toStrictEqual([
      { path: "server.zzzzzzzz", message: "unknown key (from file)" },
    ]);
  });

  it("an unknown key of a table inside a section is checked against that table", () => {
    expect(failure({ toml: '[memory.ttl]\nepisodc = "7d"\n' }).details).toStrictEqual([
      { path: "memory.ttl.episodc", message: "unknown key (from file); did you mean memory.ttl.episodic?" },
    ]);
    expect(failure({ overrides: { memory: { ttl: { Default: "7d" } } } }).details).toStrictEqual([
      { path: "memory.ttl.Default", message: "unknown key (from flag); did you mean memory.ttl.default?" },
    ]);
  });

  it("an unknown top-level table in a file is an unknown section, suggested as a section", () => {
    expect(failure({ toml: "[memroy]\ninfer = false\n" }).details).toStrictEqual([
      { path: "memroy", message: "unknown section [memroy] (from file); did you mean [memory]?" },
    ]);
    expect(failure({ toml: "[usage_stats]\nx = 1\n" }).details).toStrictEqual([
      { path: "usage_stats", message: "unknown section [usage_stats] (from file)" },
    ]);
  });

  it("an unknown key inside a section is a key even when a section has its name", () => {
    expect(failure({ toml: "[memory]\nsearch_limit = 3\n[server]\nmemory = 1\n" }).details).toStrictEqual([
      { path: "server.memory", message: "unknown key (from file)" },
    ]);
  });

  it("an unknown top-level scalar is an unknown key; home is among the suggestions", () => {
    expect(failure({ toml: 'hoem = "/x"\n' }).details).toStrictEqual([
      { path: "hoem", message: "unknown key (from file); did you mean home?" },
    ]);
  });

  it("an unknown section passed by a library caller is an unknown key, in camelCase", () => {
    expect(failure({ overrides: { memroy: { infer: false } } }).details).toStrictEqual([
      { path: "memroy", message: "unknown key (from flag); did you mean memory?" },
    ]);
    expect(failure({ overrides: { jobSettings: { x: 1 } } }).details).toStrictEqual([
      { path: "jobSettings", message: "unknown key (from flag)" },
    ]);
  });
});

describe("configIssues, sources", () => {
  const schema = z.strictObject({
    a: z.strictObject({ b: z.number(), c: z.array(z.number()) }).optional(),
    d: z.number().optional(),
  });
  const issues = (input: Record<string, unknown>, sources: Record<string, "default" | "file" | "env" | "flag">) =>
    configIssues(schema.safeParse(input).error!, sources, input);

  it("a path with no source of its own or above takes the source of a key below it", () => {
    // `a` itself is the bad value (a string), but only `a.b` has a source recorded.
    expect(issues({ a: "x" }, { "a.b": "env", "d.x": "file" })).toStrictEqual([
      { path: "a", message: expect.stringMatching(/ \(from env\)$/) },
    ]);
  });

  it("a nested path with no source of its own takes the source of a key below it", () => {
    const nested = z.strictObject({
      a: z.strictObject({ t: z.strictObject({ x: z.number() }).refine(() => false, "never valid") }),
    });
    const input = { a: { t: { x: 1 } } };
    expect(configIssues(nested.safeParse(input).error!, { "a.t.x": "env" }, input)).toStrictEqual([
      { path: "a.t", message: "never valid (from env)" },
    ]);
  });

  it("a path with no source anywhere is from the defaults", () => {
    expect(issues({ d: "x" }, { "a.b": "env" })).toStrictEqual([
      { path: "d", message: expect.stringMatching(/ \(from default\)$/) },
    ]);
    // A key merely starting like the path is not below it.
    expect(issues({ d: "x" }, { dd: "env" })).toStrictEqual([
      { path: "d", message: expect.stringMatching(/ \(from default\)$/) },
    ]);
  });

  it("the nearest enclosing source wins over a farther one", () => {
    expect(issues({ a: { b: 1, c: [1, "x"] } }, { a: "file", "a.c": "flag" })).toStrictEqual([
      { path: "a.c.1", message: expect.stringMatching(/ \(from flag\)$/) },
    ]);
    expect(issues({ a: { b: 1, c: [1, "x"] } }, { a: "file" })).toStrictEqual([
      { path: "a.c.1", message: expect.stringMatching(/ \(from file\)$/) },
    ]);
  });

  it("configError is a CONFIG error whose details are the issues", () => {
    const input = { a: { b: "x", c: [] } };
    const error = configError(schema.safeParse(input).error!, { "a.b": "file" }, input);
    expect(error.code).toBe(ErrorCode.CONFIG);
    expect(error.details).toStrictEqual([{ path: "a.b", message: expect.stringMatching(/ \(from file\)$/) }]);
  });
});
