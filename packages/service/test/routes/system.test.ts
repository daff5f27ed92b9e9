import { startFakeOpenAI } from "@cortex-mem/testkit";
import { sqlitePath } from "@cortex-mem/core/store";
import { createMemory } from "@cortex-mem/core";
import { describe, expect, it } from "vitest";
import { llmStatusResponse } from "../../src/llm-status.js";
import { statsResponse } from "../../src/openapi/wire-responses.js";
import { expectShape, onCleanup, startTestService, testConfig } from "../helpers.js";

describe("GET /health", () => {
  it("reports the store as reachable, without a key and without probing providers", async () => {
    const svc = await startTestService({ server: { apiKeys: ["k-0123456789abcdef"] } });
    const res = await svc.call("GET", "/health");
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ status: "ok", store: { kind: "sqlite", reachable: true } });
    expect(res.json.models).toBeUndefined();
    expect(res.json.version).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("with deep=true probes the providers and is 503 when one is unreachable", async () => {
    const fake = await startFakeOpenAI();
    onCleanup(() => fake.close());
    const svc = await startTestService({
      llm: { provider: "openai", baseUrl: fake.url, apiKey: "sk-test", maxRetries: 0 },
    });
    const ok = await svc.call("GET", "/health?deep=true");
    expect(ok.status).toBe(200);
    expect(ok.json.models.map((m: { reachable: boolean }) => m.reachable)).toEqual([true, true]);
    fake.enqueueChat({ status: 500 });
    const down = await svc.call("GET", "/health?deep=1");
    expect(down.status).toBe(503);
    expect(down.json.status).toBe("unhealthy");
    expect((await svc.call("GET", "/health?deep=maybe")).status).toBe(400);
  });
});

describe("GET /health: the store's probe", () => {
  it("reports core's store probe: reason and latency, and with deep=true where the store lives", async () => {
    const svc = await startTestService();
    await svc.memory.add("I drink green tea every morning", { userId: "u1", infer: false });
    const shallow = await svc.call("GET", "/health");
    expect(shallow.json.store).toEqual({
      kind: "sqlite",
      reachable: true,
      reason: null,
      latency_ms: expect.any(Number),
    });
    const deep = await svc.call("GET", "/health?deep=true");
    expect(deep.status).toBe(200);
    expect(deep.json.store).toEqual({
      kind: "sqlite",
      reachable: true,
      reason: null,
      latency_ms: expect.any(Number),
      location: sqlitePath(svc.config),
      base_url: null,
      schema_version: expect.any(Number),
      writable: true,
      memories: 1,
    });
  });

  it("is 503 with the reason incompatible when another process switched the store to another embedder", async () => {
    const svc = await startTestService();
    await svc.memory.add("I drink green tea every morning", { userId: "u1", infer: false });
    expect((await svc.call("GET", "/health")).status).toBe(200);
    const other = await createMemory(testConfig({ embedding: { dimensions: 32 } }, svc.config.home), { reembed: true });
    await other.close();
    const res = await svc.call("GET", "/health");
    expect(res.status).toBe(503);
    expect(res.json.status).toBe("unhealthy");
    expect(res.json.store).toMatchObject({ reachable: false, reason: "incompatible", error: { code: "CONFIG" } });
  });
});

