import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OpenAIEmbedder } from "@cortex-mem/core/providers";
import { startEmbeddingsServer } from "../../src/embedding/embeddings-server.js";
import type { EmbeddingsServer } from "../../src/embedding/embeddings-server.js";
import { loadWordVectors, sifEmbedder } from "../../src/embedding/sif-embedding.js";
import { tinyVectorsFile } from "./tiny-vectors.js";

const file = tinyVectorsFile();
const embed = sifEmbedder(loadWordVectors(file.path));
let server: EmbeddingsServer;
beforeAll(async () => {
  server = await startEmbeddingsServer({ embed: (texts) => texts.map(embed), dimensions: 2, model: "tiny-sif" });
});
afterAll(async () => {
  await server.close();
  file.remove();
});

const post = (body: unknown) =>
  fetch(`${server.baseUrl}/embeddings`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("the OpenAI-compatible embeddings server", () => {
  it("serves core's OpenAI embedder (the SDK asks for base64) the exact SIF vectors", async () => {
    const client = new OpenAIEmbedder({
      baseUrl: server.baseUrl,
      apiKey: "bench",
      model: "x",
      batchSize: 2,
      timeoutMs: 5000,
      maxRetries: 0,
    });
    const texts = ["the cat", "kitten", "stock the"];
    const got = await client.embed(texts);
    expect(got.map((v) => [...v])).toEqual(texts.map((t) => [...embed(t)]));
    expect(await client.dimensions()).toBe(2);
  });

  it("answers floats for a single string, with the model and a token count", async () => {
    const res = await post({ model: "any", input: "The kitten" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      data: { embedding: number[]; index: number }[];
      model: string;
      usage: { prompt_tokens: number };
    };
    expect(body.data).toHaveLength(1);
    expect(body.data[0]?.embedding).toEqual([...embed("The kitten")]);
    expect(body.model).toBe("tiny-sif");
    expect(body.usage.prompt_tokens).toBe(2);
  });

  it("rejects other dimensions, token ids and unknown routes clearly", async () => {
    const dims = await post({ input: "cat", dimensions: 384 });
    expect(dims.status).toBe(400);
    expect(((await dims.json()) as { error: { message: string } }).error.message).toMatch(
      /2 dimensions; 'dimensions' 384/,
    );
    expect((await post({ input: "cat", dimensions: 2 })).status).toBe(200);
    const tokens = await post({ input: [1, 2, 3] });
    expect(tokens.status).toBe(400);
    expect(((await tokens.json()) as { error: { message: string } }).error.message).toMatch(
      /token ids are not supported/,
    );
    expect((await fetch(`${server.baseUrl}/chat/completions`, { method: "POST", body: "{}" })).status).toBe(404);
  });

  it("refuses a field it does not implement, naming it", async () => {
    const unknown = await post({ input: "cat", truncate: "END" });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toMatch(/truncate/);
  });
});
