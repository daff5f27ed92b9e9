import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { LIMITS } from "@cortex-mem/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli-run.js";
import { makeHome } from "../src/home.js";
import type { TempHome } from "../src/home.js";
import { send } from "../src/http-json.js";
import { spawnService } from "../src/service-process.js";
import type { ServiceProcess } from "../src/service-process.js";

/** Users who already hold memories, one per attempt, so each measured add also loads a cold partition. */
const USERS = ["carol", "dave", "erin", "fay", "gus", "hana"];
const PER_USER = 3_000;
const WORDS = ["river", "garden", "violin", "harbour", "lantern", "meadow", "glacier", "orchard", "canyon", "pepper"];

let home: TempHome;
let service: ServiceProcess;

/** One CLI import of {@link PER_USER} memories for each of {@link USERS} (vectors computed on import). */
function importFile(): string {
  const now = new Date().toISOString();
  const lines = [JSON.stringify({ type: "header", format: "cortex-mem-export", version: 1, embedder: "none" })];
  for (const user of USERS)
    for (let i = 0; i < PER_USER; i++) {
      const content = `${user} noted ${WORDS[i % 10]} ${WORDS[(i * 3) % 10]} number ${i} near the ${WORDS[(i * 7) % 10]}`;
      const memory = {
        id: randomUUID(),
        content,
        memory_type: "factual",
        user_id: user,
        importance_score: 0.5,
        entities: [],
        topics: [],
        metadata: {},
        created_at: now,
        updated_at: now,
        observed_at: now,
        source: [],
      };
      lines.push(JSON.stringify({ type: "memory", vector: null, history: [], memory }));
    }
  const file = join(home.dir, "preload.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  return file;
}

/** The biggest add {@link LIMITS} allow: 100 messages holding together just under 128,000 characters. */
function biggestAdd(user: string, attempt: number): string {
  const per = Math.floor(LIMITS.charactersPerAdd / LIMITS.messagesPerAdd);
  const messages = Array.from({ length: LIMITS.messagesPerAdd }, (_, i) => {
    const head = `Note ${attempt}.${i}: `;
    const words = Array.from({ length: 200 }, (_, j) => `${WORDS[(i * 7 + j) % 10]}${(attempt * 31 + i + j) % 97}`);
    return { role: "user", content: (head + words.join(" ")).slice(0, per) };
  });
  const characters = messages.reduce((n, m) => n + m.content.length, 0);
  expect(characters).toBeGreaterThan(LIMITS.charactersPerAdd - 1_000);
  expect(characters).toBeLessThanOrEqual(LIMITS.charactersPerAdd);
  return JSON.stringify({ messages, user_id: user });
}

/** Sends the add and probes `GET /health` one after another until it answers: each probe's latency in ms. */
async function measure(body: string): Promise<{ status: number; results: number; probes: number[] }> {
  let done = false;
  const add = send(`${service.url}/memories`, { method: "POST", body }).finally(() => (done = true));
  const probes: number[] = [];
  while (!done) {
    const start = performance.now();
    const health = await send(`${service.url}/health`);
    expect(health.status).toBe(200);
    if (!done) probes.push(Math.round(performance.now() - start));
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  const reply = await add;
  return { status: reply.status, results: (reply.json as { results?: unknown[] }).results?.length ?? 0, probes };
}

beforeAll(async () => {
  home = makeHome("fairness");
  const imported = await runCli(["import", importFile()], home.env, home.dir);
  expect(imported.code, imported.stderr).toBe(0);
  service = await spawnService(home.env, home.dir);
  // Warm the process up with a small add and search of another user: the code paths are compiled,
  // while the measured users' partitions stay unloaded.
  const warm = { messages: [{ role: "user", content: "I keep bees on the roof" }], user_id: "warm" };
  expect((await send(`${service.url}/memories`, { method: "POST", body: JSON.stringify(warm) })).status).toBe(200);
  const search = JSON.stringify({ query: "bees", user_id: "warm" });
  expect((await send(`${service.url}/memories/search`, { method: "POST", body: search })).status).toBe(200);
}, 180_000);

afterAll(async () => {
  expect(await service?.stop()).toBe(0);
  home?.remove();
});

describe("fairness: one caller's big work never stalls the others (spawned service, real HTTP)", () => {
  it("during the biggest allowed add, of a user with 3,000 memories, GET /health answers in < 100 ms", async () => {
    // A block in the code shows in every attempt; a 2-core box shared with other jobs can stall a
    // process now and then for reasons of its own, so the claim holds when one attempt (of up to
    // six, each a new user with a cold partition) keeps every probe under 100 ms.
    const attempts: { user: string; probes: number; max: number; p50: number }[] = [];
    for (const [attempt, user] of USERS.entries()) {
      const { status, results, probes } = await measure(biggestAdd(user, attempt));
      expect(status).toBe(200);
      expect(results).toBeGreaterThan(0);
      expect(probes.length, "the add ended before a probe could overlap it").toBeGreaterThanOrEqual(3);
      const sorted = [...probes].sort((a, b) => a - b);
      const max = sorted[sorted.length - 1] as number;
      attempts.push({ user, probes: probes.length, max, p50: sorted[Math.floor(sorted.length / 2)] as number });
      if (max < 100) break;
    }
    console.info(`[fairness] ${JSON.stringify(attempts)}`);
    expect(Math.min(...attempts.map((a) => a.max))).toBeLessThan(100);
    const total = (await send(`${service.url}/stats?user_id=${USERS[0]}`)).json as { total?: number };
    expect(total.total).toBeGreaterThan(PER_USER);
  });
});
