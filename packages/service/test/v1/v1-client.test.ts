import { describe, expect, it } from "vitest";
import { startTestService } from "../helpers.js";

// A Rust v1 client (cortex-mem-insights' BFF, the TARS example) talks to `/v1` with v1's field
// names and reads v1's: `{message, id}`, `{memories, total}`, `{results: [{memory, score}]}`,
// `{status: "healthy", vector_store, llm_service}` and errors as `{error, code}`.

describe("REST /v1 (Rust v1 clients)", () => {
  it("adds, lists, searches, gets, updates and deletes with v1's bodies and answers", async () => {
    const s = await startTestService();
    const added = await s.call("POST", "/v1/memories", {
      body: {
        content: "Alice is allergic to peanuts",
        user_id: "alice",
        memory_type: "Personal",
        custom: { source: "tars" },
      },
    });
    expect(added.status).toBe(200);
    expect(added.json.message).toMatch(/created/i);
    expect(added.json.id).toMatch(/^[0-9a-f-]{36}$/);
    const id: string = added.json.id;

    const list = await s.call("GET", "/v1/memories?user_id=alice&limit=20");
    expect(list.json.total).toBe(1);
    const item = list.json.memories[0];
    expect(item).toMatchObject({ id, content: "Alice is allergic to peanuts" });
    expect(item.metadata).toMatchObject({
      user_id: "alice",
      agent_id: null,
      memory_type: "Personal",
      custom: { source: "tars" },
    });
    expect(typeof item.metadata.importance_score).toBe("number");
    expect(typeof item.metadata.hash).toBe("string");

    // v1's default search_similarity_threshold (0.70 cosine) still answers: it is mapped to our scale.
    const found = await s.call("POST", "/v1/memories/search", {
      body: { query: "peanuts allergy", user_id: "alice", limit: 5, similarity_threshold: 0.7 },
    });
    expect(found.status).toBe(200);
    expect(found.json.total).toBe(1);
    expect(found.json.results[0].memory.id).toBe(id);
    expect(found.json.results[0].score).toBeGreaterThan(0);

    const got = await s.call("GET", `/v1/memories/${id}`);
    expect(got.json.metadata.memory_type).toBe("Personal");

    const updated = await s.call("PUT", `/v1/memories/${id}`, {
      body: { content: "Alice is allergic to peanuts and shellfish" },
    });
    expect(updated.json).toEqual({ message: expect.stringMatching(/updated/i), id });
    expect((await s.memory.get(id)).content).toBe("Alice is allergic to peanuts and shellfish");

    const deleted = await s.call("DELETE", `/v1/memories/${id}`);
    expect(deleted.json).toEqual({ message: expect.stringMatching(/deleted/i), id });
    expect((await s.memory.list({ userId: "alice" })).memories).toHaveLength(0);
  });

  it("filters search and list by actor_id, as it accepts it (top level and nested)", async () => {
    const s = await startTestService();
    for (const [actor, content] of [
      ["tars", "Cooper flies the Ranger to the station"],
      ["case", "Cooper flies the lander to the planet"],
    ]) {
      const added = await s.call("POST", "/v1/memories", { body: { content, user_id: "crew", actor_id: actor } });
      expect(added.status).toBe(200);
    }
    const listed = await s.call("GET", "/v1/memories?user_id=crew&actor_id=tars");
    expect(listed.json.memories.map((m: { content: string }) => m.content)).toEqual([
      "Cooper flies the Ranger to the station",
    ]);
    const top = await s.call("POST", "/v1/memories/search", {
      body: { query: "Cooper flies", user_id: "crew", actor_id: "case" },
    });
    expect(top.json.results.map((r: { memory: { content: string } }) => r.memory.content)).toEqual([
      "Cooper flies the lander to the planet",
    ]);
    const nested = await s.call("POST", "/v1/memories/search", {
      body: { query: "Cooper flies", filters: { user_id: "crew", actor_id: "tars" } },
    });
    expect(nested.json.results.map((r: { memory: { content: string } }) => r.memory.content)).toEqual([
      "Cooper flies the Ranger to the station",
    ]);
  });

  it("reads a conversation (newline, User:/Assistant:) the way v1 did and stores plain text as given", async () => {
    const s = await startTestService();
    const plain = await s.call("POST", "/v1/memories", {
      body: { content: "likes green tea", user_id: "bob", memory_type: "bogus" },
    });
    expect((await s.memory.get(plain.json.id)).memoryType).toBe("conversational"); // v1's lenient parse
    const convo = await s.call("POST", "/v1/memories", {
      body: { content: "User: I moved to Berlin\nAssistant: Nice!", user_id: "bob" },
    });
    expect(convo.status).toBe(200);
    expect(convo.json.message).toMatch(/actions/);
  });

  it("answers /health, /llm/status and /llm/health-check in v1's shapes", async () => {
    const s = await startTestService();
    const health = await s.call("GET", "/v1/health");
    expect(health.json).toMatchObject({ status: "healthy", vector_store: true, llm_service: true });
    expect(Number.isNaN(Date.parse(health.json.timestamp))).toBe(false);
    const check = await s.call("GET", "/v1/llm/health-check");
    expect(check.json).toMatchObject({ completion_model_available: true, embedding_model_available: true });
    const status = await s.call("GET", "/v1/llm/status");
    expect(status.json.overall_status).toBe("healthy");
    expect(status.json.embedding_model).toMatchObject({ available: true, provider: "local" });
  });

  it("fails with v1's error shape {error, code}, our status, and writes nothing", async () => {
    const s = await startTestService();
    const missing = await s.call("GET", "/v1/memories/00000000-0000-4000-8000-000000000000");
    expect(missing.status).toBe(404);
    expect(missing.json).toMatchObject({ code: "MEMORY_NOT_FOUND", cortex_code: "NOT_FOUND" });
    expect(typeof missing.json.error).toBe("string");
    const bad = await s.call("POST", "/v1/memories", { body: { content: "x", user_id: "alice", surprise: 1 } });
    expect(bad.status).toBe(400);
    expect(bad.json).toMatchObject({ code: "MEMORY_CREATION_FAILED", cortex_code: "VALIDATION" });
    expect((await s.memory.stats()).total).toBe(0);
  });

  it("batch-deletes with v1's counts and keeps a key bound to a user inside that user", async () => {
    const s = await startTestService({
      server: { apiKeys: [{ key: "alice-key-1234567890", userId: "alice" }, "admin-key-1234567890"] },
    });
    const a = await s.call("POST", "/v1/memories", {
      key: "admin-key-1234567890",
      body: { content: "bob fact", user_id: "bob" },
    });
    const b = await s.call("POST", "/v1/memories", { key: "alice-key-1234567890", body: { content: "alice fact" } });
    expect((await s.memory.get(b.json.id)).userId).toBe("alice");
    const batch = await s.call("POST", "/v1/memories/batch/delete", {
      key: "alice-key-1234567890",
      body: { ids: [a.json.id, b.json.id] },
    });
    expect(batch.json).toMatchObject({ success_count: 1, failure_count: 1 });
    expect((await s.memory.get(a.json.id)).content).toBe("bob fact");
    const forbidden = await s.call("GET", "/v1/memories?user_id=bob", { key: "alice-key-1234567890" });
    expect(forbidden.status).toBe(403);
    expect(forbidden.json.code).toBe("MEMORY_LIST_FAILED");
  });
});
