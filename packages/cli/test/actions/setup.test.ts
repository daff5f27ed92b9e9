import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FakeOpenAI } from "@cortex-mem/testkit";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { ERROR_TABLE } from "@cortex-mem/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome } from "../helpers.js";

interface ConfigOut {
  file: string | null;
  values: { key: string; value: unknown; source: string }[];
}
interface DoctorOut {
  ok: boolean;
  checks: { name: string; ok: boolean; detail: string; code?: string; reason?: string; state?: unknown }[];
}

describe("cortex-mem init, config and doctor", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let fake: FakeOpenAI | undefined;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(async () => {
    await fake?.close();
    fake = undefined;
    await cleanup();
  });

  it("init writes a commented config that loads, and refuses to overwrite it without --force", async () => {
    const made = await cli(["init"], { home });
    expect(made.code).toBe(0);
    const file = join(home, "cortex-mem.toml");
    const text = await readFile(file, "utf8");
    expect(text).toMatch(/^# cortex-mem\.toml/);
    for (const section of ["[store]", "[llm]", "[embedding]", "[memory]", "[server]", "[logging]"])
      expect(text).toContain(section);
    await writeFile(file, `${text}\n# my edit\n`);
    const again = await cli(["init"], { home });
    expect(again.code).toBe(5);
    expect(again.stderr).toContain("--force");
    expect(await readFile(file, "utf8")).toContain("# my edit");
    const forced = await cliJson<{ file: string }>(["init", "--force"], { home });
    expect(forced.file).toBe(file);
    expect(await readFile(file, "utf8")).not.toContain("# my edit");
    const config = await cliJson<ConfigOut>(["config"], { home });
    expect(config.file).toBe(file);
    // Every line of the template is commented out: the file it writes changes nothing.
    expect(config.values.find((v) => v.key === "store.kind")).toEqual({
      key: "store.kind",
      value: "sqlite",
      source: "default",
    });
    expect(config.values.filter((v) => v.source !== "default").map((v) => v.key)).toEqual(["home"]); // CORTEX_MEM_HOME
  });

  it("a cortex-mem.toml with an unknown key or section exits with the CONFIG code and names it as written", async () => {
    const file = join(home, "cortex-mem.toml");
    await writeFile(file, "[memory]\nsearch_limt = 5\n");
    const typo = await cli(["search", "anything", "--user-id", "u"], { home });
    expect(typo.code).toBe(6);
    expect(typo.stderr).toContain("memory.search_limt");
    expect(typo.stderr).toContain("did you mean memory.search_limit?");
    await writeFile(file, "[bogus]\nkey = 1\n");
    const section = await cli(["config", "--json"], { home });
    expect(section.code).toBe(6);
    expect(JSON.parse(section.stderr)).toMatchObject({ error: { code: "CONFIG", details: [{ path: "bogus" }] } });
    expect(section.stderr).toContain("[bogus]");
  });

  it("config shows each value's source and masks secrets", async () => {
    const file = join(home, "settings.toml");
    await writeFile(file, '[memory]\nsearch_limit = 25\n[llm]\nmodel = "llama3.1"\n');
    const env = { OPENAI_API_KEY: "sk-very-secret-value", CORTEX_MEM_LLM_MODEL: "qwen2.5" };
    const out = await cli(["config", "-c", file, "--json"], { home, env });
    expect(out.code).toBe(0);
    expect(out.stdout).not.toContain("very-secret");
    const config = JSON.parse(out.stdout) as ConfigOut;
    const get = (key: string): { value: unknown; source: string } | undefined =>
      config.values.find((v) => v.key === key);
    expect(get("memory.search_limit")).toMatchObject({ value: 25, source: "file" });
    expect(get("llm.model")).toMatchObject({ value: "qwen2.5", source: "env" });
    expect(get("llm.api_key")).toMatchObject({ value: "sk-…", source: "env" });
    expect(get("memory.recency_weight")).toMatchObject({ source: "default" });
    const human = await cli(["config", "-c", file], { home, env });
    expect(human.stdout).toMatch(/^memory\.search_limit\s+file\s+25$/m);
    expect(human.stdout).not.toContain("very-secret");
  });

  it("config names a bad value and exits with the CONFIG code", async () => {
    const r = await cli(["config"], { home, env: { CORTEX_MEM_PORT: "not-a-port" } });
    expect(r.code).toBe(6);
    expect(r.stderr).toContain("server.port");
  });

  it("doctor passes with the embedded defaults", async () => {
    const r = await cli(["doctor"], { home });
    expect(r.code).toBe(0);
    expect(r.stdout.trim().split("\n")).toHaveLength(4);
    for (const name of ["config", "embedding", "llm", "store"])
      expect(r.stdout).toMatch(new RegExp(`^ok\\s+${name}\\s`, "m"));
  });

  it("doctor prints core's store probe: the file, layout version, writable and the count", async () => {
    const path = join(home, "memories.db");
    const report = await cliJson<DoctorOut>(["doctor"], { home });
    expect(report.checks.find((c) => c.name === "store")).toMatchObject({
      ok: true,
      state: { exists: true, schemaVersion: expect.any(Number), writable: true, memories: 0 },
    });
    const text = await cli(["doctor"], { home });
    expect(text.stdout).toMatch(
      new RegExp(
        `^ok\\s+store\\s+sqlite at ${path.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}, schema \\d+, writable, 0 memories`,
        "m",
      ),
    );
  });

  it("doctor fails the store check as unreadable for a file that is not a database, and leaves it as it was", async () => {
    const path = join(home, "broken.db");
    const junk = Buffer.alloc(8192, 0x5a);
    await writeFile(path, junk);
    const r = await cli(["doctor", "--json"], { home, env: { CORTEX_MEM_DB_PATH: path } });
    const report = JSON.parse(r.stdout) as DoctorOut;
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === "store")).toMatchObject({
      ok: false,
      code: "STORE",
      reason: "unreadable",
    });
    for (const name of ["config", "embedding", "llm"])
      expect(report.checks.find((c) => c.name === name)?.ok).toBe(true);
    expect(r.code).toBe(ERROR_TABLE.STORE.exitCode);
    expect(Buffer.compare(await readFile(path), junk)).toBe(0);
    const folder = await cli(["doctor", "--json"], { home, env: { CORTEX_MEM_DB_PATH: home } });
    expect((JSON.parse(folder.stdout) as DoctorOut).checks.find((c) => c.name === "store")).toMatchObject({
      ok: false,
      reason: "unreadable",
    });
  });

  it("doctor fails the store check as incompatible when the store holds another embedder's vectors", async () => {
    expect((await cli(["add", "I drink green tea", "-u", "u1", "--no-infer"], { home })).code).toBe(0);
    const r = await cli(["doctor", "--json"], { home, env: { CORTEX_MEM_EMBEDDING_DIMENSIONS: "32" } });
    const report = JSON.parse(r.stdout) as DoctorOut;
    expect(report.checks.find((c) => c.name === "store")).toMatchObject({
      ok: false,
      code: "CONFIG",
      reason: "incompatible",
    });
    expect(r.code).toBe(ERROR_TABLE.CONFIG.exitCode);
    expect((await cliJson<DoctorOut>(["doctor"], { home })).ok).toBe(true);
  });

  it("doctor reaches OpenAI-compatible endpoints, and fails with one line per broken part", async () => {
    fake = await startFakeOpenAI();
    const good = { OPENAI_BASE_URL: fake.url, OPENAI_API_KEY: "test-key", CORTEX_MEM_EMBEDDING_DIMENSIONS: "64" };
    const ok = await cliJson<DoctorOut>(["doctor"], { home, env: good });
    expect(ok.ok).toBe(true);
    expect(fake.chatCalls()).toHaveLength(1);
    expect(fake.embeddingCalls().length).toBeGreaterThan(0);

    const file = join(home, "broken.toml");
    await writeFile(
      file,
      `[llm]\nbase_url = "http://127.0.0.1:9/v1"\nmax_retries = 0\ntimeout_ms = 5000\n[embedding]\nbase_url = "${fake.url}"\ndimensions = 64\n`,
    );
    const keyOnly = { OPENAI_API_KEY: "test-key" };
    const broken = await cli(["doctor", "-c", file], { home, env: keyOnly });
    expect(broken.code).not.toBe(0);
    expect(broken.stdout).toMatch(/^FAIL\s+llm\s+\S/m);
    expect(broken.stdout).toMatch(/^ok\s+embedding\s/m);
    expect(broken.stdout).toMatch(/^ok\s+store\s/m);
    const json = await cli(["doctor", "-c", file, "--json"], { home, env: keyOnly });
    const report = JSON.parse(json.stdout) as DoctorOut;
    expect(report.ok).toBe(false);
    expect(report.checks.find((c) => c.name === "llm")).toMatchObject({ ok: false, code: expect.any(String) });
    expect(json.code).toBe(broken.code);
  });

  it("doctor reports core's probe result: unauthorized for a wrong key, unreachable when the server is down", async () => {
    fake = await startFakeOpenAI({ apiKey: "right-key" });
    const env = {
      OPENAI_BASE_URL: fake.url,
      OPENAI_API_KEY: "right-key",
      CORTEX_MEM_LLM_API_KEY: "wrong-key",
      CORTEX_MEM_EMBEDDING_DIMENSIONS: "32",
    };
    const file = join(home, "probe.toml");
    await writeFile(file, `[llm]\nmax_retries = 0\n[embedding]\nmax_retries = 0\n`);
    const wrongKey = await cli(["doctor", "-c", file, "--json"], { home, env });
    const report = JSON.parse(wrongKey.stdout) as DoctorOut;
    expect(report.checks.find((c) => c.name === "llm")).toMatchObject({
      ok: false,
      code: "CONFIG",
      reason: "unauthorized",
    });
    expect(report.checks.find((c) => c.name === "embedding")).toMatchObject({ ok: true });
    expect(wrongKey.code).toBe(ERROR_TABLE.CONFIG.exitCode);
    await fake.close();
    const down = JSON.parse((await cli(["doctor", "-c", file, "--json"], { home, env })).stdout) as DoctorOut;
    expect(down.checks.find((c) => c.name === "llm")).toMatchObject({ ok: false, code: "LLM", reason: "unreachable" });
    expect(down.checks.find((c) => c.name === "embedding")).toMatchObject({
      ok: false,
      code: "EMBEDDING",
      reason: "unreachable",
    });
  });
});
