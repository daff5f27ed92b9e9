import { describe, expect, it } from "vitest";
import { ADD_JOB_KIND } from "../../src/engine/async-add.js";
import { createJobWorker } from "../../src/jobs/job-worker.js";
import { isCortexMemError } from "../../src/errors.js";
import { isStepApplied } from "../../src/jobs/job-context.js";
import { jobToWire } from "../../src/wire/job-wire.js";
import { openMemory } from "../helpers.js";
import { fact, llmMemory } from "./pipeline-fixture.js";

describe("async add", () => {
  it("queues at once, and a worker adds exactly what add would, with the job id in history", async () => {
    const memory = await openMemory();
    const job = await memory.addAsync("I'm allergic to peanuts", { userId: "alice", infer: false });
    expect(job).toMatchObject({ kind: ADD_JOB_KIND, status: "queued", scope: { userId: "alice" } });
    expect((await memory.list({ userId: "alice" })).memories).toHaveLength(0);
    await createJobWorker(memory).drain();
    const done = await memory.job(job.id, { scope: { userId: "alice" } });
    expect(done.status).toBe("completed");
    const [m] = (await memory.list({ userId: "alice" })).memories;
    expect(m?.content).toBe("I'm allergic to peanuts");
    expect((done.result as { results: { id: string; event: string }[] }).results).toEqual([
      expect.objectContaining({ id: m?.id, event: "ADD" }),
    ]);
    expect(await memory.history(m?.id as string)).toEqual([expect.objectContaining({ event: "ADD", jobId: job.id })]);
    expect(jobToWire(done)).toMatchObject({
      id: job.id,
      status: "completed",
      user_id: "alice",
      result: { results: [{ event: "ADD", memory_type: expect.any(String) }] },
    });
  });

  it("refuses bad input at once with VALIDATION and queues nothing", async () => {
    const memory = await openMemory();
    for (const bad of [
      () => memory.addAsync("", { userId: "a" }),
      () => memory.addAsync("x", {}),
      () => memory.addAsync("x", { userId: "a", timestamp: "not a date" }),
    ]) {
      const error = await bad().catch((e: unknown) => e);
      expect(isCortexMemError(error, "VALIDATION")).toBe(true);
    }
    expect((await memory.listJobs()).jobs).toHaveLength(0);
  });

  it("hides another user's job (NOT_FOUND)", async () => {
    const memory = await openMemory();
    const job = await memory.addAsync("x y z", { userId: "alice", infer: false });
    const error = await memory.job(job.id, { scope: { userId: "bob" } }).catch((e: unknown) => e);
    expect(isCortexMemError(error, "NOT_FOUND")).toBe(true);
  });

  it("a store refuses a step applied before, writing nothing", async () => {
    const memory = await openMemory();
    const step = { jobId: "11111111-1111-4111-8111-111111111111", name: "add" };
    await memory.add("first fact here", { userId: "u", infer: false, step });
    const error = await memory.add("second fact here", { userId: "u", infer: false, step }).catch((e: unknown) => e);
    expect(isStepApplied(error)).toBe(true);
    expect((await memory.list({ userId: "u" })).memories.map((m) => m.content)).toEqual(["first fact here"]);
  });

  it("resumes a crashed worker's job without extracting or adding twice", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat({ json: { facts: [fact("Lives in Lisbon")] } });
    const job = await memory.addAsync([{ role: "user", content: "I live in Lisbon" }], { userId: "alice" });
    // A worker claims it, applies the add step (its transaction commits), then dies before finishing.
    const claimed = await memory.jobs?.claim("dead-worker", [ADD_JOB_KIND], 50);
    expect(claimed?.id).toBe(job.id);
    await memory.add(job.payload.input, { ...job.payload.options, step: { jobId: job.id, name: "add" } });
    const chats = fake.chatCalls().length;
    await new Promise((r) => setTimeout(r, 80));
    await createJobWorker(memory).drain();
    expect(await memory.job(job.id)).toMatchObject({ status: "completed", attempts: 2 });
    expect(fake.chatCalls().length).toBe(chats);
    expect((await memory.list({ userId: "alice" })).memories.map((m) => m.content)).toEqual(["Lives in Lisbon"]);
  });

  it("retries a failing LLM, then fails the job and keeps the raw input under store_raw", async () => {
    const { memory, fake } = await llmMemory({ onLlmError: "store_raw" }, { jobs: { maxAttempts: 2 } });
    fake.enqueueChat(
      ...Array.from({ length: 30 }, () => ({ status: 500, content: "boom", headers: { "retry-after-ms": "0" } })),
    );
    const job = await memory.addAsync("I moved to Porto last week", { userId: "alice" });
    await createJobWorker(memory, { backoffMs: 1 }).drain();
    await new Promise((r) => setTimeout(r, 20));
    await createJobWorker(memory, { backoffMs: 1 }).drain();
    const failed = await memory.job(job.id);
    expect(failed).toMatchObject({ status: "failed", error: { code: "LLM" } });
    expect(failed.attempts).toBe(2);
    const [raw] = (await memory.list({ userId: "alice" })).memories;
    expect(raw).toMatchObject({ content: "I moved to Porto last week", metadata: { llm_error: "LLM" } });
  });

  it("labels raw input kept after an embedding failure embedding_error, not llm_error", async () => {
    const { memory, fake } = await llmMemory({ onLlmError: "store_raw" }, { jobs: { maxAttempts: 2 } });
    const job = await memory.addAsync("I moved to Porto last week", { userId: "alice" });
    const rateLimited = { status: 429, headers: { "retry-after-ms": "0" } };
    // Each attempt extracts, then its one embedding call (maxRetries 0) is refused; the raw add after giving up embeds fine.
    fake.enqueueChat({ json: { facts: [fact("Moved to Porto")] } }, { json: { facts: [fact("Moved to Porto")] } });
    fake.enqueueEmbeddings(rateLimited, rateLimited);
    await createJobWorker(memory, { backoffMs: 1 }).drain();
    await new Promise((r) => setTimeout(r, 20));
    await createJobWorker(memory, { backoffMs: 1 }).drain();
    expect(await memory.job(job.id)).toMatchObject({ status: "failed", attempts: 2, error: { code: "RATE_LIMITED" } });
    const memories = (await memory.list({ userId: "alice" })).memories;
    expect(memories.map((m) => [m.content, m.metadata])).toEqual([
      ["I moved to Porto last week", { embedding_error: "RATE_LIMITED" }],
    ]);
    expect(fake.embeddingCalls()).toHaveLength(3);
  });
});
