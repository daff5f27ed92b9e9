import { startFakeOpenAI } from "@cortex-mem/testkit";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { describe, expect, it } from "vitest";
import { callError, callOk } from "./helpers/calls.js";
import { connectStdio } from "./helpers/clients.js";
import { onCleanup, tempHome } from "./helpers/home.js";

type Job = {
  id: string;
  status: string;
  user_id?: string;
  result: { results: { memory: string; event: string }[] } | null;
};

async function waitFor(client: Client, id: string, status: string): Promise<Job> {
  const end = Date.now() + 20_000;
  for (;;) {
    const { job } = (await callOk(client, "job_status", { job_id: id })) as { job: Job };
    if (job.status === status) return job;
    if (Date.now() > end) throw new Error(`job ${id} is ${job.status}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

describe("async adds over MCP (stdio, the SDK's Client, a slowed fake LLM)", () => {
  it("add_conversation with async answers with a queued job; the server's worker extracts it; job_status tells the outcome", async () => {
    const fact = (content: string) => ({
      content,
      memory_type: "personal",
      importance: 0.8,
      entities: [],
      topics: [],
      source: [0],
    });
    const fake = await startFakeOpenAI({ chat: () => ({ delayMs: 300, json: { facts: [fact("Lives in Paris")] } }) });
    onCleanup(() => fake.close());
    const env = {
      CORTEX_MEM_LLM_PROVIDER: "openai",
      CORTEX_MEM_LLM_BASE_URL: fake.url,
      CORTEX_MEM_LLM_API_KEY: "sk-test-key",
      CORTEX_MEM_EMBEDDING_PROVIDER: "local",
    };
    const { client } = await connectStdio({ home: tempHome(), args: ["--user-id", "alice"], env });
    const queued = (await callOk(client, "add_conversation", {
      messages: [{ role: "user", content: "I live in Paris" }],
      async: true,
    })) as { results: unknown[]; job: Job };
    expect(queued.results).toEqual([]);
    expect(queued.job).toMatchObject({ status: "queued", user_id: "alice" });
    const done = await waitFor(client, queued.job.id, "completed");
    expect(done.result?.results).toEqual([expect.objectContaining({ memory: "Lives in Paris", event: "ADD" })]);
    const page = (await callOk(client, "list_memories", {})) as { memories: { content: string }[] };
    expect(page.memories.map((m) => m.content)).toEqual(["Lives in Paris"]);
  });

  it("store_memory with async is queued and stored; another user's job is NOT_FOUND; bad input is refused at once", async () => {
    const { client } = await connectStdio({ home: tempHome(), args: ["--user-id", "alice"] });
    const queued = (await callOk(client, "store_memory", { content: "Prefers green tea", async: true })) as {
      job: Job;
    };
    await waitFor(client, queued.job.id, "completed");
    const page = (await callOk(client, "list_memories", {})) as { memories: { content: string }[] };
    expect(page.memories.map((m) => m.content)).toEqual(["Prefers green tea"]);
    expect((await callError(client, "job_status", { job_id: queued.job.id, user_id: "bob" })).code).toBe("NOT_FOUND");
    expect((await callError(client, "job_status", { job_id: "not-a-uuid" })).code).toBe("VALIDATION");
    expect((await callError(client, "store_memory", { content: "   ", async: true })).code).toBe("VALIDATION");
  });
});
