import { startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { onCleanup, openMemory } from "../helpers.js";
import { fact, llmMemory, topicalEmbedding } from "./pipeline-fixture.js";

const conversation = [{ role: "user", content: "some conversation", timestamp: "2024-05-08T13:56:00Z" }];
/** A unit vector along one axis: two texts given the same one score exactly 1 against each other. */
const axis = (i: number): number[] => Array.from({ length: 64 }, (_, j) => (j === i ? 1 : 0));

describe("the dedup ladder's thresholds", () => {
  it("a score equal to both thresholds counts: a fact that adds nothing is NONE without a decision", async () => {
    const { memory, fake } = await llmMemory({ duplicateThreshold: 1, relatedThreshold: 1 });
    fake.enqueueEmbeddings({ embeddings: [axis(0)] });
    const [old] = (await memory.add("User likes coffee", { userId: "u", infer: false })).results;
    fake.reset();
    fake.enqueueChat({ json: { facts: [fact("The user really likes coffee")] } });
    fake.enqueueEmbeddings({ embeddings: [axis(0)] });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results).toEqual([
      { id: old!.id, memory: "The user really likes coffee", event: "NONE", memoryType: "personal" },
    ]);
    expect(fake.chatCalls()).toHaveLength(1);
  });

  it("a score equal to the related threshold brings a fact with a new word to the decision", async () => {
    const { memory, fake } = await llmMemory({ duplicateThreshold: 1, relatedThreshold: 1 });
    fake.enqueueEmbeddings({ embeddings: [axis(0)] });
    const [old] = (await memory.add("User likes coffee", { userId: "u", infer: false })).results;
    fake.reset();
    fake.enqueueChat(
      { json: { facts: [fact("User likes coffee at noon")] } },
      { json: { decisions: [{ fact: 0, event: "NONE", target: 0 }] } },
    );
    fake.enqueueEmbeddings({ embeddings: [axis(0)] });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results).toEqual([
      { id: old!.id, memory: "User likes coffee at noon", event: "NONE", memoryType: "personal" },
    ]);
    expect(fake.chatCalls()).toHaveLength(2);
  });
});

describe("the dedup ladder's candidates", () => {
  it("an exact duplicate answers NONE with the stored memory's id; a repeat within the add has none", async () => {
    const { memory, fake } = await llmMemory();
    const [old] = (await memory.add("User lives in Lisbon", { userId: "u", infer: false })).results;
    fake.enqueueChat({
      json: { facts: [fact("User lives in Lisbon"), fact("User plays chess"), fact("user plays chess.")] },
    });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => [r.event, r.id === old!.id ? "old" : r.id])).toEqual([
      ["NONE", "old"],
      ["ADD", results[1]!.id],
      ["NONE", ""],
    ]);
  });

  it("a close memory of another user is no candidate: the fact is added without a decision call", async () => {
    const { memory, fake } = await llmMemory();
    await memory.add("User likes coffee", { userId: "someone-else", infer: false });
    fake.reset();
    fake.enqueueChat({ json: { facts: [fact("User likes coffee at noon")] } });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD"]);
    expect(fake.chatCalls()).toHaveLength(1);
  });

  it("an expired close memory is no candidate: the fact is added without a decision call", async () => {
    const fake = await startFakeOpenAI({ embed: topicalEmbedding });
    onCleanup(() => fake.close());
    let now = new Date("2026-01-01T00:00:00Z");
    const memory = await openMemory(
      {
        llm: { provider: "openai", baseUrl: fake.url, apiKey: "k", maxRetries: 0, timeoutMs: 5000 },
        embedding: { provider: "openai", baseUrl: fake.url, apiKey: "k", dimensions: 64, maxRetries: 0 },
      },
      { now: () => now },
    );
    await memory.add("User likes coffee", { userId: "u", infer: false, ttl: "1h" });
    now = new Date("2026-01-01T02:00:00Z");
    fake.reset();
    fake.enqueueChat({ json: { facts: [fact("User likes coffee at noon")] } });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD"]);
    expect(fake.chatCalls()).toHaveLength(1);
  });

  it("with infer: false a close fact is added as said, with no decision call", async () => {
    const { memory, fake } = await llmMemory();
    await memory.add("User likes coffee", { userId: "u", infer: false });
    const { results } = await memory.add("User likes coffee at noon", { userId: "u", infer: false });
    expect(results.map((r) => [r.event, r.memory])).toEqual([["ADD", "User likes coffee at noon"]]);
    expect(fake.chatCalls()).toHaveLength(0);
    expect((await memory.stats()).total).toBe(2);
  });

  it("without an LLM (rules), a close fact below the duplicate threshold is added, nothing asked", async () => {
    const { memory, fake } = await llmMemory({}, { llm: { provider: "none" } });
    await memory.add("I like coffee", { userId: "u", infer: false });
    const { results } = await memory.add("I like coffee with oat milk", { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD"]);
    expect(fake.chatCalls()).toHaveLength(0);
    expect((await memory.stats()).total).toBe(2);
  });

  it("an UPDATE stores the merged text's vector: a later fact close only to that text meets the memory", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueEmbeddings({ embeddings: [axis(0)] });
    const [old] = (await memory.add("User likes coffee", { userId: "u", infer: false })).results;
    fake.reset();
    fake.enqueueChat(
      { json: { facts: [fact("User likes coffee with oat milk")] } },
      { json: { decisions: [{ fact: 0, event: "UPDATE", target: 0, content: "User likes oat milk coffee" }] } },
    );
    const leaning = axis(0).map((x, i) => (i === 1 ? 0.6 : x * 0.8)); // cosine .8 with the old memory
    fake.enqueueEmbeddings({ embeddings: [leaning] }, { embeddings: [axis(5)] });
    expect((await memory.add(conversation, { userId: "u" })).results[0]).toMatchObject({
      event: "UPDATE",
      id: old!.id,
    });
    fake.reset();
    fake.enqueueChat(
      { json: { facts: [fact("User takes oat milk in coffee")] } },
      { json: { decisions: [{ fact: 0, event: "NONE", target: 0 }] } },
    );
    fake.enqueueEmbeddings({ embeddings: [axis(5)] });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => [r.event, r.id])).toEqual([["NONE", old!.id]]);
    expect(fake.chatCalls()).toHaveLength(2);
  });
});
