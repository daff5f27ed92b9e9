import { ERROR_TABLE, createMemory, isCortexMemError, loadConfig } from "@cortex-mem/core";
import type { MemoryManager } from "@cortex-mem/core";
import { startService } from "@cortex-mem/service";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import type { FakeChatRequest, FakeOpenAI, ScriptedReply } from "@cortex-mem/testkit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedAdd, replyFor } from "../src/fault-model.js";
import type { AddOutcome, Fault, ProviderCode } from "../src/fault-model.js";
import { makeHome } from "../src/home.js";
import type { TempHome } from "../src/home.js";
import { storeDigest } from "../src/store-file.js";

const DIMS = 64;
const MAX_RETRIES = 2;

/** The chat script of the current add, consumed one reply per chat call; past its end the fake answers normally. */
const chatScript: Fault[] = [];

/** The fake LLM extracts one fact per user message ("Extracted: …"), so extracted and raw memories differ. */
function extract(req: FakeChatRequest): ScriptedReply {
  const fault = chatScript.shift() ?? "ok";
  if (fault !== "ok") return replyFor(fault, DIMS);
  const prompt = req.messages.find((m) => m.role === "user")?.content ?? "";
  if (!req.messages[0]?.content.startsWith("You extract")) return { json: { decisions: [] } };
  const facts = [...prompt.matchAll(/^\[(\d+)\] user: (.*)$/gm)].map((m) => ({
    content: `Extracted: ${m[2]}`,
    memory_type: "personal",
    importance: 0.6,
    source: [Number(m[1])],
  }));
  return { json: { facts } };
}

let fake: FakeOpenAI;
const homes: TempHome[] = [];
const opened: MemoryManager[] = [];

async function open(storeRaw: boolean): Promise<{ memory: MemoryManager; home: TempHome }> {
  const home = makeHome(storeRaw ? "faults-raw" : "faults");
  homes.push(home);
  const env = {
    CORTEX_MEM_HOME: home.dir,
    CORTEX_MEM_LLM_PROVIDER: "openai",
    CORTEX_MEM_EMBEDDING_PROVIDER: "openai",
    OPENAI_API_KEY: "sk-fake",
    OPENAI_BASE_URL: fake.url,
    CORTEX_MEM_EMBEDDING_DIMENSIONS: String(DIMS),
    ...(storeRaw ? { CORTEX_MEM_ON_LLM_ERROR: "store_raw" } : {}),
  };
  const { config } = loadConfig({
    env,
    file: null,
    overrides: {
      llm: { maxRetries: MAX_RETRIES, timeoutMs: 1000 },
      embedding: { maxRetries: MAX_RETRIES, timeoutMs: 1000 },
    },
  });
  const memory = await createMemory(config);
  opened.push(memory);
  return { memory, home };
}

beforeAll(async () => {
  fake = await startFakeOpenAI({ dimensions: DIMS, chat: extract });
});
afterAll(async () => {
  for (const m of opened) await m.close();
  await fake.close();
  for (const h of homes) h.remove();
});

let scopeSeq = 0;

/** What one add did, read from the system: its outcome, the memories it stored, whether the file changed. */
interface Observed {
  outcome: AddOutcome;
  /** The messages sent, in order. */
  sent: string[];
  /** Event and content of each result, the stored metadata and the history events of each. */
  results: { event: string; content: string; metadata: unknown; history: string[] }[];
  /** Memories of the add's (fresh) scope afterwards. */
  total: number;
  /** Digest of every memory and history row equal before and after. */
  unchanged: boolean;
}

/**
 * Runs one add against a script and reports what the system did. The outcome is read from the
 * system — the error's code, or whether the stored memories carry `llm_error` — never predicted.
 */
