import { describe, expect, it } from "vitest";
import { createJobWorker } from "../../src/jobs/job-worker.js";
import { llmMemory } from "./pipeline-fixture.js";

const texts = (n: number, who: string): string[] =>
  Array.from({ length: n }, (_, i) => `${who} note ${i}: item ${i * 7} is stored`);

describe("queued adds share embedding requests (job worker look-ahead)", () => {
  it("embeds 20 queued infer:false adds of one scope in 2 requests, each job completing exactly once", async () => {
    const { memory, fake } = await llmMemory({}, { usage: { flushMs: 0 } });
    const jobs = [];
    for (const content of texts(20, "alice"))
      jobs.push(await memory.addAsync(content, { userId: "alice", infer: false }));
    const ran = await createJobWorker(memory, { batchSize: 16 }).drain();

    const embedded = fake.tokens().embeddings.in;
    expect(ran).toBe(20);
    expect(fake.embeddingCalls()).toHaveLength(2); // 16 + 4: one request per look-ahead window, not per job
    expect(fake.embeddingCalls().map((c) => (c.body.input as string[]).length)).toEqual([16, 4]);
    const finished = await Promise.all(jobs.map((j) => memory.job(j.id)));
    expect(finished.map((j) => j.status)).toEqual(jobs.map(() => "completed"));
    const stored = (await memory.list({ userId: "alice", limit: 100 })).memories;
    expect(stored.map((m) => m.content).sort()).toEqual(texts(20, "alice").sort());
    // Each vector is the one the fake computes for its own text (no mix-up between jobs).
    const hits = await memory.search("alice note 13: item 91 is stored", { userId: "alice", limit: 1 });
    expect(hits[0]?.content).toBe("alice note 13: item 91 is stored");
    for (const j of finished) {
      const id = (j.result as { results: { id: string }[] }).results[0]?.id as string;
      expect((await memory.history(id)).map((h) => [h.event, h.jobId])).toEqual([["ADD", j.id]]);
    }
    // The usage ledger counts the 2 real requests and every token the endpoint answered with.
    const usage = await memory.usage({ userId: "alice" }, { prices: [], currency: "USD" });
    expect(usage.rows.filter((r) => r.operation === "embed-add").map((r) => [r.calls, r.tokensIn])).toEqual([
      [2, embedded],
    ]);
  });

  it("keeps scopes apart and embeds each add alone with batch_size 1", async () => {
    const { memory, fake } = await llmMemory();
    for (const [i, content] of texts(3, "bob").entries()) {
      await memory.addAsync(content, { userId: "bob", infer: false });
      await memory.addAsync(texts(3, "carol")[i] as string, { userId: "carol", infer: false });
    }
    await createJobWorker(memory, { batchSize: 16, concurrency: 1 }).drain();
    const inputs = fake.embeddingCalls().map((c) => c.body.input as string[]);
    expect(inputs.every((batch) => batch.every((t) => t.startsWith(batch[0]?.split(" ")[0] as string)))).toBe(true);
    expect(inputs.flat().sort()).toEqual([...texts(3, "bob"), ...texts(3, "carol")].sort());

    fake.reset();
    for (const content of texts(4, "dan")) await memory.addAsync(content, { userId: "dan", infer: false });
    await createJobWorker(memory, { batchSize: 1 }).drain();
    expect(fake.embeddingCalls()).toHaveLength(4);
  });

  it("does not look ahead past adds that need the LLM, and those still run their own calls", async () => {
    const { memory, fake } = await llmMemory();
    fake.enqueueChat({
      json: { facts: [{ content: "Eve lives in Porto", memory_type: "personal", importance: 0.6, source: [0] }] },
    });
    await memory.addAsync("eve plain one", { userId: "eve", infer: false });
    await memory.addAsync([{ role: "user", content: "I moved to Porto" }], { userId: "eve" });
    await memory.addAsync("eve plain two", { userId: "eve", infer: false });
    await createJobWorker(memory).drain();
    const inputs = fake.embeddingCalls().map((c) => c.body.input as string[]);
    expect(inputs[0]).toEqual(["eve plain one", "eve plain two"]);
    expect(inputs.flat()).toContain("Eve lives in Porto");
    expect(inputs.flat().filter((t) => t === "eve plain two")).toHaveLength(1);
    expect((await memory.list({ userId: "eve" })).memories).toHaveLength(3);
  });
});
