import type { FakeOpenAI } from "@cortex-mem/testkit";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, seed, tempHome } from "../helpers.js";

const CONTENTS = [
  "Plays chess on Tuesdays",
  "Is learning Japanese",
  "Keeps bees",
  "Bakes sourdough bread",
  "Climbs in Fontainebleau",
];

describe("cortex-mem reembed", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let fake: FakeOpenAI;
  let openaiEnv: Record<string, string>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    fake = await startFakeOpenAI();
    openaiEnv = {
      CORTEX_MEM_EMBEDDING_PROVIDER: "openai",
      CORTEX_MEM_EMBEDDING_BASE_URL: fake.url,
      CORTEX_MEM_EMBEDDING_API_KEY: "test-key",
      CORTEX_MEM_EMBEDDING_DIMENSIONS: "64",
    };
    await seed(home, "alice", CONTENTS);
  });
  afterEach(async () => {
    await fake.close();
    await cleanup();
  });

  it("switches the store to a new embedder batch by batch, resuming after an interruption", async () => {
    const mixed = await cli(["search", "chess", "-u", "alice"], { home, env: openaiEnv });
    expect(mixed.code).toBe(6);
    expect(mixed.stderr).toContain("cortex-mem reembed");

    fake.enqueueEmbeddings({}, { status: 400, content: "simulated outage" });
    const interrupted = await cli(["reembed", "--batch-size", "2"], { home, env: openaiEnv });
    expect(interrupted.code).toBe(8);
    expect(interrupted.stderr).toContain("[EMBEDDING]");
    const firstBatch = fake.embeddingCalls()[0]?.body.input as string[];
    expect(firstBatch).toHaveLength(2);

    fake.reset();
    const resumed = await cliJson<{ reembedded: number; dimensions: number }>(["reembed", "--batch-size", "2"], {
      home,
      env: openaiEnv,
    });
    expect(resumed).toMatchObject({ reembedded: 3, dimensions: 64 });
    const embeddedNow = fake.embeddingCalls().flatMap((c) => c.body.input as string[]);
    expect(embeddedNow.sort()).toEqual(CONTENTS.filter((c) => !firstBatch.includes(c)).sort());

    const search = await cliJson<{ results: { content: string }[] }>(["search", "chess", "-u", "alice", "-l", "1"], {
      home,
      env: openaiEnv,
    });
    expect(search.results[0]?.content).toBe("Plays chess on Tuesdays");
    const nothing = await cli(["reembed"], { home, env: openaiEnv });
    expect(nothing.code).toBe(0);
    expect(nothing.stderr).toContain("nothing to do");
  });
});
