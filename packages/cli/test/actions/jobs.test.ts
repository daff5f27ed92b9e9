import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, cliJson, tempHome } from "../helpers.js";

interface Job {
  id: string;
  job_id?: string;
  status: string;
  kind: string;
  user_id?: string;
  result: { results: { id: string; event: string }[] } | null;
}

describe("cortex-mem add --async, jobs and worker", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(() => cleanup());

  it("queues adds, lists them, and `worker --once` runs each exactly once", async () => {
    const first = await cliJson<Job>(["add", "Prefers aisle seats", "-u", "alice", "--no-infer", "--async"], { home });
    expect(first).toMatchObject({ status: "queued", kind: "memory.add", user_id: "alice", job_id: first.id });
    await cliJson<Job>(["add", "Drinks oat milk", "-u", "alice", "--no-infer", "--async"], { home });
    expect((await cliJson<{ memories: unknown[] }>(["list", "-u", "alice"], { home })).memories).toHaveLength(0);
    const queued = await cliJson<{ jobs: Job[] }>(["jobs", "--status", "queued"], { home });
    expect(queued.jobs).toHaveLength(2);
    expect(await cliJson<{ ran: number }>(["worker", "--once"], { home })).toEqual({ ran: 2 });
    expect(await cliJson<{ ran: number }>(["worker", "--once"], { home })).toEqual({ ran: 0 });
    const done = await cliJson<Job>(["jobs", first.id], { home });
    expect(done.status).toBe("completed");
    const memories = (await cliJson<{ memories: { id: string; content: string }[] }>(["list", "-u", "alice"], { home }))
      .memories;
    expect(memories.map((m) => m.content).sort()).toEqual(["Drinks oat milk", "Prefers aisle seats"]);
    expect(done.result?.results[0]?.id).toBe(memories.find((m) => m.content === "Prefers aisle seats")?.id);
    const human = await cli(["jobs"], { home });
    expect(human.stdout).toMatch(/memory\.add\s+completed/);
  });

  it("cancels a queued job, and refuses bad input and unknown statuses", async () => {
    const job = await cliJson<Job>(["add", "Likes jazz", "-u", "bob", "--no-infer", "--async"], { home });
    expect((await cliJson<Job>(["jobs", job.id, "--cancel"], { home })).status).toBe("cancelled");
    expect(await cliJson<{ ran: number }>(["worker", "--once"], { home })).toEqual({ ran: 0 });
    expect((await cli(["jobs", "--status", "done"], { home })).code).toBe(3);
    expect((await cli(["add", "x", "--async"], { home })).code).not.toBe(0);
    expect((await cli(["jobs", job.id, "-u", "alice"], { home })).code).toBe(4);
    expect((await cliJson<{ jobs: Job[] }>(["jobs"], { home })).jobs).toHaveLength(1);
  });
});
