import { startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { onCleanup, openMemory } from "../helpers.js";
import { fact, topicalEmbedding } from "./pipeline-fixture.js";

const conversation = [{ role: "user", content: "some conversation", timestamp: "2025-12-31T23:00:00Z" }];
const T0 = new Date("2026-01-01T00:00:00Z");

/**
 * A stored coffee memory that expires at T0 + 2h, and an add whose one fact the decision call
 * merges into it (UPDATE); `options` are the second add's (ttl, expiresAt).
 */
async function updateOfExpiring(options: Record<string, unknown>) {
  const fake = await startFakeOpenAI({ embed: topicalEmbedding });
  onCleanup(() => fake.close());
  const memory = await openMemory(
    {
      llm: { provider: "openai", baseUrl: fake.url, apiKey: "k", maxRetries: 0, timeoutMs: 5000 },
      embedding: { provider: "openai", baseUrl: fake.url, apiKey: "k", dimensions: 64, maxRetries: 0 },
    },
    { now: () => T0 },
  );
  const [old] = (await memory.add("User likes coffee", { userId: "u", infer: false, ttl: "2h" })).results;
  expect((await memory.get(old!.id)).expiresAt).toEqual(new Date("2026-01-01T02:00:00Z"));
  fake.enqueueChat(
    { json: { facts: [fact("User likes coffee with oat milk")] } },
    { json: { decisions: [{ fact: 0, event: "UPDATE", target: 0, content: "User likes coffee with oat milk" }] } },
  );
  const { results } = await memory.add(conversation, { userId: "u", ...options });
  expect(results.map((r) => [r.event, r.id])).toEqual([["UPDATE", old!.id]]);
  return (await memory.get(old!.id)).expiresAt;
}

describe("an UPDATE decision and the memory's expiry", () => {
  it("keeps the memory's expiry when the add asks for none and the reply proposes none", async () => {
    expect(await updateOfExpiring({})).toEqual(new Date("2026-01-01T02:00:00Z"));
  });

  it("replaces it with the add's ttl", async () => {
    expect(await updateOfExpiring({ ttl: "5h" })).toEqual(new Date("2026-01-01T05:00:00Z"));
  });

  it("removes it when the add asks for no expiry (expiresAt: null)", async () => {
    expect(await updateOfExpiring({ expiresAt: null })).toBeUndefined();
  });
});
