import { hashEmbedding, startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { ErrorCode, isCortexMemError } from "../../src/errors.js";
import { LocalEmbedder } from "../../src/embedder/local-embedder.js";
import { OpenAIEmbedder } from "../../src/embedder/openai-embedder.js";
import { dot } from "../../src/embedder/embedder.js";
import { onCleanup } from "../helpers.js";

const options = { apiKey: "k", model: "m", batchSize: 3, timeoutMs: 5000, maxRetries: 0 };

describe("OpenAIEmbedder", () => {
  it("embeds in batches through the SDK's base64 path, in input order", async () => {
    const fake = await startFakeOpenAI({ dimensions: 32 });
    onCleanup(() => fake.close());
    const embedder = new OpenAIEmbedder({ ...options, baseUrl: fake.url });
    const texts = ["a b", "c d", "e f", "g h", "i j"];
    const vectors = await embedder.embed(texts);
    expect(fake.embeddingCalls()).toHaveLength(2);
    expect(vectors).toHaveLength(5);
    const expected = Float32Array.from(hashEmbedding("g h", 32));
    expect(dot(vectors[3]!, expected)).toBeCloseTo(1, 4);
    expect(await embedder.dimensions()).toBe(32);
  });

  it("a vector of the wrong dimension is an EMBEDDING error", async () => {
    const fake = await startFakeOpenAI({ dimensions: 16 });
    onCleanup(() => fake.close());
    const embedder = new OpenAIEmbedder({ ...options, baseUrl: fake.url, dimensions: 16 });
    fake.enqueueEmbeddings({ embeddings: [[1, 2, 3]] });
    const error = await embedder.embed(["x"]).catch((e: unknown) => e);
    expect(isCortexMemError(error, ErrorCode.EMBEDDING)).toBe(true);
  });

  it("maps 429 to RATE_LIMITED, 401 to CONFIG, a hang to TIMEOUT, truncated JSON to EMBEDDING", async () => {
    const fake = await startFakeOpenAI();
    onCleanup(() => fake.close());
    const embedder = new OpenAIEmbedder({ ...options, baseUrl: fake.url, timeoutMs: 300 });
    const codeFor = async (reply: object) => {
      fake.enqueueEmbeddings(reply);
      return ((await embedder.embed(["x"]).catch((e: unknown) => e)) as { code?: string }).code;
    };
    expect(await codeFor({ status: 429 })).toBe(ErrorCode.RATE_LIMITED);
    expect(await codeFor({ status: 401 })).toBe(ErrorCode.CONFIG);
    expect(await codeFor({ hang: true })).toBe(ErrorCode.TIMEOUT);
    expect(await codeFor({ status: 200, body: '{"data": [{"embedding": [0.1,' })).toBe(ErrorCode.EMBEDDING);
  });
});

describe("LocalEmbedder", () => {
  it("is deterministic, unit length, and puts related texts closer than unrelated ones", async () => {
    const e = new LocalEmbedder();
    const [a, b, c, a2] = await e.embed([
      "I love hiking in the mountains",
      "hikes in mountain trails",
      "quarterly tax filing deadline",
      "I love hiking in the mountains",
    ]);
    expect(dot(a!, a!)).toBeCloseTo(1, 5);
    expect(Array.from(a2!)).toEqual(Array.from(a!));
    expect(dot(a!, b!)).toBeGreaterThan(dot(a!, c!) + 0.2);
  });
});
