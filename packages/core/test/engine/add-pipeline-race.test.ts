import { describe, expect, it } from "vitest";
import { fact, llmMemory } from "./pipeline-fixture.js";

const conversation = [{ role: "user", content: "some conversation", timestamp: "2024-05-08T13:56:00Z" }];

describe("an add racing another writer", () => {
  it("a new fact stored meanwhile by another add answers NONE with that memory's id, stored once", async () => {
    const { memory, fake } = await llmMemory();
    const [coffee] = (await memory.add("User likes coffee", { userId: "u", infer: false })).results;
    fake.reset();
    // The decision call is slow: the other add stores the same tea fact before this one's transaction.
    fake.enqueueChat(
      { json: { facts: [fact("User likes tea"), fact("User likes coffee with oat milk")] } },
      { json: { decisions: [{ fact: 0, event: "UPDATE", target: 0 }] }, delayMs: 1500 },
    );
    const slow = memory.add(conversation, { userId: "u" });
    while (fake.chatCalls().length < 2) await new Promise((r) => setTimeout(r, 5));
    const [tea] = (await memory.add("User likes tea", { userId: "u", infer: false })).results;
    const { results } = await slow;
    expect(results).toEqual([
      { id: tea!.id, memory: "User likes tea", event: "NONE", memoryType: "personal" },
      {
        id: coffee!.id,
        memory: "User likes coffee with oat milk",
        event: "UPDATE",
        memoryType: coffee!.memoryType,
        previousMemory: "User likes coffee",
      },
    ]);
    expect((await memory.list({ userId: "u" })).memories.map((m) => m.content).sort()).toEqual([
      "User likes coffee with oat milk",
      "User likes tea",
    ]);
  });
});
