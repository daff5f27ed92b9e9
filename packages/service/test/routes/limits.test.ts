import { describe, expect, it } from "vitest";
import { LIMITS } from "@cortex-mem/core";
import { expectError, startTestService } from "../helpers.js";

const deep = (levels: number): Record<string, unknown> => {
  let value: Record<string, unknown> = { leaf: true };
  for (let i = 1; i < levels; i++) value = { next: value };
  return value;
};

describe("limits: hostile input gets a 4xx, never a 5xx (real HTTP)", () => {
  it("refuses oversized filters, deep metadata, too many messages, long content and big bodies, writing nothing", async () => {
    const svc = await startTestService();
    expect(
      (await svc.call("POST", "/memories", { body: { content: "Alice likes tea", user_id: "alice" } })).status,
    ).toBe(200);
    const filter = Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, i]));
    expectError(
      await svc.call("POST", "/memories/search", {
        body: { query: "tea", user_id: "alice", filters: { metadata: filter } },
      }),
      400,
      "VALIDATION",
    );
    const wide = Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`k${i}`, i]));
    expectError(
      await svc.call(
        "GET",
        `/memories?user_id=alice&filters=${encodeURIComponent(JSON.stringify({ metadata: wide }))}`,
      ),
      400,
      "VALIDATION",
    );
    const small = Object.fromEntries(Array.from({ length: LIMITS.metadataFilterKeys }, (_, i) => [`k${i}`, i]));
    expect(
      (
        await svc.call("POST", "/memories/search", {
          body: { query: "tea", user_id: "alice", filters: { metadata: small } },
        })
      ).status,
    ).toBe(200);
    const nested = `${'{"next":'.repeat(4999)}{"leaf":true}${"}".repeat(4999)}`; // 5,000 deep: built as text (JSON.stringify would overflow the stack)
    const raw = `{"content":"deep","user_id":"alice","metadata":${nested}}`;
    expectError(
      await svc.call("POST", "/memories", { raw, headers: { "Content-Type": "application/json" } }),
      400,
      "VALIDATION",
    );
    expectError(
      await svc.call("POST", "/memories", {
        body: { content: "deep", user_id: "alice", metadata: deep(LIMITS.metadataDepth + 1) },
      }),
      400,
      "VALIDATION",
    );
    expect(
      (
        await svc.call("POST", "/memories", {
          body: { content: "deep enough", user_id: "alice", metadata: deep(LIMITS.metadataDepth) },
        })
      ).status,
    ).toBe(200);
    const messages = (n: number) =>
      Array.from({ length: n }, (_, i) => ({ role: "user", content: `I collect stamp number ${i}` }));
    expectError(
      await svc.call("POST", "/memories", { body: { messages: messages(LIMITS.messagesPerAdd + 1), user_id: "bob" } }),
      400,
      "VALIDATION",
    );
    expectError(
      await svc.call("POST", "/memories", { body: { content: "x".repeat(40_000), user_id: "bob" } }),
      400,
      "VALIDATION",
    );
    expectError(
      await svc.call("POST", "/memories", { body: { content: "y".repeat(1_100_000), user_id: "bob" } }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    const heavy = Array.from({ length: 40 }, (_, i) => ({ role: "user", content: `${i} ${"z".repeat(7000)}` }));
    expectError(
      await svc.call("POST", "/memories", { body: { messages: heavy, user_id: "bob" } }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expect((await svc.memory.stats()).total).toBe(2);
  });
  // Fairness (GET /health < 100 ms during the biggest allowed add) is shown against the spawned service
  // bin, where the probing client does not share the service's event loop: packages/reliability/test/fairness.test.ts.
});
