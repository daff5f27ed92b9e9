import { randomUUID } from "node:crypto";
import { contentHash } from "@cortex-mem/core/store";
import type { Memory, MemoryManager } from "@cortex-mem/core";
import { describe, expect, it } from "vitest";
import { expectError, startTestService } from "../helpers.js";
import type { TestService } from "../helpers.js";

const DAY = 86_400_000;

async function seed(
  memory: MemoryManager,
  userId: string,
  items: { content: string; ageDays?: number; memoryType?: Memory["memoryType"] }[],
): Promise<string[]> {
  const vectors = await memory.embedder.embed(items.map((i) => i.content));
  const records = items.map((item, i) => {
    const at = new Date(Date.now() - (item.ageDays ?? 1) * DAY);
    const m: Memory = {
      id: randomUUID(),
      content: item.content,
      memoryType: item.memoryType ?? "factual",
      userId,
      importance: 0.6,
      entities: ["X"],
      topics: ["y"],
      metadata: {},
      hash: contentHash(item.content),
      createdAt: at,
      updatedAt: at,
      observedAt: at,
      source: [],
    };
    return { memory: m, vector: vectors[i] as Float32Array, history: [] };
  });
  await memory.store.importRecords(records);
  return records.map((r) => r.memory.id);
}

async function finished(s: TestService, prefix: string, id: string, key?: string): Promise<Record<string, unknown>> {
  for (let i = 0; i < 400; i += 1) {
    const r = await s.call("GET", `${prefix}/optimization/${id}`, key ? { key } : {});
    if (["completed", "failed", "cancelled"].includes(r.json.status)) return r.json;
    await new Promise((res) => setTimeout(res, 25));
  }
  throw new Error("job did not finish");
}

describe("REST /optimization (v1's paths) on the job runner", () => {
  it("analyze → run → status → history/statistics → undo, with v1's shapes", async () => {
    const s = await startTestService();
    const ids = await seed(s.memory, "alice", [
      { content: "Alice is allergic to peanuts and carries an epipen." },
      { content: "Alice is allergic to peanuts and carries an epipen!" },
      { content: "Alice moved to Berlin in 2021 for a job.", ageDays: 400 },
    ]);
    const analysis = await s.call("POST", "/optimization/analyze", { body: { strategy: "full", user_id: "alice" } });
    expect(analysis.status).toBe(200);
    expect(analysis.json.issues.map((i: { kind: string }) => i.kind).sort()).toEqual(["Duplicate", "Outdated"]);
    expect(analysis.json.summary).toMatchObject({ total_issues: 2, total_affected_memories: 3 });
    expect(analysis.json.recommendations[0]).toHaveProperty("priority");
    expect(analysis.json.actions.map((a: { type: string }) => a.type).sort()).toEqual(["Archive", "Merge"]);
    expect((await s.memory.stats({ userId: "alice" })).historyEntries).toBe(0); // analyze writes nothing

    const started = await s.call("POST", "/optimization", {
      body: { strategy: "full", user_id: "alice", aggressive: true, timeout_minutes: 30 },
    });
    expect(started.status).toBe(202);
    expect(started.json).toMatchObject({ status: "pending", job_id: expect.any(String) });
    const done = await finished(s, "", started.json.job_id);
    expect(done).toMatchObject({
      status: "completed",
      progress: 100,
      result: { actionsPerformed: 2, memoryCountBefore: 3, memoryCountAfter: 3 },
    });
    expect((done.logs as string[]).some((l) => /Merge/.test(l))).toBe(true);
    const superseded = (await Promise.all(ids.slice(0, 2).map((id) => s.memory.get(id)))).filter((m) => m.supersededBy);
    expect(superseded).toHaveLength(1);

    const history = await s.call("GET", "/optimization/history?limit=10");
    expect(history.json).toMatchObject({ total: 1, pagination: { limit: 10, offset: 0, total: 1 } });
    expect(history.json.history[0]).toMatchObject({
      job_id: started.json.job_id,
      status: "completed",
      has_result: true,
    });
    const stats = await s.call("GET", "/optimization/statistics");
    expect(stats.json).toMatchObject({ total_jobs: 1, successful_jobs: 1, total_memories_processed: 2 });

    const undo = await s.call("POST", `/optimization/${started.json.job_id}/undo`);
    expect(undo.status).toBe(202);
    expect(await finished(s, "", undo.json.job_id)).toMatchObject({
      status: "completed",
      result: { memoriesRestored: 3 },
    });
    for (const id of ids) {
      const m = await s.memory.get(id);
      expect({ superseded: m.supersededBy, validUntil: m.validUntil }).toEqual({
        superseded: undefined,
        validUntil: undefined,
      });
    }
  });

  it("validates strategies, cancels only unfinished jobs, and keeps a user-bound key inside its user", async () => {
    const s = await startTestService({
      server: { apiKeys: [{ key: "alice-key-1234567890", userId: "alice" }, "admin-key-1234567890"] },
    });
    await seed(s.memory, "bob", [{ content: "Bob note one about sailing.", ageDays: 500 }]);
    await seed(s.memory, "alice", [{ content: "Alice note one about hiking.", ageDays: 500 }]);
    const bad = await s.call("POST", "/optimization", {
      key: "admin-key-1234567890",
      body: { strategy: "everything" },
    });
    expectError(bad, 400, "VALIDATION");
    const bobJob = await s.call("POST", "/optimization", {
      key: "admin-key-1234567890",
      body: { strategy: "relevance", user_id: "bob" },
    });
    await finished(s, "", bobJob.json.job_id, "admin-key-1234567890");
    expectError(
      await s.call("GET", `/optimization/${bobJob.json.job_id}`, { key: "alice-key-1234567890" }),
      404,
      "NOT_FOUND",
    );
    expectError(
      await s.call("POST", `/optimization/${bobJob.json.job_id}/cancel`, { key: "admin-key-1234567890" }),
      409,
      "CONFLICT",
    );
    expectError(
      await s.call("POST", "/optimization", { key: "alice-key-1234567890", body: { user_id: "bob" } }),
      403,
      "FORBIDDEN",
    );
    // A bound key without user_id optimizes only its user.
    const mine = await s.call("POST", "/optimization", {
      key: "alice-key-1234567890",
      body: { strategy: "relevance" },
    });
    await finished(s, "", mine.json.job_id, "alice-key-1234567890");
    const history = await s.call("GET", "/optimization/history", { key: "alice-key-1234567890" });
    expect(history.json.history.map((h: { job_id: string }) => h.job_id)).toEqual([mine.json.job_id]);
    expectError(
      await s.call("POST", "/optimization/cleanup", { key: "alice-key-1234567890", body: {} }),
      403,
      "FORBIDDEN",
    );
  });

  it("serves the same under /v1 with v1's error shape", async () => {
    const s = await startTestService();
    const missing = await s.call("GET", `/v1/optimization/${randomUUID()}`);
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: "JOB_NOT_FOUND", cortex_code: "NOT_FOUND" });
    const analysis = await s.call("POST", "/v1/optimization/analyze", { body: { strategy: "deduplication" } });
    expect(analysis.json.summary.total_issues).toBe(0);
    const cleanup = await s.call("POST", "/v1/optimization/cleanup", { body: { max_age_days: 0 } });
    expect(cleanup.json).toMatchObject({ deleted: 0, remaining: 0 });
  });
});
