import { ERROR_TABLE, createMemory, isCortexMemError, loadConfig } from "@cortex-mem/core";
import type { MemoryManager } from "@cortex-mem/core";
import { startService } from "@cortex-mem/service";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import type { FakeChatRequest, FakeOpenAI, ScriptedReply } from "@cortex-mem/testkit";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectedAdd, replyFor } from "../src/fault-model.js";
import type { AddOutcome, Fault } from "../src/fault-model.js";
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

/** Runs one add against a script and checks it against {@link expectedAdd}: the exact code, nothing half-written, nothing silent. */
async function checkAdd(
  target: { memory: MemoryManager; home: TempHome },
  chat: Fault[],
  emb: Fault[],
  storeRaw: boolean,
  texts: string[],
): Promise<AddOutcome> {
  const expected = expectedAdd(chat, emb, { maxRetries: MAX_RETRIES, storeRaw });
  fake.reset();
  chatScript.splice(0, chatScript.length, ...chat);
  fake.enqueueEmbeddings(...emb.map((f) => replyFor(f, DIMS)));
  const userId = `user-${++scopeSeq}`;
  const before = storeDigest(target.home.dbPath);
  const messages = texts.map((t, i) => ({ role: "user", content: `${t} #${scopeSeq}.${i}` }));
  try {
    const added = await target.memory.add(messages, { userId });
    expect(expected.ok, `succeeded but expected ${JSON.stringify(expected)}`).toBe(true);
    const want =
      expected.ok && expected.raw ? messages.map((m) => m.content) : messages.map((m) => `Extracted: ${m.content}`);
    expect(added.results.map((r) => [r.event, r.memory])).toEqual(want.map((w) => ["ADD", w]));
    for (const r of added.results) {
      const stored = await target.memory.get(r.id);
      expect(stored.metadata).toEqual(expected.ok && expected.raw ? { llm_error: expected.llmError } : {});
      expect((await target.memory.history(r.id)).map((h) => h.event)).toEqual(["ADD"]);
    }
    expect((await target.memory.stats({ userId })).total).toBe(want.length);
  } catch (error) {
    if (!isCortexMemError(error)) throw error;
    expect(expected).toEqual({ ok: false, code: error.code });
    expect(storeDigest(target.home.dbPath), "a failed add changed the store").toBe(before);
  }
  return expected;
}

describe("provider faults: add succeeds after retries or fails with the right code, never half-written", () => {
  const table: [string, Fault[], Fault[]][] = [
    ["a 429 then success (chat)", ["429"], []],
    ["a 500 then success (embeddings)", [], ["500"]],
    ["two 500s then success (chat)", ["500", "500"], []],
    ["a hang (timeout) then success (embeddings)", [], ["hang"]],
    ["malformed JSON once, repaired by asking again", ["malformed"], []],
    ["429 on every attempt", ["429", "429", "429"], []],
    ["500 on every attempt (embeddings)", [], ["500", "500", "500"]],
    ["a hang on every attempt (chat)", ["hang", "hang", "hang"], []],
    ["a truncated body (chat)", ["truncated"], []],
    ["a truncated body (embeddings)", [], ["truncated"]],
    ["malformed JSON twice", ["malformed", "malformed"], []],
    ["a vector of the wrong dimension", [], ["wrong-dimension"]],
  ];
  it.each(table)("%s", async (_name, chat, emb) => {
    const target = await open(false);
    const outcome = await checkAdd(target, chat, emb, false, ["I keep bees on the roof", "My sister lives in Porto"]);
    expect(outcome).toEqual(expectedAdd(chat, emb, { maxRetries: MAX_RETRIES, storeRaw: false }));
  });

  it("keeps the raw conversation under memory.on_llm_error = store_raw when the LLM fails for good", async () => {
    const target = await open(true);
    for (const chat of [
      ["500", "500", "500"],
      ["429", "429", "429"],
      ["malformed", "malformed"],
      ["truncated"],
    ] as Fault[][]) {
      expect(await checkAdd(target, chat, [], true, ["I am allergic to penicillin", "I work nights"])).toMatchObject({
        ok: true,
        raw: true,
      });
    }
    // Without an embedding the raw content cannot be stored either: a clear EMBEDDING error, nothing written.
    expect(await checkAdd(target, ["500", "500", "500"], ["truncated"], true, ["I like sailing"])).toEqual({
      ok: false,
      code: "EMBEDDING",
    });
  });

  it("holds for generated mixes of faults on both endpoints, with and without store_raw", async () => {
    const plain = await open(false);
    const raw = await open(true);
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
          const outcome = await checkAdd(storeRaw ? raw : plain, chat, emb, storeRaw, texts);
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