async function runAdd(
  target: { memory: MemoryManager; home: TempHome },
  chat: Fault[],
  emb: Fault[],
  texts: string[],
): Promise<Observed> {
  fake.reset();
  chatScript.splice(0, chatScript.length, ...chat);
  fake.enqueueEmbeddings(...emb.map((f) => replyFor(f, DIMS)));
  const userId = `user-${++scopeSeq}`;
  const before = storeDigest(target.home.dbPath);
  const sent = texts.map((t, i) => `${t} #${scopeSeq}.${i}`);
  let outcome: AddOutcome;
  const results: Observed["results"] = [];
  try {
    const added = await target.memory.add(
      sent.map((content) => ({ role: "user", content })),
      { userId },
    );
    for (const r of added.results) {
      const stored = await target.memory.get(r.id);
      const history = (await target.memory.history(r.id)).map((h) => h.event);
      results.push({ event: r.event, content: stored.content, metadata: stored.metadata, history });
    }
    const llmError = results.map((r) => (r.metadata as { llm_error?: ProviderCode }).llm_error).find(Boolean);
    outcome = llmError ? { ok: true, raw: true, llmError } : { ok: true, raw: false };
  } catch (error) {
    if (!isCortexMemError(error)) throw error;
    outcome = { ok: false, code: error.code as ProviderCode };
  }
  const total = (await target.memory.stats({ userId })).total;
  return { outcome, sent, results, total, unchanged: storeDigest(target.home.dbPath) === before };
}

/**
 * Asserts the system did what `expected` says: on success exactly the extracted facts (or the raw
 * messages, marked `llm_error`) each with `[ADD]` history; on failure that code and an unchanged store.
 */
function expectAdd(observed: Observed, expected: AddOutcome): void {
  expect(observed.outcome, `what the add did (sent ${JSON.stringify(observed.sent)})`).toEqual(expected);
  if (!expected.ok) {
    expect(observed.unchanged, "a failed add changed the store").toBe(true);
    expect(observed.total).toBe(0);
    return;
  }
  const contents = expected.raw ? observed.sent : observed.sent.map((m) => `Extracted: ${m}`);
  const metadata = expected.raw ? { llm_error: expected.llmError } : {};
  expect(observed.results).toEqual(contents.map((content) => ({ event: "ADD", content, metadata, history: ["ADD"] })));
  expect(observed.total).toBe(contents.length);
}

const FACTS: AddOutcome = { ok: true, raw: false };
const fails = (code: ProviderCode): AddOutcome => ({ ok: false, code });
const raw = (llmError: ProviderCode): AddOutcome => ({ ok: true, raw: true, llmError });

