import { describe, expect, it } from "vitest";
import { addResponse, deletedResponse, pageResponse, searchResponse } from "../../src/openapi/wire-responses.js";
import { expectError, expectShape, startTestService } from "../helpers.js";

describe("POST /memories", () => {
  it("stores content with flat scope, metadata and type, and returns the add results", async () => {
    const svc = await startTestService();
    const res = await svc.call("POST", "/memories", {
      body: {
        content: "Alice is allergic to peanuts",
        user_id: "alice",
        agent_id: "chef",
        memory_type: "Personal",
        metadata: { source: "chat", n: 1 },
        infer: false,
      },
    });
    expect(res.status).toBe(200);
    const body = expectShape(addResponse, res.json);
    expect(body.results).toHaveLength(1);
    expect(body.results[0]).toMatchObject({
      event: "ADD",
      memory: "Alice is allergic to peanuts",
      memory_type: "personal",
    });
    const stored = await svc.memory.get(body.results[0]!.id);
    expect(stored).toMatchObject({ userId: "alice", agentId: "chef", metadata: { source: "chat", n: 1 } });
  });

  it("reads the scope nested in metadata and keeps the rest of metadata as given", async () => {
    const svc = await startTestService();
    const res = await svc.call("POST", "/memories", {
      body: { content: "Bob prefers tea", metadata: { user_id: "bob", run_id: "r1", topic: "drinks" }, infer: false },
    });
    expect(res.status).toBe(200);
    const stored = await svc.memory.get(res.json.results[0].id);
    expect(stored).toMatchObject({ userId: "bob", runId: "r1", metadata: { topic: "drinks" } });
  });

  it("extracts from messages with the rule-based LLM when infer is on", async () => {
    const svc = await startTestService();
    const res = await svc.call("POST", "/memories", {
      body: {
        messages: [
          { role: "user", content: "My name is Carol and I live in Lisbon." },
          { role: "assistant", content: "Nice to meet you!" },
        ],
        user_id: "carol",
      },
    });
    expect(res.status).toBe(200);
    expect(res.json.results.length).toBeGreaterThan(0);
    expect((await svc.memory.stats({ userId: "carol" })).total).toBe(
      res.json.results.filter((r: { event: string }) => r.event === "ADD").length,
    );
  });

  it.each([
    ["no content and no messages", { user_id: "u" }, "content"],
    [
      "both content and messages",
      { content: "x", messages: [{ role: "user", content: "y" }], user_id: "u" },
      "content",
    ],
    ["an unknown memory type", { content: "x", user_id: "u", memory_type: "gossip" }, "memory_type"],
    ["importance out of range", { content: "x", user_id: "u", importance_score: 3 }, "importance_score"],
  ])("refuses %s with 400 naming the field, writing nothing", async (_name, body, path) => {
    const svc = await startTestService();
    const res = await svc.call("POST", "/memories", { body });
    expectError(res, 400, "VALIDATION");
    expect(res.json.error.details.map((d: { path: string }) => d.path)).toContain(path);
    expect((await svc.memory.stats()).total).toBe(0);
  });

  it("refuses an add without any scope and conflicting flat/nested scope", async () => {
    const svc = await startTestService();
    expectError(await svc.call("POST", "/memories", { body: { content: "orphan fact" } }), 400, "VALIDATION");
    const conflict = await svc.call("POST", "/memories", {
      body: { content: "x", user_id: "a", metadata: { user_id: "b" } },
    });
    expectError(conflict, 400, "VALIDATION");
    expect(conflict.json.error.details[0].path).toBe("user_id");
    expect((await svc.memory.stats()).total).toBe(0);
  });
});

describe("GET /memories, POST /memories/search, DELETE /memories", () => {
  async function seeded() {
    const svc = await startTestService();
    await svc.memory.add("Alice loves hiking in the Alps", { userId: "alice", infer: false, memoryType: "personal" });
    await svc.memory.add("Alice works as a nurse", {
      userId: "alice",
      agentId: "hr",
      infer: false,
      memoryType: "factual",
    });
    await svc.memory.add("Bob loves hiking too", { userId: "bob", infer: false });
    return svc;
  }

  it("lists with flat and nested (filters JSON) scope and filters alike", async () => {
    const svc = await seeded();
    const flat = await svc.call("GET", "/memories?user_id=alice&memory_type=personal");
    const nested = await svc.call(
      "GET",
      `/memories?filters=${encodeURIComponent(JSON.stringify({ user_id: "alice", memory_type: "personal" }))}`,
    );
    expect(flat.status).toBe(200);
    const page = expectShape(pageResponse, flat.json);
    expect(page.memories.map((m) => m.content)).toEqual(["Alice loves hiking in the Alps"]);
    expect(nested.json.memories).toEqual(flat.json.memories);
    const all = await svc.call("GET", "/memories?user_id=alice");
    expect(all.json.count).toBe(2);
  });

  it("refuses bad list queries and conflicting flat/nested scope", async () => {
    const svc = await seeded();
    expectError(await svc.call("GET", "/memories?limit=0"), 400, "VALIDATION");
    expectError(await svc.call("GET", "/memories?filters=%7Bnot-json"), 400, "VALIDATION");
    expectError(
      await svc.call("GET", `/memories?user_id=alice&filters=${encodeURIComponent('{"user_id":"bob"}')}`),
      400,
      "VALIDATION",
    );
  });

  it("searches within the scope only, flat or nested under filters", async () => {
    const svc = await seeded();
    const flat = await svc.call("POST", "/memories/search", { body: { query: "hiking", user_id: "bob" } });
    expect(flat.status).toBe(200);
    const body = expectShape(searchResponse, flat.json);
    expect(body.results.map((r) => r.content)).toEqual(["Bob loves hiking too"]);
    expect(body.total).toBe(1);
    const nested = await svc.call("POST", "/memories/search", {
      body: { query: "hiking", filters: { user_id: "alice", memory_type: "personal" }, limit: 5 },
    });
    expect(nested.json.results.map((r: { content: string }) => r.content)).toEqual(["Alice loves hiking in the Alps"]);
    expectError(await svc.call("POST", "/memories/search", { body: { query: "  " } }), 400, "VALIDATION");
  });

  it("deletes everything of a scope, from the query or a nested body, and requires a scope", async () => {
    const svc = await seeded();
    expectError(await svc.call("DELETE", "/memories"), 400, "VALIDATION");
    expect((await svc.memory.stats()).total).toBe(3);
    const res = await svc.call("DELETE", "/memories?user_id=alice");
    expect(res.status).toBe(200);
    expect(expectShape(deletedResponse, res.json)).toEqual({ deleted: 2 });
    const nested = await svc.call("DELETE", "/memories", { body: { filters: { user_id: "bob" } } });
    expect(nested.json).toEqual({ deleted: 1 });
    expect((await svc.memory.stats()).total).toBe(0);
  });
});
