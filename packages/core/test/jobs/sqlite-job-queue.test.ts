import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { SqliteJobQueue } from "../../src/jobs/sqlite-job-queue.js";
import { isCortexMemError } from "../../src/errors.js";
import { onCleanup, tempHome } from "../helpers.js";

function openQueue(path: string, options: { maxQueued?: number; now?: () => number } = {}): SqliteJobQueue {
  const queue = new SqliteJobQueue({ path, ...options });
  onCleanup(() => queue.close());
  return queue;
}

describe("SqliteJobQueue", () => {
  it("hands a job to one owner, and jobs of one kind and scope one at a time in order", async () => {
    const queue = openQueue(join(tempHome(), "jobs.db"));
    const first = await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: { n: 1 } });
    const second = await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: { n: 2 } });
    const other = await queue.enqueue({ kind: "k", scope: { userId: "v" }, payload: { n: 3 } });
    expect(first.status).toBe("queued");
    const a = await queue.claim("A", ["k"], 60_000);
    expect(a?.id).toBe(first.id);
    expect(a).toMatchObject({ status: "running", leaseOwner: "A", attempts: 1 });
    const b = await queue.claim("B", ["k"], 60_000);
    expect(b?.id).toBe(other.id); // u's second job waits for the first
    expect(await queue.claim("C", ["k"], 60_000)).toBeNull();
    expect(await queue.finish(first.id, "A", { status: "completed", result: { ok: true } })).toBe(true);
    expect((await queue.claim("C", ["k"], 60_000))?.id).toBe(second.id);
    expect(await queue.get(first.id)).toMatchObject({
      status: "completed",
      result: { ok: true },
      progress: 1,
      leaseOwner: null,
    });
    expect((await queue.get(first.id))?.finishedAt).toBeInstanceOf(Date);
  });

  it("takes a crashed owner's job again after its lease, and the old owner can no longer finish it", async () => {
    let now = 1_000_000;
    const queue = openQueue(join(tempHome(), "jobs.db"), { now: () => now });
    const job = await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: {} });
    await queue.claim("dead", ["k"], 5_000);
    now += 4_000;
    expect(await queue.claim("B", ["k"], 5_000)).toBeNull();
    now += 2_000;
    const retaken = await queue.claim("B", ["k"], 5_000);
    expect(retaken).toMatchObject({ id: job.id, leaseOwner: "B", attempts: 2 });
    expect(await queue.finish(job.id, "dead", { status: "completed" })).toBe(false);
    expect(await queue.renew(job.id, "dead", 5_000)).toEqual({ held: false, cancelRequested: false });
    expect((await queue.get(job.id))?.status).toBe("running");
  });

  it("only claims kinds asked for, and waits for run_after", async () => {
    let now = 1_000;
    const queue = openQueue(join(tempHome(), "jobs.db"), { now: () => now });
    const job = await queue.enqueue({ kind: "a", scope: { userId: "u" }, payload: {} });
    expect(await queue.claim("X", ["b"], 1_000)).toBeNull();
    await queue.claim("X", ["a"], 1_000);
    await queue.finish(job.id, "X", {
      status: "queued",
      runAfter: new Date(now + 500),
      error: { code: "LLM", message: "down" },
    });
    expect(await queue.claim("X", ["a"], 1_000)).toBeNull();
    now += 600;
    expect(await queue.claim("X", ["a"], 1_000)).toMatchObject({ id: job.id, attempts: 2, error: { code: "LLM" } });
  });

  it("refuses a job beyond the limit with RATE_LIMITED and writes nothing", async () => {
    const queue = openQueue(join(tempHome(), "jobs.db"), { maxQueued: 2 });
    await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: {} });
    await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: {} });
    const error = await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: {} }).catch((e: unknown) => e);
    expect(isCortexMemError(error, "RATE_LIMITED")).toBe(true);
    expect((error as { details: { retryAfterSeconds: number } }).details.retryAfterSeconds).toBeGreaterThan(0);
    expect((await queue.counts()).queued).toBe(2);
  });

  it("cancels a waiting job at once and asks a running one to stop", async () => {
    const queue = openQueue(join(tempHome(), "jobs.db"));
    const running = await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: {} });
    const waiting = await queue.enqueue({ kind: "k", scope: { userId: "v" }, payload: {} });
    await queue.claim("A", ["k"], 60_000);
    expect((await queue.cancel(waiting.id)).status).toBe("cancelled");
    const asked = await queue.cancel(running.id);
    expect(asked).toMatchObject({ status: "running", cancelRequested: true });
    expect(await queue.renew(running.id, "A", 60_000)).toEqual({ held: true, cancelRequested: true });
    const missing = await queue.cancel("00000000-0000-4000-8000-000000000000").catch((e: unknown) => e);
    expect(isCortexMemError(missing, "NOT_FOUND")).toBe(true);
  });

  it("records steps once and reports progress, phase and log only for the holder", async () => {
    const queue = openQueue(join(tempHome(), "jobs.db"));
    const job = await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: {} });
    await queue.claim("A", ["k"], 60_000);
    await queue.recordStep(job.id, "s1", { n: 1 });
    await queue.recordStep(job.id, "s1", { n: 2 });
    expect(await queue.stepResult(job.id, "s1")).toEqual({ applied: true, result: { n: 1 } });
    expect(await queue.stepResult(job.id, "s2")).toEqual({ applied: false });
    await queue.report(job.id, "A", { progress: 0.5, phase: "scan", log: ["hello"] });
    await queue.report(job.id, "B", { progress: 0.9, log: ["intruder"] });
    const seen = await queue.get(job.id);
    expect(seen).toMatchObject({ progress: 0.5, phase: "scan" });
    expect(seen?.log.map((l) => l.message)).toEqual(["hello"]);
  });

  it("lists newest first with status filters and cursor pages", async () => {
    const queue = openQueue(join(tempHome(), "jobs.db"));
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1)
      ids.push((await queue.enqueue({ kind: "k", scope: { userId: i % 2 ? "odd" : "even" }, payload: { i } })).id);
    const page1 = await queue.list({ limit: 2 });
    expect(page1.jobs.map((j) => j.id)).toEqual([ids[4], ids[3]]);
    const page2 = await queue.list({ limit: 2, cursor: page1.nextCursor as string });
    expect(page2.jobs.map((j) => j.id)).toEqual([ids[2], ids[1]]);
    expect((await queue.list({ scope: { userId: "odd" } })).jobs).toHaveLength(2);
    expect((await queue.list({ status: ["running"] })).jobs).toHaveLength(0);
  });

  it("two connections on one file never hand out the same job", async () => {
    const path = join(tempHome(), "jobs.db");
    const q1 = openQueue(path);
    const q2 = openQueue(path);
    for (let i = 0; i < 40; i += 1) await q1.enqueue({ kind: "k", scope: { userId: `u${i}` }, payload: { i } });
    const claimed: string[] = [];
    await Promise.all(
      [q1, q2].map(async (q, n) => {
        for (;;) {
          const job = await q.claim(`owner${n}`, ["k"], 60_000);
          if (!job) return;
          claimed.push(job.id);
          await new Promise((r) => setImmediate(r));
        }
      }),
    );
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed).size).toBe(40);
  });
});
