import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, seed, tempHome, total } from "../helpers.js";

interface Page {
  memories: Record<string, unknown>[];
}
interface History {
  history: Record<string, unknown>[];
}

describe("cortex-mem export and import", () => {
  let home: string;
  let empty: string;
  const cleanups: (() => Promise<void>)[] = [];
  beforeEach(async () => {
    const a = await tempHome();
    const b = await tempHome();
    home = a.home;
    empty = b.home;
    cleanups.push(a.cleanup, b.cleanup);
  });
  afterEach(async () => {
    await Promise.all(cleanups.splice(0).map((c) => c()));
  });

  it("round-trips into an empty home with the same memories and history, and re-importing adds nothing", async () => {
    const ids = await seed(home, "alice", ["Speaks French", "Works remotely", "Has two kids"]);
    await seed(home, "bob", ["Drives a red car"]);
    await cli(["update", ids[0] as string, "Speaks French and Italian"], { home });
    await cli(["delete", ids[2] as string, "--yes"], { home });
    const file = join(home, "backup.jsonl");
    const exported = await cli(["export", "--out", file], { home });
    expect(exported.code).toBe(0);
    expect(exported.stderr).toContain(`Exported 3 memories to ${file}`);

    const imported = await cli(["import", file], { home: empty });
    expect(imported.code).toBe(0);
    expect(imported.stderr).toMatch(/^import: \d+\/\d+$/m);
    expect(imported.stderr).toContain("Imported 3 memories (0 already present)");
    const before = await cliJson<Page>(["list"], { home });
    const after = await cliJson<Page>(["list"], { home: empty });
    expect(after.memories).toEqual(before.memories);
    for (const id of ids) {
      expect(await cliJson<History>(["history", id], { home: empty })).toEqual(
        await cliJson<History>(["history", id], { home }),
      );
    }
    const search = await cliJson<{ results: { content: string }[] }>(["search", "Italian", "-u", "alice", "-l", "1"], {
      home: empty,
    });
    expect(search.results[0]?.content).toBe("Speaks French and Italian");

    const again = await cliJson<{ imported: number; skipped: number }>(["import", file], { home: empty });
    expect(again).toMatchObject({ imported: 0, skipped: 3 });
    expect(await total(empty)).toBe(3);
  });

  it("exports JSONL to stdout (one scope) and imports it from stdin", async () => {
    await seed(home, "alice", ["Likes sushi"]);
    await seed(home, "bob", ["Likes pizza"]);
    const out = await cli(["export", "-u", "bob"], { home });
    const lines = out.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l) as { type: string; memory?: { content: string } });
    expect(lines[0]?.type).toBe("header");
    expect(lines.filter((l) => l.type === "memory").map((l) => l.memory?.content)).toEqual(["Likes pizza"]);
    const imported = await cliJson<{ imported: number }>(["import", "-"], { home: empty, input: out.stdout });
    expect(imported.imported).toBe(1);
  });

  it("refuses a file that is not an export, writing nothing", async () => {
    const r = await cli(["import", "-"], { home: empty, input: '{"type":"header","format":"something-else"}\n' });
    expect(r.code).toBe(3);
    expect(r.stderr).toContain("not a cortex-mem export");
    const missing = await cli(["import", join(empty, "nope.jsonl")], { home: empty });
    expect(missing.code).toBe(2);
    const unwritable = await cli(["export", "--out", join(empty, "no-such-dir", "x.jsonl")], { home: empty });
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toContain("Cannot write");
    expect(await total(empty)).toBe(0);
  });
});
