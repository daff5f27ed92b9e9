import { describe, expect, it } from "vitest";
import { llmMemory } from "../engine/pipeline-fixture.js";
import { openMemory } from "../helpers.js";
import type { UsageReport } from "../../src/usage/usage-types.js";

const PRICING = { prices: [{ model: "gpt-4o-mini", input: 0.15, output: 0.6 }], currency: "USD" };
const sum = (r: UsageReport, op: string, field: "calls" | "tokensIn" | "tokensOut"): number =>
  r.rows.filter((row) => row.operation === op).reduce((n, row) => n + row[field], 0);

describe("usage accounting (library, fake OpenAI server)", () => {
  it("records the provider's exact tokens per operation, scope and model", async () => {
    const { memory, fake } = await llmMemory({}, { usage: { flushMs: 0 } });
    fake.enqueueChat({
      json: { facts: [{ content: "Alice lives in Lisbon", type: "personal", importance: 0.7, source: [0] }] },
    });
    await memory.add([{ role: "user", content: "I moved to Lisbon last year" }], { userId: "alice" });
    const afterAdd = fake.tokens();
    await memory.search("where does alice live", { userId: "alice", agentId: "helper" });
    const served = fake.tokens();

    const report = await memory.usage({ userId: "alice" }, { prices: [], currency: "USD" });
    expect(sum(report, "extract", "calls")).toBe(afterAdd.chat.requests);
    expect(sum(report, "extract", "tokensIn")).toBe(afterAdd.chat.in);
    expect(sum(report, "extract", "tokensOut")).toBe(afterAdd.chat.out);
    expect(sum(report, "embed-add", "tokensIn")).toBe(afterAdd.embeddings.in);
    expect(sum(report, "embed-search", "tokensIn")).toBe(served.embeddings.in - afterAdd.embeddings.in);
    expect(report.totals.tokensIn).toBe(served.chat.in + served.embeddings.in);
    expect(report.totals.tokensOut).toBe(served.chat.out);
    expect(afterAdd.chat.in).toBeGreaterThan(0);
    expect(report.rows.find((r) => r.operation === "embed-search")).toMatchObject({ agentId: "helper" });
    expect(report.rows.every((r) => r.userId === "alice" && r.estimatedCalls === 0)).toBe(true);
    expect(report.unpricedModels.length).toBeGreaterThan(0);
    expect(report.totals.cost).toBeNull();
    expect((await memory.usage({ userId: "bob" }, PRICING)).rows).toEqual([]);
  });

  it("prices the models the user priced and leaves the others unknown", async () => {
    const { memory, fake } = await llmMemory({}, { llm: {}, usage: { flushMs: 0 } });
    await memory.add("I drink flat whites", { userId: "carol", infer: false });
    const served = fake.tokens();
    const chatModel = (await memory.usage({}, PRICING)).rows.map((r) => r.model);
    const report = await memory.usage(
      {},
      { prices: [{ model: chatModel[0] as string, input: 2, output: 0 }], currency: "EUR" },
    );
    expect(report.currency).toBe("EUR");
    expect(report.totals.cost).toBeCloseTo((served.embeddings.in * 2) / 1_000_000, 12);
    expect(report.unpricedModels).toEqual([]);
  });

  it("counts local calls as estimated zero tokens, costing nothing without a price", async () => {
    const memory = await openMemory({ memory: { vectorWeight: 0.5, keywordWeight: 0.5 } });
    await memory.add("I keep bees", { userId: "dan", infer: false });
    await memory.search("bees", { userId: "dan" });
    const report = await memory.usage({ userId: "dan" }, { prices: [], currency: "USD" });
    expect(report.rows.map((r) => [r.operation, r.model, r.calls, r.tokensIn, r.estimatedCalls])).toEqual([
      ["embed-add", "local-hash-v2", 1, 0, 1],
      ["embed-search", "local-hash-v2", 1, 0, 1],
    ]);
    expect(report.totals.cost).toBe(0);
  });

  it("counts nothing when usage accounting is off", async () => {
    const memory = await openMemory({ usage: { enabled: false } });
    await memory.add("I keep bees", { userId: "dan", infer: false });
    expect(memory.usageLedger).toBeUndefined();
    expect((await memory.usage({}, PRICING)).rows).toEqual([]);
  });
});
