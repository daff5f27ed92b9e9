import { spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { createMemory, loadConfig } from "@cortex-mem/core";
import { contentHash } from "@cortex-mem/core/store";
import type { Memory } from "@cortex-mem/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BIN, cli, cliJson, tempHome } from "../helpers.js";

const N = 1500;
const DAY = 86_400_000;

async function open(home: string) {
  return createMemory(loadConfig({ env: { CORTEX_MEM_HOME: home }, cwd: home, homeDir: home }).config);
}

/** N outdated memories of alice (500 days old): the relevance strategy archives each, one action each. */
async function seedOutdated(home: string): Promise<string[]> {
  const memory = await open(home);
  try {
    const contents = Array.from({ length: N }, (_, i) => `Alice note ${i}: she once mentioned topic number ${i * 7}.`);
    const vectors = await memory.embedder.embed(contents);
    const at = new Date(Date.now() - 500 * DAY);
    const records = contents.map((content, i) => ({
      memory: {
        id: randomUUID(),
        content,
        memoryType: "factual",
        userId: "alice",
        importance: 0.6,
        entities: ["Alice"],
        topics: ["notes"],
        metadata: {},
        hash: contentHash(content),
        createdAt: at,
        updatedAt: at,
        observedAt: at,
        source: [],
      } as Memory,
      vector: vectors[i] as Float32Array,
      history: [],
    }));
    await memory.store.importRecords(records);
    return records.map((r) => r.memory.id);
  } finally {
    await memory.close();
  }
}

describe("cortex-mem optimize: analyze → run → kill -9 → resume → undo, on one SQLite file", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ home, cleanup } = await tempHome());
    // A short lease, so the next worker takes over the killed process's job quickly.
    await writeFile(join(home, "cortex-mem.toml"), "[jobs]\nlease_ms = 1000\n");
  });
  afterEach(async () => cleanup());

  it("a job killed mid-run resumes without applying any action twice, and undo restores every memory", async () => {
    const ids = await seedOutdated(home);
    const preview = await cliJson<{ summary: { total_issues: number }; actions: unknown[] }>(
      ["optimize", "--preview", "--strategy", "relevance", "-u", "alice"],
      { home },
    );
    expect(preview.summary.total_issues).toBe(N);

    const child = spawn(
      process.execPath,
      [BIN, "optimize", "--strategy", "relevance", "-u", "alice", "--no-confirm", "--json"],
      { cwd: home, env: { PATH: process.env.PATH ?? "", HOME: home, CORTEX_MEM_HOME: home }, stdio: "ignore" },
    );
    const exited = new Promise((r) => child.on("exit", r));
    const memory = await open(home);
    let jobId = "";
    try {
      for (let t = 0; t < 2000; t += 1) {
        const page = await memory.listJobs({ kind: ["optimize"], limit: 1 });
        const job = page.jobs[0];
        if (job && (job.progress ?? 0) > 0.1) {
          jobId = job.id;
          break;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
      expect(jobId).not.toBe("");
      child.kill("SIGKILL");
      await exited;
      const killed = await memory.job(jobId);
      expect(killed.status).toBe("running"); // its owner is gone; the lease will lapse
      expect(killed.progress ?? 0).toBeLessThan(1);
    } finally {
      await memory.close();
    }

    await new Promise((r) => setTimeout(r, 1200));
    const worker = await cliJson<{ ran: number }>(["worker", "--once"], { home });
    expect(worker.ran).toBeGreaterThanOrEqual(1);
    const status = await cliJson<{ job_status: string; result: { actionsPerformed: number; actionsSkipped: number } }>(
      ["optimize-status", jobId],
      { home },
    );
    expect(status.job_status).toBe("completed");
    expect(status.result.actionsPerformed + status.result.actionsSkipped).toBe(N);

    const check = await open(home);
    try {
      const all = await check.store.getMany(ids);
      expect(all.filter((m) => m.validUntil).length).toBe(N);
      // One history row per memory from this job: nothing applied twice across the kill.
      const rows = await Promise.all(ids.slice(0, 200).map((id) => check.history(id)));
      expect(rows.every((r) => r.filter((h) => h.jobId === jobId).length === 1)).toBe(true);
    } finally {
      await check.close();
    }

    const undo = await cli(["optimize-undo", jobId, "--no-confirm", "--json"], { home });
    expect(undo.code).toBe(0);
    expect(JSON.parse(undo.stdout).result.memoriesRestored).toBe(N);
    const after = await open(home);
    try {
      expect((await after.store.getMany(ids)).filter((m) => m.validUntil).length).toBe(0);
    } finally {
      await after.close();
    }
  }, 120_000);

  it("shows the optimizer's settings and refuses an unknown strategy as a validation error, writing nothing", async () => {
    const cfg = await cliJson<{ values: { key: string; source: string }[] }>(["optimize-config", "--show"], { home });
    expect(cfg.values.map((v) => v.key)).toContain("optimizer.duplicate_threshold");
    const bad = await cli(["optimize", "--strategy", "everything", "--no-confirm"], { home });
    expect(bad.code).toBe(3);
    expect((await cliJson<{ history: unknown[] }>(["optimize-status"], { home })).history).toHaveLength(0);
  });
});
