import { describe, expect, it } from "vitest";
import { ErrorCode, isCortexMemError } from "../../src/errors.js";
import type { CortexMemError } from "../../src/errors.js";
import { fact, llmMemory } from "./pipeline-fixture.js";

const conversation = [{ role: "user", content: "some conversation", timestamp: "2024-05-08T13:56:00Z" }];

describe("infer pipeline with an LLM", () => {
  it("adds new facts with one extraction call and one embedding call", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat({
      json: {
        facts: [
          fact("User lives in Lisbon"),
          fact("User has a cat named Miso", { memory_type: "PERSONAL", topics: ["Pets"] }),
        ],
      },
    });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD", "ADD"]);
    expect(fake.chatCalls()).toHaveLength(1);
    expect(fake.embeddingCalls()).toHaveLength(1);
    const cat = await memory.get(results[1]!.id);
    expect(cat).toMatchObject({ memoryType: "personal", topics: ["pets"], source: ["0"] });
    expect(cat.observedAt.toISOString()).toBe("2024-05-08T13:56:00.000Z");
    const prompt = fake.chatCalls()[0]!.body.messages[1].content as string;
    expect(prompt).toContain("2024-05-08T13:56:00.000Z");
  });

  it("answers NONE for a known fact and for a fact repeated in one extraction", async () => {
    const { memory, fake } = await llmMemory();
    await memory.add("User lives in Lisbon", { userId: "u", infer: false });
    fake.enqueueChat({
      json: { facts: [fact("User lives in Lisbon"), fact("User likes tea"), fact("user likes tea.")] },
    });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["NONE", "ADD", "NONE"]);
    expect(fake.chatCalls()).toHaveLength(1);
    expect((await memory.stats()).total).toBe(2);
  });

  it("UPDATE merges into the existing memory with history", async () => {
    const { memory, fake } = await llmMemory();
    const {
      results: [old],
    } = await memory.add("User likes coffee", { userId: "u", infer: false });
    fake.enqueueChat(
      { json: { facts: [fact("User likes coffee, especially flat whites")] } },
      {
        json: {
          decisions: [{ fact: 0, event: "UPDATE", target: 0, content: "User likes coffee, especially flat whites" }],
        },
      },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results[0]).toMatchObject({ event: "UPDATE", id: old!.id, previousMemory: "User likes coffee" });
    expect((await memory.get(old!.id)).content).toBe("User likes coffee, especially flat whites");
    expect((await memory.history(old!.id)).map((h) => h.event)).toEqual(["ADD", "UPDATE"]);
    const decision = fake.chatCalls()[1]!.body.messages[1].content as string;
    expect(decision).toContain("0: User likes coffee");
    expect(decision).not.toContain(old!.id);
  });

  it("SUPERSEDE keeps the old memory, hidden from search unless asked", async () => {
    const { memory, fake } = await llmMemory();
    const {
      results: [old],
    } = await memory.add("User lives in Lisbon", { userId: "u", infer: false });
    fake.enqueueChat(
      { json: { facts: [fact("User moved to Porto")] } },
      { json: { decisions: [{ fact: 0, event: "supersede", target: 0 }] } },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results[0]).toMatchObject({ event: "SUPERSEDE", previousMemory: "User lives in Lisbon" });
    const previous = await memory.get(old!.id);
    expect(previous.supersededBy).toBe(results[0]!.id);
    expect(previous.validUntil?.toISOString()).toBe("2024-05-08T13:56:00.000Z");
    const visible = await memory.search("where does the user live", { userId: "u" });
    expect(visible.map((h) => h.content)).toEqual(["User moved to Porto"]);
    const all = await memory.search("where does the user live", { userId: "u", filters: { includeSuperseded: true } });
    expect(all.map((h) => h.content).sort()).toEqual(["User lives in Lisbon", "User moved to Porto"]);
    expect((await memory.history(old!.id)).map((h) => h.event)).toEqual(["ADD", "SUPERSEDE"]);
  });

  it("DELETE removes the contradicted memory", async () => {
    const { memory, fake } = await llmMemory();
    const {
      results: [old],
    } = await memory.add("User has a cat", { userId: "u", infer: false });
    fake.enqueueChat(
      { json: { facts: [fact("User no longer has a cat")] } },
      { json: { decisions: [{ fact: 0, event: "DELETE", target: 0 }] } },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results[0]).toMatchObject({ event: "DELETE", id: old!.id });
    expect((await memory.stats()).total).toBe(0);
  });

  it("five facts cost exactly two LLM calls and two embedding calls", async () => {
    const { memory, fake } = await llmMemory();
    for (const f of ["User lives in Lisbon", "User likes coffee", "User has a dog"])
      await memory.add(f, { userId: "u", infer: false });
    fake.reset();
    const five = [
      "User moved to Porto",
      "User likes coffee with oat milk",
      "User has a dog called Rex",
      "User likes green tea",
      "User plays chess",
    ];
    fake.enqueueChat(
      { json: { facts: five.map((c) => fact(c)) } },
      {
        json: {
          decisions: [
            { fact: 0, event: "SUPERSEDE", target: 0 },
            { fact: 1, event: "UPDATE", target: 1, content: "User likes coffee with oat milk" },
            { fact: 2, event: "UPDATE", target: 2, content: "User has a dog, Rex" },
          ],
        },
      },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results).toHaveLength(5);
    expect(fake.chatCalls()).toHaveLength(2);
    // One batch for the five facts, one for the merged texts that differ from their fact (only Rex's).
    expect(fake.embeddingCalls().map((c) => (c.body as { input: string[] }).input)).toEqual([
      five,
      ["User has a dog, Rex"],
    ]);
    expect(results.map((r) => r.event)).toEqual(["SUPERSEDE", "UPDATE", "UPDATE", "ADD", "ADD"]);
  });

  it("repairs truncated JSON from a small model", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat({ content: '```json\n{"facts": [{"content": "User likes tea", "memory_type": "personal",' });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.memory)).toEqual(["User likes tea"]);
    expect(fake.chatCalls()).toHaveLength(1);
  });

  it("asks once more after unusable JSON, then fails with LLM and writes nothing", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat({ content: "I cannot do that" }, { content: "still no json" });
    const error = await memory.add(conversation, { userId: "u" }).catch((e: unknown) => e);
    expect(isCortexMemError(error, ErrorCode.LLM)).toBe(true);
    expect(fake.chatCalls()).toHaveLength(2);
    expect((await memory.stats()).total).toBe(0);
  });

  it("retries a 429 and succeeds", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat(
      { status: 429, headers: { "retry-after-ms": "0" } },
      { json: { facts: [fact("User likes tea")] } },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results[0]?.event).toBe("ADD");
    expect(fake.chatCalls()).toHaveLength(2);
  });

  it("a persistent provider failure writes nothing, even when the decision call fails after extraction", async () => {
    const { memory, fake } = await llmMemory();
    await memory.add("User lives in Lisbon", { userId: "u", infer: false });
    const fail = { status: 500, headers: { "retry-after-ms": "0" } };
    fake.enqueueChat({ json: { facts: [fact("User moved to Porto"), fact("User likes tea")] } }, fail, fail, fail);
    const error = await memory.add(conversation, { userId: "u" }).catch((e: unknown) => e);
    expect(isCortexMemError(error, ErrorCode.LLM)).toBe(true);
    expect((await memory.stats()).total).toBe(1);
    expect((await memory.list({ userId: "u" })).memories.map((m) => m.content)).toEqual(["User lives in Lisbon"]);
  });

  it("with on_llm_error = store_raw keeps what the user said", async () => {
    const { memory, fake } = await llmMemory({ onLlmError: "store_raw" });
    const fail = { status: 500, headers: { "retry-after-ms": "0" } };
    fake.enqueueChat(fail, fail, fail);
    const { results } = await memory.add([{ role: "user", content: "My passport expires in March" }], { userId: "u" });
    expect(results.map((r) => [r.event, r.memory])).toEqual([["ADD", "My passport expires in March"]]);
    expect((await memory.get(results[0]!.id)).metadata).toEqual({ llm_error: "LLM" });
  });

  it("with on_llm_error = store_raw an embedding failure fails the add with its code: nothing stored as llm_error", async () => {
    const { memory, fake } = await llmMemory({ onLlmError: "store_raw" });
    await memory.add("User lives in Lisbon", { userId: "u", infer: false });
    for (const [reply, code] of [
      [{ status: 429, headers: { "retry-after-ms": "0" } }, ErrorCode.RATE_LIMITED],
      [{ status: 500, headers: { "retry-after-ms": "0" } }, ErrorCode.EMBEDDING],
    ] as const) {
      fake.reset();
      fake.enqueueChat({ json: { facts: [fact("User plays the cello")] } });
      fake.enqueueEmbeddings(reply); // maxRetries 0: one failing embedding call is the end of it
      const error = await memory.add(conversation, { userId: "u" }).catch((e: unknown) => e);
      expect(isCortexMemError(error, code)).toBe(true);
      if (code === ErrorCode.RATE_LIMITED) expect((error as CortexMemError).details).toEqual({ provider: "embedding" });
      expect(fake.embeddingCalls().length).toBe(1); // not retried as raw text
    }
    expect((await memory.list({ userId: "u" })).memories.map((m) => [m.content, m.metadata])).toEqual([
      ["User lives in Lisbon", {}],
    ]);
  });
});