describe("GET /llm/status", () => {
  it("reports none and local as reachable without any network call", async () => {
    const svc = await startTestService();
    const res = await svc.call("GET", "/llm/status");
    expect(res.status).toBe(200);
    const body = expectShape(llmStatusResponse, res.json);
    expect(body.status).toBe("ok");
    expect(body.models).toEqual([
      {
        role: "llm",
        provider: "none",
        model: null,
        base_url: null,
        reachable: true,
        reason: null,
        latency_ms: null,
        error: null,
      },
      expect.objectContaining({ role: "embedding", provider: "local", reachable: true, latency_ms: null, error: null }),
    ]);
  });

  it("probes OpenAI-compatible models with a tiny real request and reports failures", async () => {
    const fake = await startFakeOpenAI();
    onCleanup(() => fake.close());
    const svc = await startTestService({
      llm: { provider: "openai", baseUrl: fake.url, apiKey: "sk-test", model: "tiny-chat", maxRetries: 0 },
      embedding: { provider: "openai", baseUrl: fake.url, apiKey: "sk-test", model: "tiny-embed", maxRetries: 0 },
    });
    fake.reset();
    const ok = expectShape(llmStatusResponse, (await svc.call("GET", "/llm/status")).json);
    expect(ok.status).toBe("ok");
    expect(ok.models.map((m) => [m.role, m.provider, m.model, m.base_url, m.reachable, typeof m.latency_ms])).toEqual([
      ["llm", "openai", "tiny-chat", fake.url, true, "number"],
      ["embedding", "openai", "tiny-embed", fake.url, true, "number"],
    ]);
    expect(fake.chatCalls()).toHaveLength(1);
    expect(fake.embeddingCalls()).toHaveLength(1);

    fake.enqueueChat({ status: 500, content: "model overloaded" });
    fake.enqueueEmbeddings({ status: 404 });
    const down = expectShape(llmStatusResponse, (await svc.call("GET", "/llm/status")).json);
    expect(down.status).toBe("degraded");
    expect(down.models.map((m) => [m.reachable, m.error?.code])).toEqual([
      [false, "LLM"],
      [false, "EMBEDDING"],
    ]);
    expect(down.models[0]!.error?.message).toContain("model overloaded");
  });

  it("shows core's probe reason: unauthorized for a wrong key, unreachable when the endpoint is down", async () => {
    const fake = await startFakeOpenAI({ apiKey: "right-key" });
    onCleanup(() => fake.close());
    const svc = await startTestService({
      llm: { provider: "openai", baseUrl: fake.url, apiKey: "wrong-key", maxRetries: 0 },
      embedding: { provider: "openai", baseUrl: fake.url, apiKey: "right-key", dimensions: 32, maxRetries: 0 },
    });
    const wrongKey = expectShape(llmStatusResponse, (await svc.call("GET", "/llm/status")).json);
    expect(wrongKey.status).toBe("degraded");
    expect(wrongKey.models.map((m) => [m.role, m.reachable, m.reason, m.error?.code ?? null])).toEqual([
      ["llm", false, "unauthorized", "CONFIG"],
      ["embedding", true, null, null],
    ]);
    await fake.close();
    const down = expectShape(llmStatusResponse, (await svc.call("GET", "/llm/status")).json);
    expect(down.models.map((m) => [m.reachable, m.reason, m.error?.code])).toEqual([
      [false, "unreachable", "LLM"],
      [false, "unreachable", "EMBEDDING"],
    ]);
  });
});

describe("GET /stats and GET /metrics", () => {
  it("gives stats for everything or for one scope", async () => {
    const svc = await startTestService();
    await svc.memory.add("Hana codes in Rust", { userId: "hana", agentId: "a1", infer: false, memoryType: "factual" });
    await svc.memory.add("Ivan codes in Go", { userId: "ivan", infer: false, memoryType: "factual" });
    const all = expectShape(statsResponse, (await svc.call("GET", "/stats")).json);
    expect(all).toMatchObject({ total: 2, by_user: { hana: 1, ivan: 1 }, by_agent: { a1: 1 } });
    const one = expectShape(statsResponse, (await svc.call("GET", "/stats?user_id=hana")).json);
    expect(one.total).toBe(1);
    expect((await svc.call("GET", "/stats?user_id=")).status).toBe(400);
  });

  it("exposes request counts, latency histograms per route and the memory count in Prometheus text", async () => {
    const svc = await startTestService();
    await svc.call("POST", "/memories", { body: { content: "Jon likes tennis", user_id: "jon", infer: false } });
    const id = (await svc.call("GET", "/memories?user_id=jon")).json.memories[0].id;
    await svc.call("GET", `/memories/${id}`);
    await svc.call("GET", "/memories/6f1c1f3e-0000-4000-8000-000000000000");
    await svc.call("GET", "/nowhere");
    const res = await svc.call("GET", "/metrics");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.text;
    expect(text).toContain('cortex_mem_http_requests_total{method="POST",route="/memories",status="200"} 1');
    expect(text).toContain('cortex_mem_http_requests_total{method="GET",route="/memories/{id}",status="200"} 1');
    expect(text).toContain('cortex_mem_http_requests_total{method="GET",route="/memories/{id}",status="404"} 1');
    expect(text).toContain('cortex_mem_http_requests_total{method="GET",route="unmatched",status="404"} 1');
    expect(text).toContain('cortex_mem_http_request_duration_seconds_count{method="GET",route="/memories/{id}"} 2');
    expect(text).toMatch(
      /cortex_mem_http_request_duration_seconds_bucket\{method="GET",route="\/memories\/\{id\}",le="\+Inf"\} 2/,
    );
    expect(text).toContain("# TYPE cortex_mem_http_request_duration_seconds histogram");
    expect(text).toMatch(/^cortex_mem_memories 1$/m);
    for (const line of text.trim().split("\n"))
      expect(line).toMatch(/^(# (HELP|TYPE) \w+ .+|\w+(\{(\w+="(?:[^"\\]|\\.)*",?)*\})? [\d.e+-]+)$/);
  });
});
