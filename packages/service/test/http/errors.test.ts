import { startFakeOpenAI } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { errorResponse } from "../../src/openapi/wire-responses.js";
import { expectError, expectShape, onCleanup, startTestService } from "../helpers.js";

describe("transport errors are JSON with the status from core's table", () => {
  it("answers unknown routes with a JSON 404 and known paths asked with another method with a JSON 405", async () => {
    const svc = await startTestService();
    for (const [method, path] of [
      ["GET", "/nope"],
      ["GET", "/memories/x/y/z"],
    ] as const) {
      const res = await svc.call(method, path);
      expectError(res, 404, "NOT_FOUND");
      expectShape(errorResponse, res.json);
    }
    for (const [method, path] of [
      ["PATCH", "/memories"],
      ["POST", "/health"],
    ] as const) {
      const res = await svc.call(method, path);
      expectError(res, 405, "METHOD_NOT_ALLOWED");
      expectShape(errorResponse, res.json);
    }
  });

  it("refuses invalid JSON with 400 and a non-JSON content type with 415, writing nothing", async () => {
    const svc = await startTestService();
    const bad = await svc.call("POST", "/memories", {
      raw: '{"content": "x", ',
      headers: { "Content-Type": "application/json" },
    });
    expectError(bad, 400, "VALIDATION");
    const scalar = await svc.call("POST", "/memories", {
      raw: '"just a string"',
      headers: { "Content-Type": "application/json" },
    });
    expectError(scalar, 400, "VALIDATION");
    const text = await svc.call("POST", "/memories", {
      raw: "content=x&user_id=u",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
    });
    expectError(text, 415, "UNSUPPORTED_MEDIA_TYPE");
    const none = await svc.call("POST", "/memories/search", {
      raw: '{"query":"x"}',
      headers: { "Content-Type": "text/plain" },
    });
    expectError(none, 415, "UNSUPPORTED_MEDIA_TYPE");
    const charset = await svc.call("POST", "/memories", {
      raw: '{"content":"x","user_id":"u"}',
      headers: { "Content-Type": "application/json; charset=latin-9" },
    });
    expectError(charset, 415, "UNSUPPORTED_MEDIA_TYPE");
    expect((await svc.memory.stats()).total).toBe(0);
  });

  it("refuses a body over server.bodyLimit with 413, writing nothing", async () => {
    const svc = await startTestService({ server: { bodyLimit: "2kb" } });
    const res = await svc.call("POST", "/memories", {
      body: { content: "x".repeat(4000), user_id: "u", infer: false },
    });
    expectError(res, 413, "PAYLOAD_TOO_LARGE");
    expect(
      (await svc.call("POST", "/memories", { body: { content: "small", user_id: "u", infer: false } })).status,
    ).toBe(200);
    expect((await svc.memory.stats()).total).toBe(1);
  });

  it("answers a malformed percent-encoding in the path with JSON 400", async () => {
    const svc = await startTestService();
    expectError(await svc.call("GET", "/memories/%E0%A4%A"), 400, "VALIDATION");
  });

  it("answers 503 when the store is unavailable, on /health too", async () => {
    const svc = await startTestService();
    await svc.memory.close();
    expectError(await svc.call("GET", "/memories?user_id=u"), 503, "STORE");
    const health = await svc.call("GET", "/health");
    expect(health.status).toBe(503);
    expect(health.json).toMatchObject({ status: "unhealthy", store: { reachable: false, error: { code: "STORE" } } });
  });
});

describe("provider failures", () => {
  async function withFakeLlm(llm: Record<string, unknown> = {}) {
    const fake = await startFakeOpenAI();
    onCleanup(() => fake.close());
    const svc = await startTestService({
      llm: { provider: "openai", baseUrl: fake.url, apiKey: "sk-test", maxRetries: 0, ...llm },
    });
    return { fake, svc };
  }
  const conversation = { messages: [{ role: "user", content: "I moved to Porto last year." }], user_id: "gil" };

  it("maps a provider 429 to 429 RATE_LIMITED and a provider 500 to 502 LLM, storing nothing", async () => {
    const { fake, svc } = await withFakeLlm();
    fake.enqueueChat({ status: 429 });
    expectError(await svc.call("POST", "/memories", { body: conversation }), 429, "RATE_LIMITED");
    fake.enqueueChat({ status: 500 });
    expectError(await svc.call("POST", "/memories", { body: conversation }), 502, "LLM");
    expect((await svc.memory.stats()).total).toBe(0);
  });

  it("maps a provider that never answers to 504 TIMEOUT", async () => {
    const { fake, svc } = await withFakeLlm({ timeoutMs: 300 });
    fake.enqueueChat({ hang: true });
    expectError(await svc.call("POST", "/memories", { body: conversation }), 504, "TIMEOUT");
  });

  it("stores what the fake LLM extracted when it answers", async () => {
    const { fake, svc } = await withFakeLlm();
    fake.enqueueChat({
      json: { facts: [{ content: "Gil lives in Porto", memory_type: "personal", importance: 0.8 }] },
    });
    const res = await svc.call("POST", "/memories", { body: conversation });
    expect(res.status).toBe(200);
    expect(res.json.results.map((r: { memory: string }) => r.memory)).toEqual(["Gil lives in Porto"]);
    expect(fake.chatCalls()).toHaveLength(1);
  });
});

describe("request ids and CORS", () => {
  it("echoes a safe incoming X-Request-Id, generates one otherwise, and logs it", async () => {
    const svc = await startTestService();
    const mine = await svc.call("GET", "/stats", { headers: { "X-Request-Id": "trace-123" } });
    expect(mine.headers.get("x-request-id")).toBe("trace-123");
    const generated = await svc.call("GET", "/nope", { headers: { "X-Request-Id": "bad id with spaces" } });
    expect(generated.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(svc.logs.find((l) => l.request_id === "trace-123")).toMatchObject({
      msg: "request",
      route: "/stats",
      status: 200,
    });
    expect(svc.logs.find((l) => l.request_id === generated.headers.get("x-request-id"))).toMatchObject({
      status: 404,
      route: "unmatched",
    });
  });

  it("sends no CORS headers by default", async () => {
    const svc = await startTestService();
    const res = await svc.call("GET", "/health", { headers: { Origin: "https://app.example" } });
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
    const preflight = await svc.call("OPTIONS", "/memories", {
      headers: { Origin: "https://app.example", "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("allows only configured origins, answering preflights with 204 even when keys are required", async () => {
    const svc = await startTestService({
      server: { corsOrigins: ["https://app.example"], apiKeys: ["k-0123456789abcdef"] },
    });
    const preflight = await svc.call("OPTIONS", "/memories", {
      headers: { Origin: "https://app.example", "Access-Control-Request-Method": "POST" },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(preflight.headers.get("access-control-allow-headers")).toContain("Authorization");
    const other = await svc.call("GET", "/health", { headers: { Origin: "https://evil.example" } });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });
});
