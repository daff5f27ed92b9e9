import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome, total } from "../helpers.js";

interface AddOut {
  results: { id: string; memory: string; event: string; memory_type: string }[];
}
interface WireMemory {
  id: string;
  content: string;
  memory_type: string;
  user_id?: string;
  agent_id?: string;
  run_id?: string;
  metadata: Record<string, unknown>;
  observed_at: string;
  role?: string;
}

describe("cortex-mem add", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("stores an argument with scope, type, metadata (k=v and JSON) and timestamp, and prints ADD", async () => {
    const out = await cliJson<AddOut>(
      [
        "add",
        "Prefers window seats",
        "-u",
        "alice",
        "-a",
        "travel-bot",
        "--run-id",
        "r1",
        "-t",
        "Procedural",
        "--metadata",
        "source=chat",
        "--metadata",
        '{"priority":2}',
        "--no-infer",
        "--timestamp",
        "2024-03-01T10:00:00Z",
      ],
      { home },
    );
    expect(out.results).toHaveLength(1);
    expect(out.results[0]).toMatchObject({ event: "ADD", memory: "Prefers window seats", memory_type: "procedural" });
    const memory = await cliJson<WireMemory>(["get", (out.results[0] as { id: string }).id], { home });
    expect(memory).toMatchObject({
      user_id: "alice",
      agent_id: "travel-bot",
      run_id: "r1",
      memory_type: "procedural",
      metadata: { source: "chat", priority: 2 },
      observed_at: "2024-03-01T10:00:00.000Z",
    });
  });

  it("takes -c/--content and prints a human line per fact", async () => {
    const r = await cli(["add", "-c", "Allergic to shellfish", "-u", "bob"], { home });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ADD\s+[0-9a-f-]{36}\s+Allergic to shellfish$/m);
  });

  it("reads a User:/Assistant: transcript from stdin and keeps what the user said", async () => {
    const input = "User: I just adopted a cat named Miso\nAssistant: Congratulations!\nUser: I work as a nurse\n";
    const out = await cliJson<AddOut>(["add", "-u", "carol"], { home, input });
    const contents = out.results.map((r) => r.memory);
    expect(contents.some((c) => c.includes("cat named Miso"))).toBe(true);
    expect(contents.some((c) => c.includes("nurse"))).toBe(true);
    expect(contents.some((c) => c.includes("Congratulations"))).toBe(false);
  });

  it("reads JSON messages from --file, dating them by their own timestamps", async () => {
    const file = join(home, "chat.json");
    await writeFile(
      file,
      JSON.stringify([{ role: "user", content: "My birthday is on June 3rd", timestamp: "2023-01-15T08:00:00Z" }]),
    );
    const out = await cliJson<AddOut>(["add", "--file", file, "-u", "dave", "--no-infer"], { home });
    const memory = await cliJson<WireMemory>(["get", (out.results[0] as { id: string }).id], { home });
    expect(memory.content).toBe("My birthday is on June 3rd");
    expect(memory.observed_at).toBe("2023-01-15T08:00:00.000Z");
  });

  it("does not store an exact duplicate twice (NONE)", async () => {
    await cli(["add", "Speaks Portuguese", "-u", "erin", "--no-infer"], { home });
    const again = await cliJson<AddOut>(["add", "Speaks Portuguese", "-u", "erin", "--no-infer"], { home });
    expect(again.results[0]?.event).toBe("NONE");
    expect(await total(home)).toBe(1);
  });

  it("refuses bad input with the right exit code and a message naming the fix, writing nothing", async () => {
    const cases: [string[], string | undefined, number, RegExp][] = [
      [["add", "no scope here"], undefined, 2, /-u\/--user-id/],
      [["add", "twice", "-c", "twice", "-u", "a"], undefined, 2, /only one way/],
      [["add", "-u", "a"], "", 2, /pipe it on stdin/],
      [["add", "x", "-u", "a", "-t", "musical"], undefined, 3, /memory_type/],
      [["add", "x", "-u", "a", "--timestamp", "someday"], undefined, 3, /\[VALIDATION\]/],
      [["add", "-u", "a"], '[{"role": "user"', 3, /cannot be parsed/],
      [["add", "--file", join(home, "missing.json"), "-u", "a"], undefined, 2, /File not found/],
    ];
    for (const [args, input, code, message] of cases) {
      const r = await cli(args, { home, ...(input !== undefined ? { input } : {}) });
      expect(r.code, args.join(" ")).toBe(code);
      expect(r.stderr, args.join(" ")).toMatch(message);
    }
    expect(await total(home)).toBe(0);
  });
});
