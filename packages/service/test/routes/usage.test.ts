import { wireUsageReportSchema } from "@cortex-mem/core/wire";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { expectError, expectShape, onCleanup, startTestService } from "../helpers.js";

const ADMIN = "admin-key-0123456789";
const ALICE = "alice-key-0123456789";
const KEYS = [ADMIN, { key: ALICE, userId: "alice" }];

async function serviceWithFake(extra: Record<string, unknown> = {}) {
  const fake = await startFakeOpenAI();
  onCleanup(() => fake.close());
  const provider = { provider: "openai", baseUrl: fake.url, apiKey: "sk-test", maxRetries: 0 };
  const svc = await startTestService({
    llm: { ...provider, model: "gpt-test" },
    embedding: { ...provider, model: "embed-test", dimensions: 32 },
    server: { apiKeys: KEYS },
    ...extra,
  });
  fake.reset();
  return { fake, svc };
}

const fact = (content: string) => ({
  json: { facts: [{ content, memory_type: "personal", importance: 0.7, entities: [], topics: [], source: [0] }] },
});

describe("GET /usage", () => {
  it("reports the exact tokens the provider answered with, per operation, scope and model, with cost", async () => {
    const { fake, svc } = await serviceWithFake({
      usage: { prices: [{ model: "gpt-test", input: 1, output: 2 }], currency: "EUR" },
    });
    fake.enqueueChat(fact("Alice is allergic to peanuts"), fact("Bob plays the oboe"));
    const alice = { messages: [{ role: "user", content: "I'm allergic to peanuts" }], user_id: "alice" };
    expect((await svc.call("POST", "/memories", { key: ADMIN, body: alice })).status).toBe(200);
    const aliceTokens = fake.tokens();
    const bob = { messages: [{ role: "user", content: "I play the oboe" }], user_id: "bob", agent_id: "tutor" };
    expect((await svc.call("POST", "/memories", { key: ADMIN, body: bob })).status).toBe(200);
    const search = { query: "what is alice allergic to", user_id: "alice" };
    expect((await svc.call("POST", "/memories/search", { key: ALICE, body: search })).status).toBe(200);
    const all = fake.tokens();

    const admin = expectShape(wireUsageReportSchema, (await svc.call("GET", "/usage", { key: ADMIN })).json);
    expect(admin.totals.tokens_in).toBe(all.chat.in + all.embeddings.in);
    expect(admin.totals.tokens_out).toBe(all.chat.out);
    expect(admin.totals.calls).toBe(all.chat.requests + all.embeddings.requests);
    expect(admin.totals.cost).toBeCloseTo((all.chat.in * 1 + all.chat.out * 2) / 1e6, 12);
    expect(admin.unpriced_models).toEqual(["embed-test"]);
    expect(admin.currency).toBe("EUR");
    const bobRows = admin.rows.filter((r) => r.user_id === "bob");
    expect(bobRows.every((r) => r.agent_id === "tutor")).toBe(true);
    expect(new Set(admin.rows.map((r) => r.operation))).toEqual(new Set(["extract", "embed-add", "embed-search"]));

    // A key bound to alice sees alice only, whatever it asks for; naming another user is FORBIDDEN.
    const own = expectShape(wireUsageReportSchema, (await svc.call("GET", "/usage", { key: ALICE })).json);
    expect(own.user_id).toBe("alice");
    expect(own.rows.every((r) => r.user_id === "alice")).toBe(true);
    const extract = own.rows.filter((r) => r.operation === "extract");
    expect(extract.reduce((n, r) => n + r.tokens_in, 0)).toBe(aliceTokens.chat.in);
    expect(extract.reduce((n, r) => n + r.tokens_out, 0)).toBe(aliceTokens.chat.out);
    expectError(await svc.call("GET", "/usage?user_id=bob", { key: ALICE }), 403, "FORBIDDEN");
    const onlyBob = (await svc.call("GET", "/usage?user_id=bob", { key: ADMIN })).json;
    expect(onlyBob.rows).toEqual(bobRows);
  });

  it("filters by day and refuses bad days and unknown query fields with VALIDATION", async () => {
    const { svc } = await serviceWithFake();
    await svc.call("POST", "/memories", {
      key: ADMIN,
      body: { content: "Carol likes tea", user_id: "carol", infer: false },
    });
    const today = new Date().toISOString().slice(0, 10);
    expect((await svc.call("GET", `/usage?from=${today}&to=${today}`, { key: ADMIN })).json.rows).toHaveLength(1);
    expect((await svc.call("GET", "/usage?to=2000-01-01", { key: ADMIN })).json.rows).toEqual([]);
    expectError(await svc.call("GET", "/usage?from=2026-13-01", { key: ADMIN }), 400, "VALIDATION");
    expectError(await svc.call("GET", "/usage?from=2026-02-02&to=2026-02-01", { key: ADMIN }), 400, "VALIDATION");
    expectError(await svc.call("GET", "/usage?user=carol", { key: ADMIN }), 400, "VALIDATION");
  });

  it("exposes token counters on /metrics", async () => {
    const { fake, svc } = await serviceWithFake();
    await svc.call("POST", "/memories", {
      key: ADMIN,
      body: { content: "Dan keeps bees", user_id: "dan", infer: false },
    });
    const text = (await svc.call("GET", "/metrics", { key: ADMIN })).text;
    const line = `cortex_mem_tokens_total{kind="in",operation="embed-add",model="embed-test"} ${fake.tokens().embeddings.in}`;
    expect(text).toContain(line);
    expect(text).toContain('cortex_mem_provider_calls_total{operation="embed-add",model="embed-test"} 1');
  });
});

describe("queued adds over REST", () => {
  it("share embedding requests in the service's worker, and every job completes exactly once", async () => {
    const { fake, svc } = await serviceWithFake();
    fake.enqueueEmbeddings({ delayMs: 300 }); // the first add's request is slow: the rest queue up behind it
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) {
      const body = { content: `Erin fact number ${i} about kites`, user_id: "erin", infer: false, async: true };
      const res = await svc.call("POST", "/memories", { key: ADMIN, body });
      expect(res.status).toBe(202);
      ids.push(res.json.job_id as string);
    }
    const end = Date.now() + 15_000;
    const statuses = async () =>
      Promise.all(ids.map(async (id) => (await svc.call("GET", `/jobs/${id}`, { key: ADMIN })).json.status));
    while ((await statuses()).some((s) => s !== "completed") && Date.now() < end)
      await new Promise((r) => setTimeout(r, 50));
    expect(await statuses()).toEqual(ids.map(() => "completed"));
    const texts = fake.embeddingCalls().flatMap((c) => c.body.input as string[]);
    expect(texts.sort()).toEqual(Array.from({ length: 10 }, (_, i) => `Erin fact number ${i} about kites`).sort());
    expect(fake.embeddingCalls().length).toBeLessThan(10);
    const page = (await svc.call("GET", "/memories?user_id=erin&limit=50", { key: ADMIN })).json;
    expect(page.memories).toHaveLength(10);
    const usage = (await svc.call("GET", "/usage?user_id=erin", { key: ADMIN })).json;
    expect(usage.totals).toMatchObject({ calls: fake.embeddingCalls().length, tokens_in: fake.tokens().embeddings.in });
  });
});
