import OpenAI from "openai";
import { describe, expect, it } from "vitest";
import { FAKE_MODEL, startFakeOpenAI } from "../src/index.js";

describe("fake OpenAI server", () => {
  it("enforces apiKey with a 401 in the OpenAI error shape, and still records the request", async () => {
    const fake = await startFakeOpenAI({ apiKey: "secret" });
    try {
      fake.enqueueChat({ json: { ok: 1 } });
      const wrong = new OpenAI({ baseURL: fake.url, apiKey: "nope", maxRetries: 0 });
      const error = await wrong.chat.completions.create({ model: "m", messages: [] }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect(error).toMatchObject({ status: 401, code: "invalid_api_key", type: "invalid_request_error" });
      expect(fake.chatCalls()).toHaveLength(1);

      const right = new OpenAI({ baseURL: fake.url, apiKey: "secret", maxRetries: 0 });
      const res = await right.chat.completions.create({ model: "m", messages: [{ role: "user", content: "x" }] });
      expect(res.choices[0]?.message.content).toBe('{"ok":1}'); // the 401 did not consume the queue
    } finally {
      await fake.close();
    }
  });

  it("records every request in order and reset() clears records and queues", async () => {
    const fake = await startFakeOpenAI();
    try {
      const client = new OpenAI({ baseURL: fake.url, apiKey: "test", maxRetries: 0 });
      await client.embeddings.create({ model: "e", input: "one" });
      await client.chat.completions.create({ model: "c", messages: [{ role: "system", content: "be brief" }] });
      const models = await client.models.list();
      expect(models.data.map((m) => m.id)).toEqual([FAKE_MODEL]);

      const held = fake.requests;
      expect(held.map((r) => [r.kind, r.method, r.path])).toEqual([
        ["embeddings", "POST", "/v1/embeddings"],
        ["chat", "POST", "/v1/chat/completions"],
        ["models", "GET", "/v1/models"],
      ]);
      expect(held[1]?.body.messages).toEqual([{ role: "system", content: "be brief" }]);
      expect(held[1]?.headers.authorization).toBe("Bearer test");
      expect(held[0]?.at).toBeLessThanOrEqual(held[2]?.at ?? 0);

      fake.enqueueChat({ json: { stale: true } });
      fake.reset();
      expect(held).toHaveLength(0);
      const res = await client.chat.completions.create({ model: "c", messages: [] });
      expect(res.choices[0]?.message.content).toBe("{}");
    } finally {
      await fake.close();
    }
  });

  it("answers unknown paths with 404 and records them as other", async () => {
    const fake = await startFakeOpenAI();
    try {
      const res = await fetch(`${fake.url}/nowhere?x=1`, { method: "POST", body: "not json" });
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ error: { type: "invalid_request_error", code: "unknown_url" } });
      expect(fake.requests[0]).toMatchObject({ kind: "other", path: "/v1/nowhere?x=1", body: "not json" });
    } finally {
      await fake.close();
    }
  });

  it("close() destroys hanging sockets so pending clients fail instead of waiting", async () => {
    const fake = await startFakeOpenAI();
    fake.enqueueChat({ hang: true });
    const client = new OpenAI({ baseURL: fake.url, apiKey: "test", maxRetries: 0, timeout: 60_000 });
    const pending = client.chat.completions.create({ model: "m", messages: [] }).catch((e: unknown) => e);
    await expect.poll(() => fake.chatCalls().length).toBe(1);
    await fake.close();
    await fake.close(); // idempotent
    const error = await pending;
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(error).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
  }, 5_000);
});
