import { startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { onCleanup, openMemory } from "../helpers.js";
import { topicalEmbedding } from "./pipeline-fixture.js";

const T0 = new Date("2026-01-01T00:00:00Z");

describe("a new memory", () => {
  it("carries its speaker, role, neighbouring turn, metadata, times and the ttl's expiry", async () => {
    const fake = await startFakeOpenAI({ embed: topicalEmbedding });
    onCleanup(() => fake.close());
    const memory = await openMemory(
      { embedding: { provider: "openai", baseUrl: fake.url, apiKey: "k", dimensions: 64, maxRetries: 0 } },
      { now: () => T0 },
    );
    const { results } = await memory.add(
      [
        { role: "user", name: "Caroline", content: "I went to the support group", timestamp: "2025-12-31T10:00:00Z" },
        { role: "assistant", content: "How was it?" },
      ],
      { userId: "u", infer: false, metadata: { channel: "chat" }, ttl: "1h" },
    );
    expect(results.map((r) => [r.event, r.memory])).toEqual([
      ["ADD", "I went to the support group"],
      ["ADD", "How was it?"],
    ]);
    const [caroline, assistant] = await Promise.all(results.map((r) => memory.get(r.id)));
    expect(caroline).toMatchObject({
      content: "I went to the support group",
      userId: "u",
      actorId: "Caroline",
      role: "user",
      context: "How was it?",
      metadata: { channel: "chat" },
      createdAt: T0,
      updatedAt: T0,
      observedAt: new Date("2025-12-31T10:00:00Z"),
      expiresAt: new Date("2026-01-01T01:00:00Z"),
      source: ["0"],
    });
    expect(assistant).toMatchObject({ role: "assistant", context: "I went to the support group", observedAt: T0 });
    expect(assistant!.actorId).toBeUndefined();
    const history = await memory.history(caroline!.id);
    expect(history).toEqual([
      expect.objectContaining({ event: "ADD", newContent: "I went to the support group", actorId: "Caroline", at: T0 }),
    ]);
  });

  it("without a ttl has no expiry", async () => {
    const fake = await startFakeOpenAI({ embed: topicalEmbedding });
    onCleanup(() => fake.close());
    const memory = await openMemory({
      embedding: { provider: "openai", baseUrl: fake.url, apiKey: "k", dimensions: 64, maxRetries: 0 },
    });
    const [added] = (await memory.add("User likes tea", { userId: "u", infer: false })).results;
    const stored = await memory.get(added!.id);
    expect(stored.expiresAt).toBeUndefined();
    expect(stored.context).toBeUndefined();
    expect(stored.role).toBe("user");
  });
});
