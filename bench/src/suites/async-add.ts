import { readFileSync } from "node:fs";
import { createMemory, defineConfig } from "@cortex-mem/core";
import { createJobWorker } from "@cortex-mem/core/jobs";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { sentences } from "../corpus.js";
import { tempHome } from "../home.js";
import { fmt, summarize, table } from "../stats.js";
import type { Summary } from "../stats.js";

/** Async-add figures: how long `addAsync` takes to accept, and how fast a worker drains the queue. */
export interface AsyncAddFigures {
  acceptMs: Summary;
  drain: { llmDelayMs: number; jobs: number; concurrency: number; jobsPerSecond: number }[];
  /** Queued `infer: false` adds drained with embeddings on the fake server, with and without batching. */
  batched: { batchSize: number; jobs: number; users: number; embeddingRequests: number; jobsPerSecond: number }[];
  loadAverage: { before: string; after: string };
}

const loadAverage = (): string => readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).join(" ");

/**
 * Library, SQLite store, local embedder, LLM = the testkit's fake server answering one fact per
 * message after `llmDelayMs`. Accept: `addAsync` of a one-message conversation, timed one by one
 * (no worker running). Drain: a worker with `concurrency` jobs at once over 20 users' queues, from
 * queue full to empty. Batched drain: `infer: false` adds embedded by the fake server, batch_size 1 vs 16.
 */
export async function asyncAdd(jobs: number, delays: number[], concurrency: number): Promise<AsyncAddFigures> {
  const before = loadAverage();
  const drain: AsyncAddFigures["drain"] = [];
  let acceptMs: Summary | undefined;
  for (const llmDelayMs of delays) {
    const fake = await startFakeOpenAI({
      chat: (req) => {
        const prompt = req.messages.find((m) => m.role === "user")?.content ?? "";
        const facts = [...prompt.matchAll(/^\[(\d+)\] user: (.*)$/gm)].map((m) => ({
          content: m[2],
          memory_type: "factual",
          importance: 0.5,
          source: [Number(m[1])],
        }));
        return { delayMs: llmDelayMs, json: { facts } };
      },
    });
    const { home, remove } = tempHome("async");
    const memory = await createMemory(
      defineConfig({
        home,
        llm: { provider: "openai", baseUrl: fake.url, apiKey: "sk-bench", maxRetries: 0 },
        embedding: { provider: "local" },
        jobs: { maxQueued: jobs * 2 },
      }),
    );
    const texts = sentences(jobs, 900 + llmDelayMs);
    const times: number[] = [];
    for (const [i, content] of texts.entries()) {
      const start = performance.now();
      await memory.addAsync([{ role: "user", content }], { userId: `user-${i % 20}` });
      times.push(performance.now() - start);
    }
    acceptMs ??= summarize(times);
    const worker = createJobWorker(memory, { concurrency, pollMs: 20 });
    const start = performance.now();
    const ran = await worker.drain();
    drain.push({ llmDelayMs, jobs: ran, concurrency, jobsPerSecond: (ran / (performance.now() - start)) * 1000 });
    await memory.close();
    await fake.close();
    remove();
  }
  const batched = [];
  for (const batchSize of [1, 16]) batched.push(await batchedDrain(jobs, batchSize, concurrency));
  const figures = { acceptMs: acceptMs as Summary, drain, batched, loadAverage: { before, after: loadAverage() } };
  table(
    "Async add: accept latency and drain throughput (library, SQLite, fake LLM / embedding server)",
    ["figure", "value", "note"],
    [
      [
        "addAsync accept p50 (ms)",
        fmt(figures.acceptMs.median, 3),
        `p95 ${fmt(figures.acceptMs.p95, 3)}, p99 ${fmt(figures.acceptMs.p99, 3)}, n=${figures.acceptMs.n}; target <= 5 ms`,
      ],
      ...drain.map((d) => [
        `drain, LLM ${d.llmDelayMs} ms (jobs/s)`,
        fmt(d.jobsPerSecond, 1),
        `${d.jobs} jobs, concurrency ${d.concurrency}, 20 users`,
      ]),
      ...batched.map((b) => [
        `drain infer off, batch_size ${b.batchSize} (jobs/s)`,
        fmt(b.jobsPerSecond, 1),
        `${b.jobs} jobs, ${b.users} users, ${b.embeddingRequests} embedding requests (${EMBED_DELAY_MS} ms each)`,
      ]),
      [
        "load average before / after",
        `${figures.loadAverage.before} / ${figures.loadAverage.after}`,
        "1, 5, 15 min (/proc/loadavg)",
      ],
    ],
  );
  return figures;
}

/** Latency of each request of the fake embedding endpoint in {@link batchedDrain} (a hosted API's order). */
const EMBED_DELAY_MS = 20;

/**
 * Queue full to empty: `jobs` queued `infer: false` adds over 5 users, embedded by the fake server
 * (answering after {@link EMBED_DELAY_MS}), drained by one worker with `jobs.batch_size = batchSize`.
 */
async function batchedDrain(
  jobs: number,
  batchSize: number,
  concurrency: number,
): Promise<AsyncAddFigures["batched"][number]> {
  const fake = await startFakeOpenAI({ dimensions: 256 });
  const users = 5;
  const { home, remove } = tempHome("batched");
  const memory = await createMemory(
    defineConfig({
      home,
      embedding: { provider: "openai", baseUrl: fake.url, apiKey: "sk-bench", dimensions: 256, maxRetries: 0 },
      jobs: { maxQueued: jobs * 2 },
    }),
  );
  for (const [i, content] of sentences(jobs, 1_700 + batchSize).entries())
    await memory.addAsync(content, { userId: `user-${i % users}`, infer: false });
  fake.reset();
  for (let i = 0; i < jobs; i++) fake.enqueueEmbeddings({ delayMs: EMBED_DELAY_MS });
  const worker = createJobWorker(memory, { concurrency, pollMs: 20, batchSize });
  const start = performance.now();
  const ran = await worker.drain();
  const seconds = (performance.now() - start) / 1000;
  const embeddingRequests = fake.embeddingCalls().length;
  await memory.close();
  await fake.close();
  remove();
  return { batchSize, jobs: ran, users, embeddingRequests, jobsPerSecond: ran / seconds };
}
