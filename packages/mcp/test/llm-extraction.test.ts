import { startFakeOpenAI } from "@cortex-mem/testkit";
import type { FakeChatRequest, ScriptedReply } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { callError, callOk } from "./helpers/calls.js";
import { connectStdio } from "./helpers/clients.js";
import { onCleanup, openStore, tempHome } from "./helpers/home.js";

/** Extraction answers from the scripted "LLM"; a message containing "BROKEN" makes it fail. */
function extractionReply(req: FakeChatRequest): ScriptedReply {
  const conversation = req.messages.map((m) => m.content).join("\n");
  if (conversation.includes("BROKEN"))
    return { status: 500, content: "model crashed", headers: { "retry-after-ms": "0" } };
  return {
    json: {
      facts: [
        {
          content: "Lives in Paris",
          memory_type: "personal",
          importance: 0.8,
          entities: ["Paris"],
          topics: ["home"],
          source: [0],
        },
        {
          content: "Is vegetarian",
          memory_type: "personal",
          importance: 0.9,
          entities: [],
          topics: ["food"],
          source: [0],
        },
      ],
    },
  };
}

describe("add_conversation with an OpenAI-compatible LLM (real openai SDK, testkit fake server)", () => {
  it("returns each extracted fact with its event, and an LLM failure is an LLM tool error with nothing written", async () => {
    const fake = await startFakeOpenAI({ chat: extractionReply });
    onCleanup(() => fake.close());
    const home = tempHome();
    const env = {
      CORTEX_MEM_LLM_PROVIDER: "openai",
      CORTEX_MEM_LLM_BASE_URL: fake.url,
      CORTEX_MEM_LLM_API_KEY: "sk-test-key",
      CORTEX_MEM_EMBEDDING_PROVIDER: "local",
    };
    const { client } = await connectStdio({ home, args: ["--user-id", "alice"], env });

    const added = (await callOk(client, "add_conversation", {
      messages: [{ role: "user", content: "Hi! I live in Paris and I don't eat meat.", timestamp: "2024-03-01" }],
    })) as { results: { id: string; memory: string; event: string; memory_type: string }[] };
    expect(added.results.map((r) => [r.memory, r.event, r.memory_type])).toEqual([
      ["Lives in Paris", "ADD", "personal"],
      ["Is vegetarian", "ADD", "personal"],
    ]);
    expect(fake.chatCalls()).toHaveLength(1);
    const { memory } = (await callOk(client, "get_memory", { memory_id: added.results[0]!.id })) as {
      memory: { observed_at: string; topics: string[] };
    };
    expect(memory.observed_at).toBe("2024-03-01T00:00:00.000Z");
    expect(memory.topics).toContain("home");

    const store = await openStore(home);
    const before = await store.stats();
    const error = await callError(client, "add_conversation", {
      messages: [{ role: "user", content: "BROKEN: I have a cat" }],
    });
    expect(error.code).toBe("LLM");
    expect(await store.stats()).toEqual(before);
  });
});
