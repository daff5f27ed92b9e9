import type { FakeOpenAI } from "@cortex-mem/testkit";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { ERROR_TABLE } from "@cortex-mem/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, seed, tempHome, total } from "../helpers.js";

interface AddOut {
  results: { id: string; memory: string; event: string }[];
}
interface Page {
  memories: { id: string; content: string }[];
}
interface JsonError {
  error: { code: string; message: string; exit_code: number; details?: { path: string; message: string }[] };
}

/** The one JSON error line a failed `--json` run leaves on stderr. */
function jsonError(stderr: string): JsonError {
  const lines = stderr.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] as string) as JsonError;
}

describe("the CLI's rough edges of the first hour", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("--json makes every usage error one JSON object on stderr with code and exit code", async () => {
    for (const args of [["list", "-l", "abc"], ["list", "--bogus"], ["bogus"], ["get"], [], ["add", "-u", "a"]]) {
      const r = await cli([...args, "--json"], { home });
      expect(r.code, args.join(" ")).toBe(2);
      expect(r.stdout).toBe("");
      expect(jsonError(r.stderr).error).toMatchObject({ code: "USAGE", exit_code: 2 });
    }
    const notFound = await cli(["get", "00000000-0000-4000-8000-000000000000", "--json"], { home });
    expect(jsonError(notFound.stderr).error).toMatchObject({ code: "NOT_FOUND", exit_code: 4 });
    expect(notFound.code).toBe(4);
  });

  it("prints control characters of stored content escaped, and exact with --json", async () => {
    const evil = "Red \u001b[31malert\u001b[0m\rover\u202eside";
    const [id] = await seed(home, "eve", [evil]);
    for (const args of [
      ["list", "-u", "eve"],
      ["search", "red", "-u", "eve"],
      ["get", id as string],
    ]) {
      const r = await cli(args, { home });
      expect(r.code).toBe(0);
      // eslint-disable-next-line no-control-regex
      expect(r.stdout).not.toMatch(/[\u001b\r\u202e]/);
      expect(r.stdout).toContain("Red \\x1b[31malert\\x1b[0m\\x0dover\\u202eside");
    }
    expect((await cliJson<{ content: string }>(["get", id as string], { home })).content).toBe(evil);
  });

  it("reads a transcript the same way from an argument, -c and stdin; --plain keeps it whole", async () => {
    const transcript = "User: I moved to Lisbon\nAssistant: Lovely city!";
    const fromArg = await cliJson<AddOut>(["add", transcript, "-u", "a1", "--no-infer"], { home });
    const fromFlag = await cliJson<AddOut>(["add", "-c", transcript, "-u", "a2", "--no-infer"], { home });
    const fromStdin = await cliJson<AddOut>(["add", "-u", "a3", "--no-infer"], { home, input: transcript });
    const contents = (o: AddOut): string[] => o.results.map((x) => x.memory);
    expect(contents(fromArg)).toEqual(["I moved to Lisbon", "Lovely city!"]);
    expect(contents(fromFlag)).toEqual(contents(fromArg));
    expect(contents(fromStdin)).toEqual(contents(fromArg));
    const plain = await cliJson<AddOut>(["add", transcript, "-u", "a4", "--no-infer", "--plain"], { home });
    expect(contents(plain)).toEqual([transcript]);
  });

  it("refuses an unknown role naming the accepted ones, and names a message's missing field", async () => {
    const robot = await cli(["add", "-u", "r", "--json"], { home, input: '[{"role":"robot","content":"Beep"}]' });
    expect(robot.code).toBe(ERROR_TABLE.VALIDATION.exitCode);
    const e = jsonError(robot.stderr).error;
    expect(e.code).toBe("VALIDATION");
    expect(e.details?.[0]?.path).toBe("0.role");
    expect(e.message).toMatch(/user, assistant, system, tool/);
    const missing = await cli(["add", "-u", "r", "--json"], { home, input: '[{"role":"user"}]' });
    expect(jsonError(missing.stderr).error.details).toEqual([{ path: "0.content", message: "content is missing" }]);
    expect(await total(home)).toBe(0);
  });

  it("filters search and list by metadata, entity, topic, actor and observed date", async () => {
    const day = (d: string, who: string, text: string, meta: string) =>
      cliJson<AddOut>(["add", "-u", "f", "--no-infer", "--timestamp", d, "--metadata", meta], {
        home,
        input: JSON.stringify([{ role: "user", name: who, content: text }]),
      });
    await day("2024-01-10", "Ana", "Ana booked a flight to Paris for the conference", "source=mail");
    await day("2024-03-05", "Ben", "Ben booked a hotel in Paris near the station", "source=chat");
    await day("2024-06-20", "Ana", "Ana booked a table at a restaurant in Rome", "source=chat");
    const list = async (...flags: string[]) =>
      (await cliJson<Page>(["list", "-u", "f", ...flags], { home })).memories.map((m) => m.content).sort();
    const search = async (...flags: string[]) =>
      (await cliJson<{ results: { content: string }[] }>(["search", "booked", "-u", "f", ...flags], { home })).results
        .map((m) => m.content)
        .sort();
    expect(await list("--metadata", "source=mail")).toEqual(["Ana booked a flight to Paris for the conference"]);
    expect(await list("--actor", "Ben")).toEqual(["Ben booked a hotel in Paris near the station"]);
    expect(await list("--observed-after", "2024-03-01", "--observed-before", "2024-04-01")).toEqual([
      "Ben booked a hotel in Paris near the station",
    ]);
    expect(await list("--entity", "Rome")).toEqual(["Ana booked a table at a restaurant in Rome"]);
    expect(await search("--actor", "Ana", "--metadata", "source=chat")).toEqual([
      "Ana booked a table at a restaurant in Rome",
    ]);
    expect(await search("--observed-before", "2024-02-01")).toEqual([
      "Ana booked a flight to Paris for the conference",
    ]);
    expect(await list("--topic", "travel", "--actor", "Ana")).toEqual([
      "Ana booked a flight to Paris for the conference",
    ]);
    const bad = await cli(["list", "-u", "f", "--observed-after", "not a date", "--json"], { home });
    expect(jsonError(bad.stderr).error.code).toBe("VALIDATION");
  });

  it("--help lists every exit code of core's table, and every command has an example", async () => {
    const help = await cli(["--help"], { home });
    for (const { exitCode } of Object.values(ERROR_TABLE))
      expect(help.stdout).toMatch(new RegExp(`\\b${exitCode} [A-Za-z]`));
    const commands = [...help.stdout.matchAll(/^ {2}([a-z-]+)(?: \[options\]| <|\s{2})/gm)]
      .map((m) => m[1] as string)
      .filter((c) => c !== "help");
    expect(commands.length).toBeGreaterThan(15);
    for (const command of commands)
      expect((await cli([command, "--help"], { home })).stdout, command).toMatch(/Examples:\n {2}\$ \S/);
  });
});

