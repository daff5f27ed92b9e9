import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { decodeFloat32Base64, hashEmbedding, startFakeOpenAI } from "../src/index.js";
import type { FakeOpenAI } from "../src/index.js";

let fake: FakeOpenAI;
let client: OpenAI;
const texts = ["Alice likes green tea", "Bob plays chess on Sundays"];

beforeAll(async () => {
  fake = await startFakeOpenAI();
  client = new OpenAI({ baseURL: fake.url, apiKey: "test", maxRetries: 0 });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe("embeddings through the openai SDK", () => {
  it("answers the SDK's default base64 request with the hashed vectors", async () => {
    const res = await client.embeddings.create({ model: "emb", input: texts });
    expect(fake.embeddingCalls()[0]?.body.encoding_format).toBe("base64");
    expect(res.data.map((d) => d.embedding)).toEqual(texts.map((t) => hashEmbedding(t, 64)));
    expect(res.data.map((d) => d.index)).toEqual([0, 1]);
    expect(res).toMatchObject({ object: "list", model: "emb" });
  });

  it("sends little-endian float32 base64 on the wire when asked for base64", async () => {
    const wire = await fetch(`${fake.url}/embeddings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "emb", input: "tea", encoding_format: "base64" }),
    }).then((r) => r.json() as Promise<{ data: { embedding: unknown }[] }>);
    const encoded = wire.data[0]?.embedding;
    expect(typeof encoded).toBe("string");
    expect(Buffer.from(encoded as string, "base64")).toHaveLength(64 * 4);
    expect(decodeFloat32Base64(encoded as string)).toEqual(hashEmbedding("tea", 64));
  });

  it("answers float arrays when encoding_format is float", async () => {
    const res = await client.embeddings.create({ model: "emb", input: texts[0] ?? "", encoding_format: "float" });
    expect(Array.isArray(res.data[0]?.embedding)).toBe(true);
    expect(res.data[0]?.embedding).toEqual(hashEmbedding(texts[0] ?? "", 64));
  });

  it("uses queued vectors first, then the default again", async () => {
    fake.enqueueEmbeddings({ embeddings: [[1, 0.5, -0.25]] });
    const scripted = await client.embeddings.create({ model: "emb", input: "anything" });
    const next = await client.embeddings.create({ model: "emb", input: "anything" });
    expect(scripted.data.map((d) => d.embedding)).toEqual([[1, 0.5, -0.25]]);
    expect(next.data[0]?.embedding).toEqual(hashEmbedding("anything", 64));
  });

  it("honours the dimensions request parameter", async () => {
    const res = await client.embeddings.create({ model: "emb", input: texts, dimensions: 8 });
    expect(res.data.map((d) => d.embedding.length)).toEqual([8, 8]);
    expect(res.data[1]?.embedding).toEqual(hashEmbedding(texts[1] ?? "", 8));
  });

  it("surfaces scripted error statuses and refuses empty input with 400", async () => {
    fake.enqueueEmbeddings({ status: 429 });
    await expect(client.embeddings.create({ model: "emb", input: "x" })).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    await expect(client.embeddings.create({ model: "emb", input: [] })).rejects.toBeInstanceOf(OpenAI.BadRequestError);
  });
});

describe("embedding options", () => {
  it("uses options.dimensions and a custom embed function that receives the dimension", async () => {
    const seen: [string, number][] = [];
    const custom = await startFakeOpenAI({
      dimensions: 3,
      embed: (text, dims) => (seen.push([text, dims]), Array.from({ length: dims }, (_, i) => text.length + i)),
    });
    try {
      const c = new OpenAI({ baseURL: custom.url, apiKey: "test", maxRetries: 0 });
      const res = await c.embeddings.create({ model: "emb", input: ["ab", "abcd"] });
      expect(res.data.map((d) => d.embedding)).toEqual([
        [2, 3, 4],
        [4, 5, 6],
      ]);
      expect(seen).toEqual([
        ["ab", 3],
        ["abcd", 3],
      ]);
    } finally {
      await custom.close();
    }
  });

  it("defaults to 64 dimensions", async () => {
    const res = await client.embeddings.create({ model: "emb", input: "x" });
    expect(res.data[0]?.embedding).toHaveLength(64);
  });
});
