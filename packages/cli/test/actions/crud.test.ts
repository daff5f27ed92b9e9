import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, seed, tempHome } from "../helpers.js";

interface WireMemory {
  id: string;
  content: string;
  memory_type: string;
  importance_score: number;
  topics: string[];
  metadata: Record<string, unknown>;
}
interface Page {
  memories: WireMemory[];
  next_cursor: string | null;
  count: number;
}
interface History {
  memory_id: string;
  history: { event: string; old_content: string | null; new_content: string | null }[];
}
const UNKNOWN = "00000000-0000-4000-8000-000000000000";

describe("cortex-mem list, get, update, history and stats", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let ids: string[];
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    ids = await seed(home, "alice", ["Drinks oat milk", "Runs every Sunday", "Has a dog named Rex"]);
    await seed(home, "bob", ["Plays the cello"]);
  });
  afterEach(() => cleanup());

  it("lists a scope newest first, a page at a time through --cursor", async () => {
    const first = await cliJson<Page>(["list", "-u", "alice", "--limit", "2"], { home });
    expect(first.memories.map((m) => m.content)).toEqual(["Has a dog named Rex", "Runs every Sunday"]);
    expect(first.next_cursor).toBeTruthy();
    const second = await cliJson<Page>(
      ["list", "-u", "alice", "--limit", "2", "--cursor", first.next_cursor as string],
      { home },
    );
    expect(second.memories.map((m) => m.content)).toEqual(["Drinks oat milk"]);
    expect(second.next_cursor).toBeNull();
    const human = await cli(["list", "-u", "alice", "--limit", "2"], { home });
    expect(human.stdout).toMatch(/^ID\s+TYPE\s+IMP\s+SCOPE\s+UPDATED\s+CONTENT/m);
    expect(human.stderr).toContain(`--cursor ${first.next_cursor}`);
  });

  it("gets one memory, and refuses it under another user's scope", async () => {
    const memory = await cliJson<WireMemory>(["get", ids[0] as string], { home });
    expect(memory).toMatchObject({ id: ids[0], content: "Drinks oat milk" });
    const human = await cli(["get", ids[0] as string], { home });
    expect(human.stdout).toMatch(/^content\s+Drinks oat milk$/m);
    const guarded = await cli(["get", ids[0] as string, "-u", "bob"], { home });
    expect(guarded.code).toBe(4);
  });

  it("updates content and attributes, keeping the old content in history", async () => {
    const updated = await cliJson<WireMemory>(
      [
        "update",
        ids[1] as string,
        "Runs every Saturday",
        "--importance",
        "0.9",
        "--topics",
        "sport,health",
        "--metadata",
        "checked=yes",
      ],
      { home },
    );
    expect(updated).toMatchObject({
      content: "Runs every Saturday",
      importance_score: 0.9,
      topics: ["sport", "health"],
      metadata: { checked: "yes" },
    });
    const history = await cliJson<History>(["history", ids[1] as string], { home });
    expect(history.history.map((h) => h.event)).toEqual(["ADD", "UPDATE"]);
    expect(history.history[1]).toMatchObject({ old_content: "Runs every Sunday", new_content: "Runs every Saturday" });
    const search = await cliJson<{ results: WireMemory[] }>(["search", "Saturday", "-u", "alice", "-l", "1"], { home });
    expect(search.results[0]?.content).toBe("Runs every Saturday");
  });

  it("shows what an attribute-only update changed in history, not the same content twice", async () => {
    const before = await cliJson<WireMemory>(["get", ids[0] as string], { home });
    await cliJson(["update", ids[0] as string, "--importance", "0.8"], { home });
    const json = await cliJson<History & { history: { reason?: string }[] }>(["history", ids[0] as string], { home });
    const reason = `importance_score ${before.importance_score} → 0.8`;
    expect(json.history[1]).toMatchObject({ event: "UPDATE", new_content: "Drinks oat milk", reason });
    const human = await cli(["history", ids[0] as string], { home });
    expect(human.code).toBe(0);
    const row = human.stdout.split("\n").find((l) => l.includes("UPDATE"));
    expect(row).toMatch(/UPDATE\s+importance_score \S+ → 0\.8$/);
    expect(row).not.toContain("Drinks oat milk → Drinks oat milk");
  });

  it("answers unknown ids with NOT_FOUND (4) and bad ids with VALIDATION (3), changing nothing", async () => {
    for (const args of [
      ["get", UNKNOWN],
      ["update", UNKNOWN, "x"],
      ["history", UNKNOWN],
      ["delete", UNKNOWN, "--yes"],
    ]) {
      const r = await cli(args, { home });
      expect(r.code, args.join(" ")).toBe(4);
      expect(r.stderr, args.join(" ")).toContain(UNKNOWN);
      expect(r.stderr).toContain("[NOT_FOUND]");
    }
    const bad = await cli(["get", "not-a-uuid"], { home });
    expect(bad.code).toBe(3);
    const nothing = await cli(["update", ids[0] as string], { home });
    expect(nothing.code).toBe(3);
    expect(nothing.stderr).toMatch(/nothing to update/);
    const page = await cliJson<Page>(["list"], { home });
    expect(page.count).toBe(4);
    expect((await cliJson<History>(["history", ids[0] as string], { home })).history).toHaveLength(1);
  });

  it("counts by type, user and agent", async () => {
    const stats = await cliJson<{ total: number; by_user: Record<string, number>; history_entries: number }>(
      ["stats"],
      { home },
    );
    expect(stats).toMatchObject({ total: 4, by_user: { alice: 3, bob: 1 }, history_entries: 4 });
    const scoped = await cliJson<{ total: number }>(["stats", "-u", "bob"], { home });
    expect(scoped.total).toBe(1);
    const human = await cli(["stats"], { home });
    expect(human.stdout).toMatch(/^memories\s+4$/m);
  });
});