describe("an API key that switches the embedder of an existing store", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let fake: FakeOpenAI;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    fake = await startFakeOpenAI();
  });
  afterEach(async () => {
    await fake.close();
    await cleanup();
  });

  it("says why the store refuses to open and the one command that keeps its embedder, in the error and in doctor", async () => {
    await seed(home, "k", ["Likes tea"]);
    const env = { OPENAI_API_KEY: "sk-test", OPENAI_BASE_URL: fake.url };
    const r = await cli(["list", "-u", "k", "--json"], { home, env });
    expect(r.code).toBe(ERROR_TABLE.CONFIG.exitCode);
    const e = jsonError(r.stderr).error;
    expect(e.code).toBe("CONFIG");
    expect(e.message).toContain("export CORTEX_MEM_EMBEDDING_PROVIDER=local");
    expect(e.message).toContain("cortex-mem reembed");
    const doctor = await cli(["doctor"], { home, env });
    expect(doctor.code).toBe(ERROR_TABLE.CONFIG.exitCode);
    expect(doctor.stdout).toMatch(/FAIL\s+store\s+.*export CORTEX_MEM_EMBEDDING_PROVIDER=local/);
    const kept = await cliJson<Page>(["list", "-u", "k"], {
      home,
      env: { ...env, CORTEX_MEM_EMBEDDING_PROVIDER: "local" },
    });
    expect(kept.memories.map((m) => m.content)).toEqual(["Likes tea"]);
  });
});
