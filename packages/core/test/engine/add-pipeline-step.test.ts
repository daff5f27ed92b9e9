import { describe, expect, it } from "vitest";
import { isStepApplied } from "../../src/jobs/job-context.js";
import { fact, llmMemory } from "./pipeline-fixture.js";

const conversation = [{ role: "user", content: "some conversation", timestamp: "2024-05-08T13:56:00Z" }];

describe("a job step whose add writes no memory", () => {
  it("is still recorded when the extraction finds no fact: the same step again is refused", async () => {
    const { memory, fake } = await llmMemory();
    const step = { jobId: "11111111-1111-4111-8111-111111111111", name: "add" };
    fake.enqueueChat({ json: { facts: [] } });
    expect((await memory.add(conversation, { userId: "u", step })).results).toEqual([]);
    fake.enqueueChat({ json: { facts: [fact("User likes tea")] } });
    const error = await memory.add(conversation, { userId: "u", step }).catch((e: unknown) => e);
    expect(isStepApplied(error)).toBe(true);
    expect((await memory.stats()).total).toBe(0);
  });

  it("is still recorded when every fact is a duplicate: the same step again is refused", async () => {
    const { memory } = await llmMemory();
    const [old] = (await memory.add("User likes tea", { userId: "u", infer: false })).results;
    const step = { jobId: "22222222-2222-4222-8222-222222222222", name: "add" };
    const { results } = await memory.add("User likes tea", { userId: "u", infer: false, step });
    expect(results.map((r) => [r.event, r.id])).toEqual([["NONE", old!.id]]);
    const error = await memory.add("User likes coffee", { userId: "u", infer: false, step }).catch((e: unknown) => e);
    expect(isStepApplied(error)).toBe(true);
    expect((await memory.stats()).total).toBe(1);
  });
});
