import { describe, expect, it } from "vitest";
import { parseConfig } from "../../src/config/parse-config.js";
import { CONFIG_SECTIONS, configSchema } from "../../src/config/schema.js";
import { sectionDefaults } from "../../src/config/section-defaults.js";
import { seededRandom } from "@cortex-mem/testkit";

type Bag = Record<string, unknown>;
const SECTIONS = Object.keys(CONFIG_SECTIONS) as (keyof typeof CONFIG_SECTIONS)[];

/** Values a configuration may give a section: valid, invalid, unknown keys, wrong types. */
const SECTION_VALUES: Record<string, unknown[]> = {
  store: [{}, { kind: "sqlite" }, { kind: "qdrant" }, { kind: "nope" }, { path: "" }, { path: "/x.db" }],
  qdrant: [{ url: "http://q:6333" }, { url: "not a url" }, { timeoutMs: "250" }, { colection: "x" }],
  llm: [{ apiKey: "sk-123" }, { provider: "none" }, { provider: "openai", model: "m" }, { temperature: 3 }],
  embedding: [{ apiKey: "sk-1" }, { provider: "local" }, { dimensions: 4 }, { dimensions: "768" }, { batchSize: 0 }],
  memory: [
    { searchLimit: 20 },
    { vectorWeight: 0.5 },
    { keywordWeight: -1 },
    { ttl: { default: "7d" } },
    { ttl: { episodic: "bad" } },
    { ttl: { never: 1 } },
    { infer: "yes" },
  ],
  server: [{ port: "4000" }, { port: 70000 }, { apiKeys: ["k".repeat(16)] }, { apiKeys: ["short"] }, { prot: 1 }],
  logging: [{ level: "debug" }, { level: "loud" }],
  jobs: [{ concurrency: 4 }, { concurrency: 0 }, { pollMs: 5 }],
  optimizer: [{ duplicateThreshold: 0.9 }, { duplicateThreshold: 2 }],
  usage: [{ prices: [{ model: "m", input: 1 }] }, { prices: [{ model: "m" }] }, { enabled: false }],
};

/** What the whole schema answers, in comparable form (the data with its key order, or failure). */
const viaSchema = (merged: Bag) => {
  const r = configSchema.safeParse(merged, { jitless: true });
  return r.success ? JSON.stringify(r.data) : false;
};
const viaParseConfig = (merged: Bag) => {
  const r = parseConfig(merged);
  return r.success ? JSON.stringify(r.data) : false;
};

describe("parseConfig", () => {
  it("writes out each section's defaults exactly as its schema parses {}", () => {
    for (const name of SECTIONS) expect(sectionDefaults(name)).toStrictEqual(CONFIG_SECTIONS[name].parse({}));
  });

  it("hands out fresh defaults: changing one configuration does not change the next", () => {
    const first = parseConfig({ home: "/h" });
    if (!first.success) throw new Error("expected success");
    first.data.server.apiKeys.push("k".repeat(16));
    first.data.memory.searchThreshold = 0.5;
    const second = parseConfig({ home: "/h" });
    expect(second.success && second.data.server.apiKeys).toEqual([]);
    expect(second.success && second.data.memory.searchThreshold).toBe(0);
  });

  it("answers what the whole schema answers, for 3,000 random configurations", () => {
    const random = seededRandom(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
    let failures = 0;
    for (let i = 0; i < 3_000; i++) {
      const merged: Bag = {};
      const home = random();
      if (home < 0.9) merged.home = "/home/u/.cortex-mem";
      else if (home < 0.95) merged.home = "";
      else merged.home = "relative/home";
      for (const name of SECTIONS) {
        const r = random();
        if (r < 0.8) continue;
        merged[name] = r < 0.98 ? structuredClone(pick(SECTION_VALUES[name] ?? [{}])) : "not an object";
      }
      if (random() < 0.05) merged[pick(["memroy", "servers", "extra"])] = {};
      const expected = viaSchema(merged);
      if (expected === false) failures++;
      expect(viaParseConfig(merged), JSON.stringify(merged)).toBe(expected);
    }
    // Both kinds were drawn in numbers.
    expect(failures).toBeGreaterThan(300);
    expect(failures).toBeLessThan(2_700);
  });

  it("returns the schema's own error for a bad configuration (the paths name the keys)", () => {
    const r = parseConfig({ home: "/h", server: { prot: 1 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path.join("."))).toEqual(
      configSchema.safeParse({ home: "/h", server: { prot: 1 } }).error?.issues.map((i) => i.path.join(".")),
    );
  });
});
