import { createServer } from "node:net";
import type { FakeOpenAI } from "@cortex-mem/testkit";
import { startFakeOpenAI } from "@cortex-mem/testkit";
import { afterEach, describe, expect, it } from "vitest";
import { LocalEmbedder } from "../../src/embedder/local-embedder.js";
import { OpenAIEmbedder } from "../../src/embedder/openai-embedder.js";
import { NoneLlm } from "../../src/llm/none-llm.js";
import { OpenAILlm } from "../../src/llm/openai-llm.js";
import { probeEmbedder, probeLlm } from "../../src/providers/probe.js";

let fake: FakeOpenAI | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

const llmOn = (baseUrl: string, apiKey: string): OpenAILlm =>
  new OpenAILlm({ baseUrl, apiKey, model: "gpt-test", temperature: 0, maxTokens: 64, timeoutMs: 5000, maxRetries: 0 });
const embedderOn = (baseUrl: string, apiKey: string): OpenAIEmbedder =>
  new OpenAIEmbedder({
    baseUrl,
    apiKey,
    model: "embed-test",
    dimensions: 32,
    batchSize: 8,
    timeoutMs: 5000,
    maxRetries: 0,
  });

describe("probe()", () => {
  it("is ok with latency and model when the endpoint answers and takes the key", async () => {
    fake = await startFakeOpenAI({ apiKey: "right" });
    const llm = await probeLlm(llmOn(fake.url, "right"));
    expect(llm).toMatchObject({ ok: true, reason: null, provider: "openai", model: "gpt-test", baseUrl: fake.url });
    expect(llm.latencyMs).toEqual(expect.any(Number));
    expect(llm.error).toBeNull();
    const embedding = await probeEmbedder(embedderOn(fake.url, "right"));
    expect(embedding).toMatchObject({ ok: true, reason: null, model: "embed-test" });
    expect(fake.chatCalls()).toHaveLength(1);
    expect(fake.embeddingCalls()).toHaveLength(1);
  });

  it("says unauthorized (CONFIG) for a wrong key", async () => {
    fake = await startFakeOpenAI({ apiKey: "right" });
    const llm = await probeLlm(llmOn(fake.url, "wrong"));
    expect(llm).toMatchObject({ ok: false, reason: "unauthorized" });
    expect(llm.error?.code).toBe("CONFIG");
    const embedding = await probeEmbedder(embedderOn(fake.url, "wrong"));
    expect(embedding).toMatchObject({ ok: false, reason: "unauthorized" });
    expect(embedding.error?.code).toBe("CONFIG");
  });

  it("says unreachable when nothing listens", async () => {
    const url = `http://127.0.0.1:${await deadPort()}/v1`;
    const llm = await probeLlm(llmOn(url, "k"));
    expect(llm).toMatchObject({ ok: false, reason: "unreachable", baseUrl: url });
    expect(llm.error?.code).toBe("LLM");
    const embedding = await probeEmbedder(embedderOn(url, "k"));
    expect(embedding).toMatchObject({ ok: false, reason: "unreachable" });
    expect(embedding.error?.code).toBe("EMBEDDING");
  });

  it("answers offline providers without a request", async () => {
    expect(await probeLlm(new NoneLlm())).toMatchObject({ ok: true, provider: "none", latencyMs: null, baseUrl: null });
    const local = await probeEmbedder(new LocalEmbedder({ dimensions: 64 }));
    expect(local).toMatchObject({ ok: true, provider: "local", model: "local-hash-v2:64", latencyMs: null });
  });

  it("falls back to one real request for an implementation without probe()", async () => {
    let calls = 0;
    const plain = {
      id: "plain:8",
      dimensions: async () => 8,
      embed: async (texts: string[]) => {
        calls += 1;
        return texts.map(() => new Float32Array(8));
      },
    };
    expect(await probeEmbedder(plain)).toMatchObject({ ok: true, provider: "plain" });
    expect(calls).toBe(1);
  });
});
