import type { FakeOpenAI } from "@cortex-mem/testkit";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome, total } from "../helpers.js";

interface AddOut {
  results: { memory: string; event: string; memory_type: string }[];
}

describe("cortex-mem add with an OpenAI-compatible LLM", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  let fake: FakeOpenAI;
  let env: Record<string, string>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    fake = await startFakeOpenAI();
    env = { CORTEX_MEM_LLM_PROVIDER: "openai", CORTEX_MEM_LLM_BASE_URL: fake.url, CORTEX_MEM_LLM_API_KEY: "test-key" };
  });
  afterEach(async () => {
    await fake.close();
    await cleanup();
  });

  it("extracts facts from a piped conversation in one LLM call and prints each fact's event", async () => {
    fake.enqueueChat({
      json: {
        facts: [
          { content: "Is vegetarian", memory_type: "personal", importance: 0.8, source: [0] },
          { content: "Lives in Oslo", memory_type: "personal", importance: 0.7, source: [0] },
        ],
      },
    });
    const r = await cli(["add", "-u", "ines"], {
      home,
      env,
      input: "User: I'm vegetarian and I live in Oslo\nAssistant: Noted!\n",
    });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^ADD\s+\S+\s+Is vegetarian$/m);
    expect(r.stdout).toMatch(/^ADD\s+\S+\s+Lives in Oslo$/m);
    expect(fake.chatCalls()).toHaveLength(1);
    expect(JSON.stringify(fake.chatCalls()[0]?.body)).toContain("I'm vegetarian and I live in Oslo");
    const page = await cliJson<{ memories: { content: string }[] }>(["list", "-u", "ines"], { home });
    expect(page.memories.map((m) => m.content).sort()).toEqual(["Is vegetarian", "Lives in Oslo"]);
  });

  it("--no-infer makes no LLM call", async () => {
    const out = await cliJson<AddOut>(["add", "Raw note", "-u", "ines", "--no-infer"], { home, env });
    expect(out.results.map((x) => x.memory)).toEqual(["Raw note"]);
    expect(fake.chatCalls()).toHaveLength(0);
  });

  it("fails with the LLM exit code and a message naming the endpoint when the LLM refuses, writing nothing", async () => {
    fake.enqueueChat({ status: 400, content: "model not found" });
    const r = await cli(["add", "I like tea", "-u", "ines"], { home, env });
    expect(r.code).toBe(7);
    expect(r.stderr).toContain("[LLM]");
    expect(r.stderr).toContain(fake.url);
    expect(await total(home)).toBe(0);
  });
});
