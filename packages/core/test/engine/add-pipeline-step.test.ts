import { describe, expect, it } from "vitest";
import { ADD_JOB_KIND } from "../../src/engine/async-add.js";
import { isStepApplied } from "../../src/jobs/job-context.js";
import { createJobWorker } from "../../src/jobs/job-worker.js";
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

/**
 * Queues `input` as an async add, lets a worker commit its add step and die before finishing the
 * job, then lets a second worker resume it: what the first add returned, and the finished job.
 */
async function resumedAdd(memory: Awaited<ReturnType<typeof llmMemory>>["memory"], input: string, infer: boolean) {
  const job = await memory.addAsync(input, { userId: "a", infer });
  expect((await memory.jobs?.claim("dead-worker", [ADD_JOB_KIND], 50))?.id).toBe(job.id);
  const applied = await memory.add(job.payload.input, {
    ...job.payload.options,
    step: { jobId: job.id, name: "add" },
  });
  await new Promise((r) => setTimeout(r, 80));
  await createJobWorker(memory).drain();
  const done = await memory.job(job.id);
  expect(done).toMatchObject({ status: "completed", attempts: 2 });
  return { applied, done };
}

describe("a job step's recorded result", () => {
  it("is the add's results: a job resumed after its add step committed completes with them", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat({ json: { facts: [fact("Lives in Lisbon"), fact("Likes tea")] } });
    const { applied, done } = await resumedAdd(memory, "I live in Lisbon and like tea", true);
    expect(applied.results.map((r) => r.event)).toEqual(["ADD", "ADD"]);
    expect(done.result).toEqual({ results: applied.results });
  });

  it("names the known memory for a fact already stored: NONE with its id, as the add answered", async () => {
    const { memory } = await llmMemory();
    const [old] = (await memory.add("User likes tea", { userId: "a", infer: false })).results;
    const { applied, done } = await resumedAdd(memory, "User likes tea", false);
    const none = [{ id: old!.id, memory: "User likes tea", event: "NONE", memoryType: old!.memoryType }];
    expect(applied.results).toEqual(none);
    expect(done.result).toEqual({ results: none });
  });
});

describe("an add whose extraction finds no fact, outside a job", () => {
  it("answers no results, embeds nothing and writes nothing", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat({ json: { facts: [] } });
    expect(await memory.add(conversation, { userId: "u" })).toEqual({ results: [] });
    expect(fake.chatCalls()).toHaveLength(1);
    expect(fake.embeddingCalls()).toHaveLength(0);
    expect((await memory.stats()).total).toBe(0);
  });
});
