import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome, total } from "../helpers.js";

type Hits = { results: { id: string; actor_id?: string; content: string }[] };
type Page = { memories: { id: string; actor_id?: string }[] };
const conversation = JSON.stringify([
  { role: "user", name: "dana", content: "We should ship the release on Friday" },
  { role: "user", name: "eli", content: "We should ship the release on Monday" },
]);

describe("strict input and --actor through the spawned CLI", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("filters search and list by --actor", async () => {
    await cliJson(["add", "-u", "team", "--no-infer"], { home, input: conversation });
    const hits = await cliJson<Hits>(["search", "ship the release", "-u", "team", "--actor", "dana"], { home });
    expect(hits.results.map((h) => h.content)).toEqual(["We should ship the release on Friday"]);
    expect(hits.results.every((h) => h.actor_id === "dana")).toBe(true);
    const page = await cliJson<Page>(["list", "-u", "team", "--actor", "eli"], { home });
    expect(page.memories).toHaveLength(1);
    expect(page.memories[0]?.actor_id).toBe("eli");
  });

  it("refuses an unknown field in piped messages with exit 3 (VALIDATION), writing nothing", async () => {
    await cliJson(["add", "Alice drinks green tea", "-u", "alice", "--no-infer"], { home });
    const before = await total(home);
    const speaker = await cli(["add", "-u", "alice", "--json"], {
      home,
      input: JSON.stringify([{ role: "user", content: "I like jazz", speaker: "Al" }]),
    });
    expect(speaker.code).toBe(3);
    expect(JSON.parse(speaker.stderr.trim().split("\n").pop() ?? "").error.code).toBe("VALIDATION");
    const envelope = await cli(["add", "-u", "alice", "--json"], {
      home,
      input: JSON.stringify({ messages: [{ role: "user", content: "I like jazz" }], user: "bob" }),
    });
    expect(envelope.code).toBe(3);
    const date = await cli(["search", "tea", "-u", "alice", "--after", "soon", "--json"], { home });
    expect(date.code).toBe(3);
    expect(await total(home)).toBe(before);
  });
});
