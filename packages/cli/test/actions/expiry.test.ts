import { createMemory, loadConfig } from "@cortex-mem/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome, total } from "../helpers.js";

type Wire = { id: string; content: string; expires_at: string | null };
const HOUR = 3_600_000;

/** Writes memories as a process sharing the file would, two hours ago: a one-hour TTL has passed. */
async function seedExpired(home: string): Promise<{ expired: string; live: string }> {
  const { config } = loadConfig({ file: null, env: { CORTEX_MEM_HOME: home } });
  const past = await createMemory(config, { now: () => new Date(Date.now() - 2 * HOUR) });
  try {
    const expired = (await past.add("Alice is in Paris", { userId: "alice", infer: false, ttl: "1h" })).results[0]!.id;
    const live = (await past.add("Alice loves Paris in spring", { userId: "alice", infer: false })).results[0]!.id;
    await past.add("Bob is in Rome", { userId: "bob", infer: false, ttl: "1h" });
    return { expired, live };
  } finally {
    await past.close();
  }
}

describe("expiry through the CLI (spawned)", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("add --ttl / --expires-at / --never-expire and update set the expiry; get shows it", async () => {
    const before = Date.now();
    const added = await cliJson<{ results: { id: string }[] }>(
      ["add", "Alice is in Paris this week", "-u", "alice", "--no-infer", "--ttl", "7d"],
      { home },
    );
    const id = added.results[0]!.id;
    const got = await cliJson<Wire>(["get", id], { home });
    expect(Date.parse(got.expires_at!) - 7 * 24 * HOUR).toBeGreaterThanOrEqual(before - 1000);
    const text = await cli(["get", id], { home });
    expect(text.stdout).toMatch(/expires\s+\d{4}-/);

    const dated = await cliJson<{ results: { id: string }[] }>(
      ["add", "Dentist on Friday", "-u", "alice", "--no-infer", "--expires-at", "2099-01-01"],
      { home },
    );
    expect((await cliJson<Wire>(["get", dated.results[0]!.id], { home })).expires_at).toBe("2099-01-01T00:00:00.000Z");

    expect((await cliJson<Wire>(["update", id, "--never-expire"], { home })).expires_at).toBeNull();
    const updated = await cliJson<Wire>(["update", id, "--expires-at", "2099-06-01T12:00:00+02:00"], { home });
    expect(updated.expires_at).toBe("2099-06-01T10:00:00.000Z");
  });

  it("refuses bad values (exit 3, VALIDATION) and two expiry flags (exit 2), writing nothing", async () => {
    for (const flags of [
      ["--ttl", "7 days"],
      ["--ttl", "0"],
      ["--expires-at", "tomorrow"],
      ["--expires-at", "2001-01-01"],
    ]) {
      const r = await cli(["add", "Alice is in Paris", "-u", "alice", "--no-infer", ...flags, "--json"], { home });
      expect(r.code, flags.join(" ")).toBe(3);
      expect(JSON.parse(r.stderr).error.code).toBe("VALIDATION");
    }
    const both = await cli(["add", "Alice is in Paris", "-u", "alice", "--ttl", "1d", "--never-expire"], { home });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain("--ttl, --never-expire");
    expect(await total(home)).toBe(0);
  });

  it("expired memories are hidden from search, list, get unless --include-expired; expire removes them", async () => {
    const { expired, live } = await seedExpired(home);
    const ids = (page: { memories?: Wire[]; results?: Wire[] }) =>
      (page.memories ?? page.results ?? []).map((m) => m.id);
    expect(ids(await cliJson(["list", "-u", "alice"], { home }))).toEqual([live]);
    expect(ids(await cliJson(["list", "-u", "alice", "--include-expired"], { home }))).toEqual([live, expired]);
    expect(ids(await cliJson(["search", "Paris", "-u", "alice"], { home }))).not.toContain(expired);
    expect(ids(await cliJson(["search", "Paris", "-u", "alice", "--include-expired"], { home }))).toContain(expired);
    const get = await cli(["get", expired, "--json"], { home });
    expect(get.code).toBe(4);
    expect(JSON.parse(get.stderr).error.code).toBe("NOT_FOUND");
    expect((await cliJson<Wire>(["get", expired, "--include-expired"], { home })).id).toBe(expired);

    const dry = await cliJson(["expire", "-u", "alice", "--dry-run"], { home });
    expect(dry).toEqual({ expired: 1, dry_run: true, ids: [expired] });
    expect(await total(home)).toBe(3);
    const text = await cli(["expire", "-u", "alice"], { home });
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("Deleted 1 expired memory of user_id=alice");
    expect(await total(home)).toBe(2);
    const history = await cliJson<{ history: { event: string }[] }>(["history", expired], { home });
    expect(history.history.map((h) => h.event)).toEqual(["ADD", "EXPIRE"]);
    expect(await cliJson(["expire"], { home })).toMatchObject({ expired: 1, dry_run: false });
    expect(await total(home)).toBe(1);
  });
});
