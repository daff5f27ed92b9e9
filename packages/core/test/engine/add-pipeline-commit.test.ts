import { startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { laterThan } from "../../src/engine/add-pipeline.js";
import { onCleanup, openMemory } from "../helpers.js";
import { fact, topicalEmbedding } from "./pipeline-fixture.js";

const conversation = [{ role: "user", content: "some conversation", timestamp: "2024-05-08T13:56:00Z" }];
const T0 = new Date("2026-01-01T00:00:00Z");

/** A manager on the fake server whose clock stands still at `T0`: every write happens "at once". */
async function stillMemory() {
  const fake = await startFakeOpenAI({ embed: topicalEmbedding });
  onCleanup(() => fake.close());
  const memory = await openMemory(
    {
      llm: { provider: "openai", baseUrl: fake.url, apiKey: "k", maxRetries: 0, timeoutMs: 5000 },
      embedding: { provider: "openai", baseUrl: fake.url, apiKey: "k", dimensions: 64, maxRetries: 0 },
    },
    { now: () => T0 },
  );
  fake.reset();
  return { memory, fake };
}

describe("laterThan", () => {
  it("is now when now is later, else one millisecond after the previous time", () => {
    expect(laterThan(new Date(2000), new Date(1000)).getTime()).toBe(2000);
    expect(laterThan(new Date(1000), new Date(1000)).getTime()).toBe(1001);
    expect(laterThan(new Date(1000), new Date(5000)).getTime()).toBe(5001);
  });
});

describe("an UPDATE decision", () => {
  it("merges the fact into the memory: higher importance, unions, the fact's time, a new version", async () => {
    const { memory, fake } = await stillMemory();
    const [old] = (
      await memory.add("User likes coffee", {
        userId: "u",
        infer: false,
        importance: 0.9,
        topics: ["drinks"],
        metadata: { from: "import" },
      })
    ).results;
    const before = await memory.get(old!.id);
    fake.enqueueChat(
      {
        json: {
          facts: [
            fact("User likes coffee with oat milk", {
              entities: ["Oatly"],
              topics: ["drinks", "food"],
              importance: 0.4,
            }),
          ],
        },
      },
      { json: { decisions: [{ fact: 0, event: "UPDATE", target: 0, content: "User likes coffee, with oat milk" }] } },
    );
    const { results } = await memory.add(conversation, { userId: "u", actorId: "Caroline" });
    expect(results).toEqual([
      {
        id: old!.id,
        memory: "User likes coffee, with oat milk",
        event: "UPDATE",
        memoryType: before.memoryType,
        previousMemory: "User likes coffee",
      },
    ]);
    const after = await memory.get(old!.id);
    expect(after).toMatchObject({
      content: "User likes coffee, with oat milk",
      importance: 0.9,
      entities: [...before.entities, "Oatly"],
      topics: ["drinks", "food"],
      source: ["0"], // the same message on both sides: once
      metadata: { from: "import" },
      createdAt: before.createdAt,
    });
    expect(after.observedAt.toISOString()).toBe("2024-05-08T13:56:00.000Z");
    expect(after.updatedAt.getTime()).toBe(T0.getTime() + 1);
    const history = await memory.history(old!.id);
    expect(history.map((h) => [h.event, h.oldContent, h.newContent, h.actorId])).toEqual([
      ["ADD", null, "User likes coffee", undefined],
      ["UPDATE", "User likes coffee", "User likes coffee, with oat milk", "Caroline"],
    ]);
  });

  it("takes the fact's importance when it is the higher one, and the fact's text without a merged one", async () => {
    const { memory, fake } = await stillMemory();
    const [old] = (await memory.add("User likes coffee", { userId: "u", infer: false, importance: 0.2 })).results;
    fake.enqueueChat(
      { json: { facts: [fact("User likes coffee at noon", { importance: 0.8 })] } },
      { json: { decisions: [{ fact: 0, event: "UPDATE", target: 0 }] } },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    expect(results.map((r) => [r.event, r.id, r.memory])).toEqual([["UPDATE", old!.id, "User likes coffee at noon"]]);
    expect(await memory.get(old!.id)).toMatchObject({ content: "User likes coffee at noon", importance: 0.8 });
    expect((await memory.history(old!.id)).map((h) => h.actorId)).toEqual([undefined, undefined]);
  });
});

describe("several decisions about one memory in one add", () => {
  const second = async (first: object, then: object) => {
    const { memory, fake } = await stillMemory();
    const [old] = (await memory.add("User likes coffee", { userId: "u", infer: false })).results;
    fake.enqueueChat(
      { json: { facts: [fact("User no longer drinks coffee"), fact("User likes coffee at noon")] } },
      {
        json: {
          decisions: [
            { fact: 0, target: 0, ...first },
            { fact: 1, target: 0, ...then },
          ],
        },
      },
    );
    const { results } = await memory.add(conversation, { userId: "u" });
    return { memory, old: old!, results };
  };

  it("after a DELETE, an UPDATE of the same memory becomes an ADD", async () => {
    const { memory, old, results } = await second(
      { event: "DELETE" },
      { event: "UPDATE", content: "User likes coffee a lot" },
    );
    expect(results).toEqual([
      {
        id: old.id,
        memory: "User likes coffee",
        event: "DELETE",
        memoryType: old.memoryType,
        previousMemory: "User likes coffee",
      },
      { id: results[1]!.id, memory: "User likes coffee at noon", event: "ADD", memoryType: "personal" },
    ]);
    expect((await memory.list({ userId: "u" })).memories.map((m) => m.content)).toEqual(["User likes coffee at noon"]);
    expect((await memory.history(old.id)).map((h) => [h.event, h.oldContent, h.newContent])).toEqual([
      ["ADD", null, "User likes coffee"],
      ["DELETE", "User likes coffee", null],
    ]);
  });

  it("after a SUPERSEDE, a DELETE of the same memory becomes an ADD", async () => {
    const { memory, old, results } = await second({ event: "SUPERSEDE" }, { event: "DELETE" });
    expect(results).toEqual([
      {
        id: results[0]!.id,
        memory: "User no longer drinks coffee",
        event: "SUPERSEDE",
        memoryType: "personal",
        previousMemory: "User likes coffee",
      },
      { id: results[1]!.id, memory: "User likes coffee at noon", event: "ADD", memoryType: "personal" },
    ]);
    const previous = await memory.get(old.id);
    expect(previous.supersededBy).toBe(results[0]!.id);
    expect(previous.validUntil?.toISOString()).toBe("2024-05-08T13:56:00.000Z");
    expect(previous.updatedAt.getTime()).toBe(T0.getTime() + 1);
    expect((await memory.history(old.id)).map((h) => [h.event, h.newContent])).toEqual([
      ["ADD", "User likes coffee"],
      ["SUPERSEDE", "User no longer drinks coffee"],
    ]);
  });

  it("after an UPDATE, a NONE about the same memory stays NONE with its id", async () => {
    const { memory, old, results } = await second(
      { event: "UPDATE", content: "User likes coffee, not always" },
      { event: "NONE" },
    );
    expect(results.map((r) => [r.event, r.id, r.memory])).toEqual([
      ["UPDATE", old.id, "User likes coffee, not always"],
      ["NONE", old.id, "User likes coffee at noon"],
    ]);
    expect((await memory.stats()).total).toBe(1);
  });
});
