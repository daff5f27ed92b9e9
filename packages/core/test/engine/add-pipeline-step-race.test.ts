import { describe, expect, it } from "vitest";
import { ADD_JOB_KIND } from "../../src/engine/async-add.js";
import { createJobWorker } from "../../src/jobs/job-worker.js";
import { fact, llmMemory } from "./pipeline-fixture.js";

describe("a job step whose add raced another writer", () => {
  it("records what the transaction did: a resumed job completes with NONE and the stored memory's id", async () => {
    const { memory, fake } = await llmMemory();
    const [coffee] = (await memory.add("User likes coffee", { userId: "u", infer: false })).results;
    fake.reset();
    const job = await memory.addAsync("I like tea and coffee with oat milk", { userId: "u" });
    expect((await memory.jobs?.claim("dead-worker", [ADD_JOB_KIND], 50))?.id).toBe(job.id);
    // The decision call is slow: another add stores the same tea fact before this step's transaction.
    fake.enqueueChat(
      { json: { facts: [fact("User likes tea"), fact("User likes coffee with oat milk")] } },
      { json: { decisions: [{ fact: 0, event: "UPDATE", target: 0 }] }, delayMs: 1000 },
    );
    const slow = memory.add(job.payload.input, { ...job.payload.options, step: { jobId: job.id, name: "add" } });
    while (fake.chatCalls().length < 2) await new Promise((r) => setTimeout(r, 5));
    const [tea] = (await memory.add("User likes tea", { userId: "u", infer: false })).results;
    const applied = await slow;
    const expected = [
      { id: tea!.id, memory: "User likes tea", event: "NONE", memoryType: "personal" },
      {
        id: coffee!.id,
        memory: "User likes coffee with oat milk",
        event: "UPDATE",
        memoryType: coffee!.memoryType,
        previousMemory: "User likes coffee",
      },
    ];
    expect(applied.results).toEqual(expected);
    // The first worker died after the step committed; its lease runs out and a second worker resumes.
    await new Promise((r) => setTimeout(r, 80));
    await createJobWorker(memory).drain();
    const done = await memory.job(job.id);
    expect(done).toMatchObject({ status: "completed", attempts: 2, result: { results: expected } });
    expect((await memory.list({ userId: "u" })).memories.map((m) => m.id).sort()).toEqual([coffee!.id, tea!.id].sort());
  });
});
