import { describe, expect, it } from "vitest";
import { addsNothing } from "../../src/engine/add-pipeline.js";
import { fact, llmMemory } from "./pipeline-fixture.js";

const conversation = [{ role: "user", content: "some conversation", timestamp: "2024-05-08T13:56:00Z" }];
type EmbeddingBody = { input: string[] | string };
const inputs = (call: { body: unknown } | undefined): string[] => [(call?.body as EmbeddingBody).input].flat();

describe("addsNothing", () => {
  it("is true when every content word (stems, stopwords aside) is already known", () => {
    expect(addsNothing("The user really likes coffee", "User likes coffee")).toBe(true);
    expect(addsNothing("user liked coffees", "User likes coffee")).toBe(true);
  });

  it("is false for a negation, a new name or any new content word", () => {
    expect(addsNothing("User never likes coffee", "User likes coffee")).toBe(false);
    expect(addsNothing("User likes coffee with Maria", "User likes coffee")).toBe(false);
    expect(addsNothing("User likes tea", "User likes coffee")).toBe(false);
  });
});

describe("the dedup ladder", () => {
  it("above the duplicate threshold, a fact that adds nothing is NONE without a decision call", async () => {
    // The fixture's embeddings put two coffee facts at cosine ≈ .8: a threshold of .7 makes them duplicates.
    const { memory, fake } = await llmMemory({ duplicateThreshold: 0.7 });
    const {
      results: [old],
    } = await memory.add("User likes coffee", { userId: "u", infer: false });
    fake.reset();
    fake.enqueueChat({ json: { facts: [fact("The user really likes coffee")] } });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results).toEqual([expect.objectContaining({ event: "NONE", id: old!.id })]);
    expect(fake.chatCalls()).toHaveLength(1);
    expect(fake.embeddingCalls()).toHaveLength(1);
    expect((await memory.stats()).total).toBe(1);
  });

  it("above the duplicate threshold, a fact with a new word still goes to the decision", async () => {
    const { memory, fake } = await llmMemory({ duplicateThreshold: 0.7 });
    await memory.add("User likes coffee", { userId: "u", infer: false });
    fake.reset();
    fake.enqueueChat(
      { json: { facts: [fact("User likes coffee at noon")] } },
      { json: { decisions: [{ fact: 0, event: "ADD" }] } },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD"]);
    expect(fake.chatCalls()).toHaveLength(2);
  });

  it("below the duplicate threshold, even a fact that adds nothing is left to the decision", async () => {
    const { memory, fake } = await llmMemory({ duplicateThreshold: 0.999 });
    await memory.add("User likes coffee", { userId: "u", infer: false });
    fake.reset();
    fake.enqueueChat(
      { json: { facts: [fact("The user really likes coffee")] } },
      { json: { decisions: [{ fact: 0, event: "ADD" }] } },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD"]);
    expect(fake.chatCalls()).toHaveLength(2);
    expect((await memory.stats()).total).toBe(2);
  });

  it("below the related threshold, a fact is added without a decision call", async () => {
    const { memory, fake } = await llmMemory({ relatedThreshold: 0.99 });
    await memory.add("User likes coffee", { userId: "u", infer: false });
    fake.reset();
    fake.enqueueChat({ json: { facts: [fact("User likes coffee at noon")] } });
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => r.event)).toEqual(["ADD"]);
    expect(fake.chatCalls()).toHaveLength(1);
  });
});

describe("decisions applied", () => {
  it("a second UPDATE of a memory already updated in the same add becomes an ADD", async () => {
    const { memory, fake } = await llmMemory();
    const {
      results: [old],
    } = await memory.add("User likes coffee", { userId: "u", infer: false });
    fake.reset();
    fake.enqueueChat(
      { json: { facts: [fact("User likes coffee with oat milk"), fact("User likes coffee at noon")] } },
      {
        json: {
          decisions: [
            { fact: 0, event: "UPDATE", target: 0, content: "User likes coffee with oat milk" },
            { fact: 1, event: "UPDATE", target: 0, content: "User likes coffee at noon" },
          ],
        },
      },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => [r.event, r.memory])).toEqual([
      ["UPDATE", "User likes coffee with oat milk"],
      ["ADD", "User likes coffee at noon"],
    ]);
    expect(results[0]!.id).toBe(old!.id);
    expect((await memory.history(old!.id)).map((h) => h.event)).toEqual(["ADD", "UPDATE"]);
    expect((await memory.stats()).total).toBe(2);
  });

  it("a merged UPDATE text is embedded again, in one second batch, with the target's speaker", async () => {
    const { memory, fake } = await llmMemory();
    const {
      results: [old],
    } = await memory.add("likes coffee", { userId: "u", actorId: "Caroline", infer: false });
    fake.reset();
    fake.enqueueChat(
      { json: { facts: [fact("Caroline likes coffee with oat milk")] } },
      { json: { decisions: [{ fact: 0, event: "UPDATE", target: 0, content: "likes coffee, with oat milk" }] } },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results[0]).toMatchObject({ event: "UPDATE", id: old!.id, memory: "likes coffee, with oat milk" });
    expect(fake.embeddingCalls().map(inputs)).toEqual([
      ["Caroline likes coffee with oat milk"],
      ["Caroline: likes coffee, with oat milk"],
    ]);
    const hits = await memory.search("Caroline: likes coffee, with oat milk", { userId: "u" });
    expect(hits[0]).toMatchObject({ id: old!.id, scoreParts: { vector: 1 } });
  });

  it("embeds a memory with its speaker's name in front", async () => {
    const { memory, fake } = await llmMemory();
    await memory.add("I went to the support group", { userId: "u", actorId: "Caroline", infer: false });
    expect(fake.embeddingCalls().map(inputs)).toEqual([["Caroline: I went to the support group"]]);
  });
});
