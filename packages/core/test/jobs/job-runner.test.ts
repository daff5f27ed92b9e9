import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { CortexMemError } from "../../src/errors.js";
import { JobRunner } from "../../src/jobs/job-runner.js";
import { SqliteJobQueue } from "../../src/jobs/sqlite-job-queue.js";
import type { JobHandler } from "../../src/jobs/job-runner.js";
import type { JobRecord } from "../../src/jobs/job-types.js";
import { onCleanup, tempHome } from "../helpers.js";

function setup(options: { leaseMs?: number } = {}): { queue: SqliteJobQueue; runner: (owner: string) => JobRunner } {
  const queue = new SqliteJobQueue({ path: join(tempHome(), "jobs.db"), maxAttempts: 3 });
  onCleanup(() => queue.close());
  const runner = (owner: string): JobRunner => {
    const r = new JobRunner({ queue, owner, backoffMs: 1, pollMs: 10, leaseMs: options.leaseMs ?? 30_000 });
    onCleanup(() => r.stop());
    return r;
  };
  return { queue, runner };
}

async function until(check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not reached");
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("JobRunner", () => {
  it("runs a job to completed with its result, progress, phase and log", async () => {
    const { queue, runner } = setup();
    const r = runner("A").register<{ n: number }>("double", {
      async run(job, ctx) {
        await ctx.phase("work");
        await ctx.progress(1, 2);
        await ctx.log("half way");
        return { doubled: job.payload.n * 2 };
      },
    });
    const job = await queue.enqueue({ kind: "double", scope: { userId: "u" }, payload: { n: 21 } });
    expect(await r.drain()).toBe(1);
    const done = (await queue.get(job.id)) as JobRecord;
    expect(done).toMatchObject({
      status: "completed",
      result: { doubled: 42 },
      phase: "work",
      progress: 1,
      attempts: 1,
    });
    expect(done.log.map((l) => l.message)).toEqual(["phase: work", "half way"]);
    expect(done.startedAt).toBeInstanceOf(Date);
  });

  it("retries provider faults with backoff, then fails with the reason", async () => {
    const { queue, runner } = setup();
    let calls = 0;
    const flaky: JobHandler = {
      async run() {
        calls += 1;
        if (calls < 3) throw new CortexMemError("LLM", "provider down");
        return "ok";
      },
    };
    const r = runner("A")
      .register("flaky", flaky)
      .register("broken", {
        async run() {
          throw new CortexMemError("TIMEOUT", "always slow");
        },
      });
    const ok = await queue.enqueue({ kind: "flaky", scope: { userId: "u" }, payload: {} });
    const bad = await queue.enqueue({ kind: "broken", scope: { userId: "u" }, payload: {} });
    r.start();
    await until(
      async () =>
        ["completed", "failed"].includes((await queue.get(bad.id))?.status ?? "") &&
        (await queue.get(ok.id))?.status === "completed",
    );
    expect(await queue.get(ok.id)).toMatchObject({ status: "completed", result: "ok", attempts: 3 });
    expect(await queue.get(bad.id)).toMatchObject({
      status: "failed",
      attempts: 3,
      error: { code: "TIMEOUT", message: "always slow" },
    });
  });

  it("fails at once on an error retrying cannot fix", async () => {
    const { queue, runner } = setup();
    const r = runner("A").register("k", {
      async run() {
        throw new CortexMemError("VALIDATION", "bad payload");
      },
    });
    const job = await queue.enqueue({ kind: "k", scope: { userId: "u" }, payload: {} });
    await r.drain();
    expect(await queue.get(job.id)).toMatchObject({ status: "failed", attempts: 1, error: { code: "VALIDATION" } });
  });

  it("cancels a running job at its next renewal and leaves it cancelled", async () => {
    const { queue, runner } = setup({ leaseMs: 150 });
    const r = runner("A").register("slow", {
      async run(_job, ctx) {
        for (;;) {
          ctx.checkpoint();
          await new Promise((res) => setTimeout(res, 10));
        }
      },
    });
    const job = await queue.enqueue({ kind: "slow", scope: { userId: "u" }, payload: {} });
    r.start();
    await until(async () => (await queue.get(job.id))?.status === "running");
    await queue.cancel(job.id);
    await until(async () => (await queue.get(job.id))?.status === "cancelled");
  });

  it("leaves a job interrupted on stop; another worker resumes it and skips the steps already recorded", async () => {
    const { queue, runner } = setup();
    const applied: string[] = [];
    const handler: JobHandler = {
      async run(_job, ctx) {
        await ctx.step("one", async () => (applied.push("one"), 1));
        await ctx.step("two", async () => {
          if (applied.length === 1) {
            applied.push("stuck");
            await new Promise((res) => ctx.signal.addEventListener("abort", res));
          }
          ctx.checkpoint();
          applied.push("two");
          return 2;
        });
        return "done";
      },
    };
    const first = runner("A").register("steps", handler);
    const job = await queue.enqueue({ kind: "steps", scope: { userId: "u" }, payload: {} });
    first.start();
    await until(async () => applied.includes("stuck"));
    await first.stop();
    expect((await queue.get(job.id))?.status).toBe("interrupted");
    const second = runner("B").register("steps", handler);
    await second.drain();
    expect(await queue.get(job.id)).toMatchObject({ status: "completed", result: "done", attempts: 2 });
    expect(applied.filter((s) => s === "one")).toHaveLength(1);
  });
});
