import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, seed, tempHome, total } from "../helpers.js";

describe("cortex-mem delete, delete-all and reset", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let ids: string[];
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    ids = await seed(home, "alice", ["Likes hiking", "Owns a bicycle"]);
    await seed(home, "bob", ["Collects stamps"]);
  });
  afterEach(() => cleanup());

  it("delete asks first: 'n' or no answer refuses (exit 1, nothing deleted), 'y' deletes", async () => {
    const id = ids[0] as string;
    const no = await cli(["delete", id], { home, input: "n\n" });
    expect(no.code).toBe(1);
    expect(no.stderr).toContain("Delete memory");
    expect(no.stderr).toContain("--yes");
    const silent = await cli(["delete", id], { home });
    expect(silent.code).toBe(1);
    expect(await total(home)).toBe(3);
    const yes = await cli(["delete", id], { home, input: "y\n" });
    expect(yes.code).toBe(0);
    expect(yes.stdout).toContain(`Deleted ${id}`);
    expect(await total(home)).toBe(2);
    const history = await cliJson<{ history: { event: string }[] }>(["history", id], { home });
    expect(history.history.map((h) => h.event)).toEqual(["ADD", "DELETE"]);
  });

  it("delete --yes skips the question", async () => {
    const out = await cliJson<{ id: string; deleted: boolean }>(["delete", ids[1] as string, "--yes"], { home });
    expect(out).toEqual({ id: ids[1], deleted: true });
    expect(await total(home)).toBe(2);
  });

  it("delete-all needs a scope, asks, and removes only that scope", async () => {
    const noScope = await cli(["delete-all", "--yes"], { home });
    expect(noScope.code).toBe(2);
    expect(noScope.stderr).toContain("-u/--user-id");
    const refused = await cli(["delete-all", "-u", "alice"], { home, input: "nope\n" });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Delete all 2 memories of user_id=alice?");
    expect(await total(home)).toBe(3);
    const accepted = await cli(["delete-all", "-u", "alice", "--json"], { home, input: "yes\n" });
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toEqual({ deleted: 2 });
    expect(await total(home)).toBe(1);
  });

  it("reset asks, refuses without an answer, and erases everything with --yes", async () => {
    const refused = await cli(["reset"], { home, input: "" });
    expect(refused.code).toBe(1);
    expect(await total(home)).toBe(3);
    const done = await cliJson<{ reset: boolean }>(["reset", "--yes"], { home });
    expect(done.reset).toBe(true);
    const stats = await cliJson<{ total: number; history_entries: number }>(["stats"], { home });
    expect(stats).toMatchObject({ total: 0, history_entries: 0 });
  });
});
