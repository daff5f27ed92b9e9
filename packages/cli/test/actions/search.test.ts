import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, seed, tempHome } from "../helpers.js";

interface Hit {
  id: string;
  content: string;
  memory_type: string;
  user_id: string;
  score: number;
  score_parts: Record<string, number>;
}

describe("cortex-mem search", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    await seed(home, "alice", ["I am allergic to peanuts", "I live in Lisbon", "My favourite band is Radiohead"]);
    await seed(home, "bob", ["I am allergic to cats"]);
  });
  afterEach(() => cleanup());

  it("ranks the relevant memory first, inside the user's scope only, in the wire format", async () => {
    const out = await cliJson<{ results: Hit[] }>(["search", "peanut allergy", "-u", "alice"], { home });
    expect(out.results[0]?.content).toBe("I am allergic to peanuts");
    expect(out.results.every((h) => h.user_id === "alice")).toBe(true);
    expect(Object.keys(out.results[0]?.score_parts ?? {}).sort()).toEqual([
      "importance",
      "keyword",
      "recency",
      "relevance",
      "vector",
    ]);
  });

  it("honours --limit and --threshold", async () => {
    const limited = await cliJson<{ results: Hit[] }>(["search", "allergic", "-u", "alice", "-l", "1"], { home });
    expect(limited.results).toHaveLength(1);
    const strict = await cliJson<{ results: Hit[] }>(["search", "allergic", "-u", "alice", "--threshold", "0.99"], {
      home,
    });
    expect(strict.results).toHaveLength(0);
  });

  it("filters by memory type", async () => {
    const all = await cliJson<{ results: Hit[] }>(["search", "band", "-u", "alice"], { home });
    const type = all.results[0]?.memory_type as string;
    const other = ["conversational", "procedural", "factual", "semantic", "episodic", "personal"].find(
      (t) => t !== type,
    ) as string;
    const none = await cliJson<{ results: Hit[] }>(["search", "band", "-u", "alice", "-t", other], { home });
    expect(none.results.some((h) => h.content.includes("Radiohead"))).toBe(false);
    const only = await cliJson<{ results: Hit[] }>(["search", "band", "-u", "alice", "-t", type], { home });
    expect(only.results.every((h) => h.memory_type === type)).toBe(true);
  });

  it("filters by importance, creation date and topics", async () => {
    const none = await cliJson<{ results: Hit[] }>(["search", "allergic", "-u", "alice", "--min-importance", "1"], {
      home,
    });
    expect(none.results).toHaveLength(0);
    const future = await cliJson<{ results: Hit[] }>(["search", "allergic", "-u", "alice", "--after", "2999-01-01"], {
      home,
    });
    expect(future.results).toHaveLength(0);
    const past = await cliJson<{ results: Hit[] }>(
      ["search", "allergic", "-u", "alice", "--before", "2999-01-01", "--after", "2000-01-01"],
      { home },
    );
    expect(past.results[0]?.content).toBe("I am allergic to peanuts");
    const topics = await cliJson<{ results: Hit[] }>(
      ["search", "allergic", "-u", "alice", "--topics", "no-such-topic"],
      { home },
    );
    expect(topics.results).toHaveLength(0);
  });

  it("prints a table, and the parts of each score with --explain", async () => {
    const plain = await cli(["search", "Lisbon", "-u", "alice"], { home });
    expect(plain.stdout).toMatch(/^SCORE\s+ID\s+TYPE\s+CONTENT/m);
    expect(plain.stdout).toContain("I live in Lisbon");
    const explained = await cli(["search", "Lisbon", "-u", "alice", "--explain"], { home });
    expect(explained.stdout).toMatch(
      /vector \d\.\d{3}\s+keyword \d\.\d{3}\s+relevance \d\.\d{3}\s+importance \d\.\d{3}\s+recency \d\.\d{3}/,
    );
  });

  it("refuses an out-of-range limit with the VALIDATION code", async () => {
    const r = await cli(["search", "x", "-u", "alice", "--limit", "0"], { home });
    expect(r.code, r.stderr).toBe(3);
    expect(r.stderr).toContain("[VALIDATION]");
  });
});