describe("provider faults: add succeeds after retries or fails with the right code, never half-written", () => {
  const table: [string, Fault[], Fault[], AddOutcome][] = [
    ["a 429 then success (chat)", ["429"], [], FACTS],
    ["a 500 then success (embeddings)", [], ["500"], FACTS],
    ["two 500s then success (chat)", ["500", "500"], [], FACTS],
    ["a hang (timeout) then success (embeddings)", [], ["hang"], FACTS],
    ["malformed JSON once, repaired by asking again", ["malformed"], [], FACTS],
    ["429 on every attempt", ["429", "429", "429"], [], fails("RATE_LIMITED")],
    ["500 on every attempt (embeddings)", [], ["500", "500", "500"], fails("EMBEDDING")],
    ["a hang on every attempt (chat)", ["hang", "hang", "hang"], [], fails("TIMEOUT")],
    ["a truncated body (chat)", ["truncated"], [], fails("LLM")],
    ["a truncated body (embeddings)", [], ["truncated"], fails("EMBEDDING")],
    ["malformed JSON twice", ["malformed", "malformed"], [], fails("LLM")],
    ["a vector of the wrong dimension", [], ["wrong-dimension"], fails("EMBEDDING")],
  ];
  it.each(table)("%s", async (_name, chat, emb, expected) => {
    const target = await open(false);
    expectAdd(await runAdd(target, chat, emb, ["I keep bees on the roof", "My sister lives in Porto"]), expected);
  });

  it("keeps the raw conversation under memory.on_llm_error = store_raw when the LLM fails for good", async () => {
    const target = await open(true);
    const cases: [Fault[], AddOutcome][] = [
      [["500", "500", "500"], raw("LLM")],
      [["429", "429", "429"], raw("RATE_LIMITED")],
      [["malformed", "malformed"], raw("LLM")],
      [["truncated"], raw("LLM")],
    ];
    for (const [chat, expected] of cases)
      expectAdd(await runAdd(target, chat, [], ["I am allergic to penicillin", "I work nights"]), expected);
  });

  it("under store_raw an embedding failure fails with its own code: nothing stored, nothing labelled llm_error", async () => {
    const target = await open(true);
    // Without an embedding the raw content cannot be stored either: a clear EMBEDDING error, nothing written.
    expectAdd(await runAdd(target, ["500", "500", "500"], ["truncated"], ["I like sailing"]), fails("EMBEDDING"));
    // The LLM answered; the embedding endpoint rate-limited every attempt: RATE_LIMITED, not raw text as llm_error.
    expectAdd(await runAdd(target, [], ["429", "429", "429"], ["I like rowing"]), fails("RATE_LIMITED"));
    expectAdd(await runAdd(target, [], ["500", "500", "500"], ["I like gliding"]), fails("EMBEDDING"));
    expect((await target.memory.stats()).total).toBe(0);
  });

  it("holds for generated mixes of faults on both endpoints, with and without store_raw", async () => {
    const plain = await open(false);
    const rawTarget = await open(true);
    const chatFault = fc.constantFrom<Fault>("ok", "429", "500", "truncated", "malformed", "429", "500", "malformed");
    const embFault = fc.constantFrom<Fault>("ok", "429", "500", "truncated", "wrong-dimension", "429", "500");
    const stats = { ok: 0, raw: 0, failed: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.array(chatFault, { maxLength: 5 }),
        fc.array(embFault, { maxLength: 5 }),
        fc.boolean(),
        fc.array(fc.stringMatching(/^[a-z]{3,10}( [a-z]{2,8}){1,4}$/), { minLength: 1, maxLength: 3 }),
        async (chat, emb, storeRaw, texts) => {
          const observed = await runAdd(storeRaw ? rawTarget : plain, chat, emb, texts);
          // The model of the contract is the oracle here; the outcome compared is the system's.
          expectAdd(observed, expectedAdd(chat, emb, { maxRetries: MAX_RETRIES, storeRaw }));
          const { outcome } = observed;
          stats[outcome.ok ? (outcome.raw ? "raw" : "ok") : "failed"] += 1;
        },
      ),
      { numRuns: 150, seed: 424_242 },
    );
    console.info(`[faults] ${JSON.stringify(stats)}`);
    expect(stats.ok).toBeGreaterThan(0);
    expect(stats.raw).toBeGreaterThan(0);
    expect(stats.failed).toBeGreaterThan(0);
  });

  it("reports each failure through REST with the status of its code, and the service stays up", async () => {
    const target = await open(false);
    const service = await startService({
      config: loadConfig({ env: { CORTEX_MEM_HOME: target.home.dir, CORTEX_MEM_LOG_LEVEL: "silent" }, file: null })
        .config,
      memory: target.memory,
      port: 0,
      host: "127.0.0.1",
    });
    try {
      for (const [chat, emb, code] of [
        [["429", "429", "429"], [], "RATE_LIMITED"],
        [[], ["500", "500", "500"], "EMBEDDING"],
        [["truncated"], [], "LLM"],
        [["hang", "hang", "hang"], [], "TIMEOUT"],
      ] as [Fault[], Fault[], string][]) {
        fake.reset();
        chatScript.splice(0, chatScript.length, ...chat);
        fake.enqueueEmbeddings(...emb.map((f) => replyFor(f, DIMS)));
        const before = storeDigest(target.home.dbPath);
        const res = await fetch(`${service.url}/memories`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ messages: [{ role: "user", content: "I moved to Oslo" }], user_id: "rest" }),
        });
        const body = (await res.json()) as { error: { code: string } };
        expect([res.status, body.error.code]).toEqual([ERROR_TABLE[code as keyof typeof ERROR_TABLE].httpStatus, code]);
        expect(storeDigest(target.home.dbPath)).toBe(before);
      }
      expect((await fetch(`${service.url}/health`)).status).toBe(200);
    } finally {
      await service.close();
    }
  });
});
