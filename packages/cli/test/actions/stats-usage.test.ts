import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { FakeOpenAI } from "@cortex-mem/testkit";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome } from "../helpers.js";

interface UsageOut {
  rows: { operation: string; model: string; user_id: string | null; calls: number; tokens_in: number; cost: number }[];
  totals: { calls: number; tokens_in: number; tokens_out: number; cost: number | null };
  unpriced_models: string[];
}

describe("cortex-mem stats --usage", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let fake: FakeOpenAI;
  let env: Record<string, string>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    fake = await startFakeOpenAI();
    env = {
      CORTEX_MEM_EMBEDDING_PROVIDER: "openai",
      CORTEX_MEM_EMBEDDING_BASE_URL: fake.url,
      CORTEX_MEM_EMBEDDING_API_KEY: "test-key",
      CORTEX_MEM_EMBEDDING_MODEL: "embed-test",
      CORTEX_MEM_EMBEDDING_DIMENSIONS: "16",
    };
  });
  afterEach(async () => {
    await fake.close();
    await cleanup();
  });

  it("reports the tokens the embedding endpoint answered with, per user, as JSON and as a table", async () => {
    expect(
      (await cli(["add", "Alice likes green tea with honey", "-u", "alice", "--no-infer"], { home, env })).code,
    ).toBe(0);
    const aliceTokens = fake.tokens().embeddings.in;
    expect((await cli(["add", "Bob repairs old bicycles", "-u", "bob", "--no-infer"], { home, env })).code).toBe(0);
    const served = fake.tokens().embeddings;
    const all = await cliJson<UsageOut>(["stats", "--usage"], { home, env });
    expect(all.totals).toEqual({ calls: served.requests, tokens_in: served.in, tokens_out: 0, cost: null });
    expect(all.unpriced_models).toEqual(["embed-test"]);
    const alice = await cliJson<UsageOut>(["stats", "--usage", "-u", "alice"], { home, env });
    expect(alice.rows.map((r) => [r.operation, r.model, r.user_id, r.calls])).toEqual([
      ["embed-add", "embed-test", "alice", 1],
    ]);
    expect(alice.rows[0]?.tokens_in).toBe(aliceTokens);

    const human = await cli(["stats", "--usage"], { home, env });
    expect(human.code).toBe(0);
    expect(human.stdout).toMatch(/embed-add\s+embed-test\s+1\s+\d+\s+0\s+\?\s+user=alice/);
    expect(human.stdout).toMatch(new RegExp(`tokens in\\s+${served.in}`));
  });

  it("prices from the config and refuses bad days or a run scope with VALIDATION (exit 3)", async () => {
    expect((await cli(["add", "Carol sings", "-u", "carol", "--no-infer"], { home, env })).code).toBe(0);
    const tokens = fake.tokens().embeddings.in;
    await writeFile(join(home, "cortex-mem.toml"), '[usage]\nprices = [{ model = "embed-test", input = 3 }]\n');
    const out = await cliJson<UsageOut>(["stats", "--usage"], { home, env });
    expect(out.totals.cost).toBeCloseTo((tokens * 3) / 1e6, 12);
    expect((await cli(["stats", "--usage", "--from", "2026-1-1"], { home, env })).code).toBe(3);
    expect((await cli(["stats", "--usage", "--run-id", "r1"], { home, env })).code).toBe(3);
  });
});
