import { startFakeOpenAI } from "@cortex-mem/testkit";
import type { FakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { OpenAIEmbedder } from "../../src/embedder/openai-embedder.js";
import { ErrorCode } from "../../src/errors.js";
import { decideAmbiguous } from "../../src/engine/decide.js";
import type { Fact } from "../../src/engine/facts.js";
import { OpenAILlm } from "../../src/llm/openai-llm.js";
import type { Memory } from "../../src/types/memory.js";
import { onCleanup } from "../helpers.js";

const at = new Date("2024-05-08T13:56:00Z");
const fact = (content: string): Fact => ({
  content,
  memoryType: "personal",
  importance: 0.7,
  entities: [],
  topics: [],
  source: ["0"],
  observedAt: at,
});
const memory = (id: string, content: string, actorId?: string): Memory =>
  ({ id, content, ...(actorId ? { actorId } : {}), userId: "u", importance: 0.5 }) as Memory;

/** The real LLM and embedder (the `openai` SDK) against the scripted fake server. */
async function ports(): Promise<{ fake: FakeOpenAI; llm: OpenAILlm; embedder: OpenAIEmbedder }> {
  const fake = await startFakeOpenAI({ dimensions: 8 });
  onCleanup(() => fake.close());
  const llm = new OpenAILlm({
    apiKey: "k",
    baseUrl: fake.url,
    model: "m",
    temperature: 0,
    maxTokens: 500,
    timeoutMs: 5000,
    maxRetries: 0,
  });
  const embedder = new OpenAIEmbedder({
    apiKey: "k",
    baseUrl: fake.url,
    model: "e",
    batchSize: 10,
    timeoutMs: 5000,
    maxRetries: 0,
  });
  return { fake, llm, embedder };
}
const inputs = (fake: FakeOpenAI): string[][] => fake.embeddingCalls().map((c) => [c.body.input].flat() as string[]);
const prompt = (fake: FakeOpenAI, i = 0): string => fake.chatCalls()[i]!.body.messages[1].content as string;

describe("decideAmbiguous", () => {
  it("shows a memory shared by several facts once, and maps the small integers back to it", async () => {
    const { fake, llm, embedder } = await ports();
    const coffee = memory("m-coffee", "User likes coffee");
    const tea = memory("m-tea", "User likes tea");
    fake.enqueueChat({
      json: {
        decisions: [
          { fact: 0, event: "DELETE", target: 0 },
          { fact: 1, event: "SUPERSEDE", target: 1 },
        ],
      },
    });
    const decisions = await decideAmbiguous(
      [
        { fact: fact("User no longer likes coffee"), candidates: [coffee, tea] },
        { fact: fact("User now prefers green tea"), candidates: [tea, coffee] },
      ],
      { llm, embedder },
    );
    expect(decisions).toEqual([
      { index: 0, event: "DELETE", target: coffee },
      { index: 1, event: "SUPERSEDE", target: tea },
    ]);
    expect(prompt(fake)).toBe(
      "Existing memories:\n  0: User likes coffee\n  1: User likes tea\n" +
        "New facts:\n  0: User no longer likes coffee\n  1: User now prefers green tea",
    );
    expect(fake.embeddingCalls()).toHaveLength(0);
  });

  it("leaves out decisions about unknown facts or naming no valid target; ADD and NONE need none", async () => {
    const { fake, llm, embedder } = await ports();
    const coffee = memory("m-coffee", "User likes coffee");
    fake.enqueueChat({
      json: {
        decisions: [
          { fact: 0, event: "UPDATE", target: 3, content: "User likes coffee a lot" },
          { fact: 1, event: "DELETE" },
          { fact: 2, event: "SUPERSEDE", target: null },
          { fact: 3, event: "ADD", target: 0 },
          { fact: 4, event: "NONE", target: 0 },
          { fact: 5, event: "NONE" },
          { fact: 9, event: "UPDATE", target: 0, content: "User likes coffee, a lot" },
          { fact: 9, event: "ADD" },
        ],
      },
    });
    const items = ["a", "b", "c", "d", "e", "f"].map((c) => ({
      fact: fact(`User likes coffee ${c}`),
      candidates: [coffee],
    }));
    const decisions = await decideAmbiguous(items, { llm, embedder });
    expect(decisions).toEqual([
      { index: 3, event: "ADD" },
      { index: 4, event: "NONE", target: coffee },
      { index: 5, event: "NONE" },
    ]);
    expect(fake.embeddingCalls()).toHaveLength(0);
  });

  it("a merged UPDATE text different from its fact gets content and a vector from one batch with the speaker", async () => {
    const { fake, llm, embedder } = await ports();
    const coffee = memory("m-coffee", "likes coffee", "Caroline");
    const tea = memory("m-tea", "likes tea");
    fake.enqueueChat({
      json: {
        decisions: [
          { fact: 0, event: "UPDATE", target: 0, content: "likes coffee with oat milk" },
          { fact: 1, event: "UPDATE", target: 1, content: "User likes tea at noon" },
          { fact: 2, event: "UPDATE", target: 1 },
          { fact: 3, event: "SUPERSEDE", target: 1, content: "likes tea no more" },
          { fact: 4, event: "UPDATE", target: 1, content: "likes green tea" },
        ],
      },
    });
    const items = [
      { fact: fact("Caroline likes coffee with oat milk"), candidates: [coffee] },
      { fact: fact("User likes tea at noon"), candidates: [tea] },
      { fact: fact("User likes tea a lot"), candidates: [tea] },
      { fact: fact("User likes coffee now"), candidates: [tea] },
      { fact: fact("User likes green tea"), candidates: [tea] },
    ];
    const decisions = await decideAmbiguous(items, { llm, embedder });
    expect(inputs(fake)).toEqual([["Caroline: likes coffee with oat milk", "likes green tea"]]);
    const [vectors] = [await embedder.embed(["Caroline: likes coffee with oat milk", "likes green tea"])];
    expect(decisions).toEqual([
      { index: 0, event: "UPDATE", target: coffee, content: "likes coffee with oat milk", vector: vectors![0] },
      { index: 1, event: "UPDATE", target: tea },
      { index: 2, event: "UPDATE", target: tea },
      { index: 3, event: "SUPERSEDE", target: tea },
      { index: 4, event: "UPDATE", target: tea, content: "likes green tea", vector: vectors![1] },
    ]);
  });

  it("passes the caller's signal to the decision call", async () => {
    const { fake, llm, embedder } = await ports();
    fake.enqueueChat({ hang: true });
    const controller = new AbortController();
    const pending = decideAmbiguous(
      [{ fact: fact("User likes tea"), candidates: [memory("m", "User likes coffee")] }],
      {
        llm,
        embedder,
        signal: controller.signal,
      },
    ).catch((e: unknown) => e);
    while (fake.chatCalls().length === 0) await new Promise((r) => setTimeout(r, 5));
    controller.abort();
    const error = await pending;
    // Our abort, not the client's own 5 s timeout: the SDK names the two apart.
    expect(error).toMatchObject({ code: ErrorCode.TIMEOUT });
    expect(((error as Error).cause as Error).constructor.name).toBe("APIUserAbortError");
  });
});
