import { startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { acceptedJobResponse, jobPageResponse, jobResponse } from "../../src/openapi/wire-responses.js";
import { expectError, expectShape, onCleanup, startTestService } from "../helpers.js";
import type { TestService } from "../helpers.js";

async function waitForJob(svc: TestService, id: string, status: string): Promise<Record<string, unknown>> {
  const end = Date.now() + 15_000;
  for (;;) {
    const res = await svc.call("GET", `/jobs/${id}`);
    if (res.json?.status === status) return res.json as Record<string, unknown>;
    if (Date.now() > end) throw new Error(`job ${id} is ${res.json?.status}, not ${status}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe("async add over REST", () => {
  it("answers 202 with the job and Location before the slow LLM answers, then the worker adds the facts", async () => {
    const fake = await startFakeOpenAI();
    onCleanup(() => fake.close());
    const svc = await startTestService({
      llm: { provider: "openai", baseUrl: fake.url, apiKey: "sk-test", maxRetries: 0 },
    });
    fake.enqueueChat({
      delayMs: 400,
      json: {
        facts: [
          {
            content: "Alice is allergic to peanuts",
            memory_type: "personal",
            importance: 0.8,
            entities: [],
            topics: [],
            source: [0],
          },
        ],
      },
    });
    const res = await svc.call("POST", "/memories", {
      body: { messages: [{ role: "user", content: "I'm allergic to peanuts" }], user_id: "alice", async: true },
    });
    expect(res.status).toBe(202);
    const job = expectShape(acceptedJobResponse, res.json);
    expect(job).toMatchObject({ status: "queued", kind: "memory.add", user_id: "alice", job_id: job.id });
    expect(res.headers.get("location")).toBe(`/jobs/${job.id}`);
    expect((await svc.call("GET", "/memories?user_id=alice")).json.memories).toHaveLength(0);
    const done = expectShape(jobResponse, await waitForJob(svc, job.id, "completed"));
    expect(done.result).toEqual({
      results: [expect.objectContaining({ event: "ADD", memory: "Alice is allergic to peanuts" })],
    });
    const listed = (await svc.call("GET", "/memories?user_id=alice")).json.memories;
    expect(listed.map((m: { content: string }) => m.content)).toEqual(["Alice is allergic to peanuts"]);
    const history = (await svc.call("GET", `/memories/${listed[0].id}/history`)).json.history;
    expect(history).toEqual([expect.objectContaining({ event: "ADD", job_id: job.id })]);
  });

  it("refuses beyond jobs.max_queued with 429 RATE_LIMITED and Retry-After, queueing nothing more", async () => {
    const svc = await startTestService({ jobs: { worker: false, maxQueued: 1, retryAfterSeconds: 3 } });
    const first = await svc.call("POST", "/memories", {
      body: { content: "one fact", user_id: "u", async: true, infer: false },
    });
    expect(first.status).toBe(202);
    const second = await svc.call("POST", "/memories", {
      body: { content: "two facts", user_id: "u", async: true, infer: false },
    });
    expectError(second, 429, "RATE_LIMITED");
    expect(second.headers.get("retry-after")).toBe("3");
    expect((await svc.call("GET", "/jobs")).json.jobs).toHaveLength(1);
  });

  it("refuses bad async input at once with 400 and queues nothing", async () => {
    const svc = await startTestService({ jobs: { worker: false } });
    expectError(await svc.call("POST", "/memories", { body: { content: "x", async: true } }), 400, "VALIDATION");
    expectError(
      await svc.call("POST", "/memories", { body: { content: "x", user_id: "u", async: "yes" } }),
      400,
      "VALIDATION",
    );
    expect((await svc.call("GET", "/jobs")).json.jobs).toHaveLength(0);
  });
});

describe("/jobs", () => {
  it("lists by status, cancels a queued job, and validates the status filter", async () => {
    const svc = await startTestService({ jobs: { worker: false } });
    const a = (
      await svc.call("POST", "/memories", { body: { content: "fact a", user_id: "u", async: true, infer: false } })
    ).json;
    const b = (
      await svc.call("POST", "/memories", { body: { content: "fact b", user_id: "u", async: true, infer: false } })
    ).json;
    const cancelled = await svc.call("POST", `/jobs/${a.id}/cancel`);
    expect(expectShape(jobResponse, cancelled.json).status).toBe("cancelled");
    const queued = expectShape(jobPageResponse, (await svc.call("GET", "/jobs?status=queued")).json);
    expect(queued.jobs.map((j) => j.id)).toEqual([b.id]);
    expect(
      (await svc.call("GET", "/jobs?status=cancelled,completed")).json.jobs.map((j: { id: string }) => j.id),
    ).toEqual([a.id]);
    expectError(await svc.call("GET", "/jobs?status=done"), 400, "VALIDATION");
    expectError(await svc.call("GET", "/jobs/00000000-0000-4000-8000-000000000000"), 404, "NOT_FOUND");
    const metrics = (await svc.call("GET", "/metrics")).text;
    expect(metrics).toContain('cortex_mem_jobs{status="queued"} 1');
    expect(metrics).toContain('cortex_mem_jobs{status="cancelled"} 1');
  });

  it("a key bound to a user sees only that user's jobs", async () => {
    const svc = await startTestService({
      jobs: { worker: false },
      server: {
        apiKeys: [
          { key: "alice-key-0123456789", userId: "alice" },
          { key: "bob-key-0123456789ab", userId: "bob" },
        ],
      },
    });
    const job = (
      await svc.call("POST", "/memories", {
        body: { content: "alice's fact", async: true, infer: false },
        key: "alice-key-0123456789",
      })
    ).json;
    expect(job.user_id).toBe("alice");
    expectError(await svc.call("GET", `/jobs/${job.id}`, { key: "bob-key-0123456789ab" }), 404, "NOT_FOUND");
    expectError(await svc.call("POST", `/jobs/${job.id}/cancel`, { key: "bob-key-0123456789ab" }), 404, "NOT_FOUND");
    expect((await svc.call("GET", "/jobs", { key: "bob-key-0123456789ab" })).json.jobs).toHaveLength(0);
    expect((await svc.call("GET", "/jobs", { key: "alice-key-0123456789" })).json.jobs).toHaveLength(1);
    expectError(await svc.call("GET", "/jobs?user_id=alice", { key: "bob-key-0123456789ab" }), 403, "FORBIDDEN");
  });
});
