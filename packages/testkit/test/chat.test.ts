import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { startFakeOpenAI } from "../src/index.js";
import type { FakeOpenAI } from "../src/index.js";

let fake: FakeOpenAI;
const client = (opts: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  new OpenAI({ baseURL: fake.url, apiKey: "test", maxRetries: 0, ...opts });
const ask = (c: OpenAI, text = "hi", extra: Partial<OpenAI.ChatCompletionCreateParamsNonStreaming> = {}) =>
  c.chat.completions.create({ model: "gpt-test", messages: [{ role: "user", content: text }], ...extra });

beforeAll(async () => {
  fake = await startFakeOpenAI({ chat: ({ messages }) => ({ json: { echo: messages.at(-1)?.content } }) });
});
beforeEach(() => fake.reset());
afterAll(() => fake.close());

describe("chat completions through the openai SDK", () => {
  it("returns the scripted json as message content in the OpenAI shape", async () => {
    fake.enqueueChat({ json: { facts: ["likes tea"] } });
    const res = await ask(client(), "remember", { response_format: { type: "json_object" } });
    expect(JSON.parse(res.choices[0]?.message.content ?? "")).toEqual({ facts: ["likes tea"] });
    expect(res).toMatchObject({ object: "chat.completion", model: "gpt-test" });
    expect(res.choices[0]).toMatchObject({ index: 0, finish_reason: "stop", message: { role: "assistant" } });
    expect(res.usage?.total_tokens).toBeGreaterThan(0);
    expect(fake.chatCalls()[0]?.body.response_format).toEqual({ type: "json_object" });
  });

  it("passes raw malformed content through untouched", async () => {
    fake.enqueueChat({ content: '{"facts": [' });
    const res = await ask(client());
    expect(res.choices[0]?.message.content).toBe('{"facts": [');
  });

  it("consumes the queue FIFO, then falls back to options.chat with flattened messages", async () => {
    fake.enqueueChat({ json: { n: 1 } }, { json: { n: 2 } });
    const c = client();
    const contents = [];
    for (const text of ["a", "b"]) contents.push((await ask(c, text)).choices[0]?.message.content);
    const parts = await c.chat.completions.create({
      model: "m",
      messages: [
        {
          role: "user",
          content: [
            { type: "text", text: "part one, " },
            { type: "text", text: "two" },
          ],
        },
      ],
    });
    expect(contents).toEqual(['{"n":1}', '{"n":2}']);
    expect(JSON.parse(parts.choices[0]?.message.content ?? "")).toEqual({ echo: "part one, two" });
  });

  it("answers {} by default when no responder is configured", async () => {
    const plain = await startFakeOpenAI();
    try {
      const res = await new OpenAI({ baseURL: plain.url, apiKey: "k", maxRetries: 0 }).chat.completions.create({
        model: "m",
        messages: [{ role: "user", content: "x" }],
        response_format: { type: "json_schema", json_schema: { name: "s", schema: { type: "object" } } },
      });
      expect(res.choices[0]?.message.content).toBe("{}");
    } finally {
      await plain.close();
    }
  });

  it("answers 429 with retry headers so the SDK retries, then succeeds", async () => {
    fake.enqueueChat({ status: 429, headers: { "retry-after-ms": "0", "retry-after": "0" } }, { json: { ok: true } });
    const res = await ask(client({ maxRetries: 2 }));
    expect(JSON.parse(res.choices[0]?.message.content ?? "")).toEqual({ ok: true });
    expect(fake.chatCalls()).toHaveLength(2);
    expect(fake.chatCalls()[1]?.headers["x-stainless-retry-count"]).toBe("1");
  });

  it("surfaces 429 and 500 as SDK errors in the OpenAI error shape", async () => {
    fake.enqueueChat({ status: 429 }, { status: 500, content: "boom" });
    const rate = await ask(client()).catch((e: unknown) => e);
    expect(rate).toBeInstanceOf(OpenAI.RateLimitError);
    expect(rate).toMatchObject({ status: 429, code: "rate_limit_exceeded", type: "rate_limit_error" });
    const server = await ask(client()).catch((e: unknown) => e);
    expect(server).toBeInstanceOf(OpenAI.InternalServerError);
    expect(server).toMatchObject({ status: 500, type: "server_error" });
    expect((server as Error).message).toContain("boom");
    expect(fake.chatCalls()).toHaveLength(2);
  });

  it("sends a raw body verbatim, so a truncated response fails in the client", async () => {
    fake.enqueueChat({ body: '{"id": "x", "choi' });
    await expect(ask(client())).rejects.toThrow();
    fake.enqueueChat({ status: 503, body: "upstream down" });
    await expect(ask(client())).rejects.toMatchObject({ status: 503, error: undefined });
  });

  it("hangs or delays until the SDK timeout fires", async () => {
    fake.enqueueChat({ hang: true }, { delayMs: 2_000, json: { late: true } }, { delayMs: 20, json: { soon: 1 } });
    await expect(ask(client({ timeout: 150 }))).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    await expect(ask(client({ timeout: 150 }))).rejects.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    const res = await ask(client({ timeout: 5_000 }));
    expect(JSON.parse(res.choices[0]?.message.content ?? "")).toEqual({ soon: 1 });
  });

  it("rejects a request without messages with 400 and keeps the scripted reply", async () => {
    fake.enqueueChat({ json: { kept: true } });
    const bad = client().post("/chat/completions", { body: { model: "m" } });
    await expect(bad).rejects.toBeInstanceOf(OpenAI.BadRequestError);
    expect(JSON.parse((await ask(client())).choices[0]?.message.content ?? "")).toEqual({ kept: true });
  });
});
