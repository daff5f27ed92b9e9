import { startFakeOpenAI } from "@cortex-mem/testkit";
import type { FakeChatRequest, FakeOpenAI, ScriptedReply } from "@cortex-mem/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeHome } from "../src/home.js";
import type { TempHome } from "../src/home.js";
import { send } from "../src/http-json.js";
import { spawnService } from "../src/service-process.js";
import type { ServiceProcess } from "../src/service-process.js";

const LLM_DELAY_MS = 150;
/** Short leases so a killed service's running jobs are taken again within the test's time. */
const TOML = "[jobs]\nlease_ms = 1500\npoll_ms = 50\nconcurrency = 4\nbackoff_ms = 100\n";

type Job = {
  id: string;
  status: string;
  attempts: number;
  user_id: string;
  result: { results: { id: string; memory: string; event: string }[] } | null;
};

let fake: FakeOpenAI;
const homes: TempHome[] = [];
const services: ServiceProcess[] = [];

/** A slowed LLM: one fact per user message, "Extracted: <message>", after LLM_DELAY_MS. */
function extract(req: FakeChatRequest): ScriptedReply {
  const prompt = req.messages.find((m) => m.role === "user")?.content ?? "";
  if (!req.messages[0]?.content.startsWith("You extract")) return { json: { decisions: [] } };
  const facts = [...prompt.matchAll(/^\[(\d+)\] user: (.*)$/gm)].map((m) => ({
    content: `Extracted: ${m[2]}`,
    memory_type: "personal",
    importance: 0.6,
    source: [Number(m[1])],
  }));
  return { delayMs: LLM_DELAY_MS, json: { facts } };
}

const extractionCalls = (): number =>
  fake.chatCalls().filter((r) => String(r.body?.messages?.[0]?.content ?? "").startsWith("You extract")).length;

beforeAll(async () => {
  fake = await startFakeOpenAI({ chat: extract });
});
afterAll(async () => {
  for (const s of services) if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill("SIGKILL");
  await fake.close();
  for (const h of homes) h.remove();
});

async function start(home: TempHome): Promise<ServiceProcess> {
  const env = {
    ...home.env,
    CORTEX_MEM_LLM_PROVIDER: "openai",
    CORTEX_MEM_LLM_BASE_URL: fake.url,
    CORTEX_MEM_LLM_API_KEY: "sk-fake",
    CORTEX_MEM_EMBEDDING_PROVIDER: "local",
  };
  const service = await spawnService(env, home.dir);
  services.push(service);
  return service;
}

async function enqueue(url: string, user: string, text: string): Promise<string> {
  const res = await send(`${url}/memories`, {
    method: "POST",
    body: JSON.stringify({ messages: [{ role: "user", content: text }], user_id: user, async: true }),
  });
  expect(res.status, res.text).toBe(202);
  return (res.json as { job_id: string }).job_id;
}

async function jobsOf(url: string, ids: string[]): Promise<Job[]> {
  return Promise.all(ids.map(async (id) => (await send(`${url}/jobs/${id}`)).json as Job));
}

async function until(check: () => Promise<boolean>, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Every accepted job completed, and each input is stored exactly once (no duplicate, no loss) with its job id in history. */
async function checkExactlyOnce(url: string, accepted: { id: string; user: string; text: string }[]): Promise<Job[]> {
  const jobs = await jobsOf(
    url,
    accepted.map((a) => a.id),
  );
  expect(jobs.map((j) => j.status)).toEqual(accepted.map(() => "completed"));
  const users = [...new Set(accepted.map((a) => a.user))];
  for (const user of users) {
    const page = (await send(`${url}/memories?user_id=${user}&limit=1000`)).json as {
      memories: { id: string; content: string }[];
    };
    const want = accepted
      .filter((a) => a.user === user)
      .map((a) => `Extracted: ${a.text}`)
      .sort();
    expect(page.memories.map((m) => m.content).sort(), user).toEqual(want);
    for (const m of page.memories) {
      const history = (await send(`${url}/memories/${m.id}/history`)).json as {
        history: { event: string; job_id?: string }[];
      };
      const job = accepted.find((a) => `Extracted: ${a.text}` === m.content);
      expect(history.history.map((h) => [h.event, h.job_id])).toEqual([["ADD", job?.id]]);
    }
  }
  return jobs;
}

describe("async adds are durable (built service bin, slowed fake LLM)", () => {
  it("SIGKILL with jobs queued and running, then restart: every accepted job completes exactly once", async () => {
    const home = makeHome("async-kill", TOML);
    homes.push(home);
    const first = await start(home);
    const accepted: { id: string; user: string; text: string }[] = [];
    for (let i = 0; i < 60; i += 1) {
      const user = `user-${i % 6}`;
      const text = `async fact number ${i}`;
      accepted.push({ id: await enqueue(first.url, user, text), user, text });
    }
    await until(
      async () =>
        (
          await jobsOf(
            first.url,
            accepted.map((a) => a.id),
          )
        ).filter((j) => j.status === "completed").length >= 2,
      30_000,
      "some jobs to complete",
    );
    const before = await jobsOf(
      first.url,
      accepted.map((a) => a.id),
    );
    first.child.kill("SIGKILL");
    await new Promise((r) => first.child.once("exit", r));
    const states = before.map((j) => j.status);
    // Something was still pending when the service died (how much depends on the machine's speed).
    expect(states.filter((s) => s === "queued" || s === "running").length, JSON.stringify(states)).toBeGreaterThan(0);

    const second = await start(home);
    await until(
      async () =>
        (
          await jobsOf(
            second.url,
            accepted.map((a) => a.id),
          )
        ).every((j) => j.status === "completed"),
      60_000,
      "every job to complete after the restart",
    );
    const jobs = await checkExactlyOnce(second.url, accepted);
    console.info(
      `[async-kill] ${JSON.stringify({ jobs: jobs.length, runningAtKill: states.filter((s) => s === "running").length, queuedAtKill: states.filter((s) => s === "queued").length, retaken: jobs.filter((j) => j.attempts > 1).length })}`,
    );
    await second.stop();
  });

  it("two services on one home never run the same job twice", async () => {
    const home = makeHome("async-two", TOML);
    homes.push(home);
    const [a, b] = [await start(home), await start(home)];
    fake.reset();
    const accepted: { id: string; user: string; text: string }[] = [];
    for (let i = 0; i < 40; i += 1) {
      const user = `user-${i}`;
      const text = `shared fact number ${i}`;
      accepted.push({ id: await enqueue(i % 2 ? a.url : b.url, user, text), user, text });
    }
    await until(
      async () =>
        (
          await jobsOf(
            a.url,
            accepted.map((x) => x.id),
          )
        ).every((j) => j.status === "completed"),
      60_000,
      "every job to complete",
    );
    const jobs = await checkExactlyOnce(b.url, accepted);
    // Each job was claimed once (attempts 1) and extracted once: no job ran in both services.
    expect(jobs.map((j) => j.attempts)).toEqual(accepted.map(() => 1));
    expect(extractionCalls()).toBe(accepted.length);
    await Promise.all([a.stop(), b.stop()]);
  });
});
