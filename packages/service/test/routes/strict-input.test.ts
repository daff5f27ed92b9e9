import { describe, expect, it } from "vitest";
import { expectError, startTestService } from "../helpers.js";
import type { TestService } from "../helpers.js";

/** Every memory of the store, as a fingerprint that any write would change. */
const snapshot = async (svc: TestService): Promise<string> => {
  const page = await svc.memory.list({ limit: 1000 });
  return JSON.stringify(page.memories.map((m) => [m.id, m.content, m.updatedAt, m.metadata]));
};

const add = async (svc: TestService, body: Record<string, unknown>): Promise<string> => {
  const res = await svc.call("POST", "/memories", { body: { infer: false, ...body } });
  expect(res.status).toBe(200);
  return res.json.results[0].id as string;
};

const detail = (res: { json: { error: { details: { path: string; message: string }[] } } }, path: string) =>
  res.json.error.details.find((d) => d.path === path);

describe("strict input at the REST door (real HTTP)", () => {
  it("refuses unknown fields in bodies, messages and query strings with VALIDATION naming each, writing nothing", async () => {
    const svc = await startTestService();
    const id = await add(svc, { content: "Alice drinks green tea", user_id: "alice" });
    const before = await snapshot(svc);

    const typo = await svc.call("POST", "/memories", {
      body: { content: "x y z", user_id: "alice", memory_tpye: "factual" },
    });
    expectError(typo, 400, "VALIDATION");
    expect(detail(typo, "memory_tpye")?.message).toMatch(/memory_type/);

    const message = await svc.call("POST", "/memories", {
      body: { messages: [{ role: "user", content: "I like tea", speaker: "Al" }], user_id: "alice" },
    });
    expectError(message, 400, "VALIDATION");
    expect(detail(message, "messages.0.speaker")).toBeDefined();

    const search = await svc.call("POST", "/memories/search", { body: { query: "tea", user_id: "alice", limt: 2 } });
    expectError(search, 400, "VALIDATION");
    expect(detail(search, "limt")?.message).toMatch(/limit/);

    const nested = await svc.call("POST", "/memories/search", {
      body: { query: "tea", filters: { user_id: "alice", memory_typ: "factual" } },
    });
    expectError(nested, 400, "VALIDATION");
    expect(detail(nested, "filters.memory_typ")?.message).toMatch(/memory_type/);

    expectError(
      await svc.call("PUT", `/memories/${id}`, { body: { content: "Alice drinks coffee", importance: 0.9 } }),
      400,
      "VALIDATION",
    );
    expectError(
      await svc.call("PUT", `/memories/${id}?usr_id=alice`, { body: { content: "Alice drinks coffee" } }),
      400,
      "VALIDATION",
    );
    expectError(
      await svc.call("POST", "/memories/batch/update", {
        body: { updates: [{ id, content: "Alice drinks coffee" }], dry_run: true },
      }),
      400,
      "VALIDATION",
    );
    const batchItem = await svc.call("POST", "/memories/batch/update", {
      body: { updates: [{ id, contnet: "coffee" }] },
    });
    expect(batchItem.json.results[0].error.code).toBe("VALIDATION");
    expectError(await svc.call("DELETE", `/memories/${id}?force=true`), 400, "VALIDATION");
    expectError(await svc.call("DELETE", "/memories?user_id=alice&agent=x"), 400, "VALIDATION");

    const list = await svc.call("GET", "/memories?user_id=alice&memory_tpye=factual");
    expectError(list, 400, "VALIDATION");
    expect(detail(list, "memory_tpye")?.message).toMatch(/did you mean memory_type/);
    expectError(await svc.call("GET", `/memories/${id}?user=alice`), 400, "VALIDATION");
    expectError(await svc.call("GET", "/stats?userid=alice"), 400, "VALIDATION");
    expectError(await svc.call("GET", "/openapi.json?format=yaml"), 400, "VALIDATION");
    expectError(
      await svc.call(
        "GET",
        `/memories?filters=${encodeURIComponent(JSON.stringify({ user_id: "alice", topic: "x" }))}`,
      ),
      400,
      "VALIDATION",
    );
    expectError(await svc.call("DELETE", `/memories/${id}`, { body: { user_id: "bob" } }), 400, "VALIDATION");
    expect(await snapshot(svc)).toBe(before);
  });

  it("reads Rust v1's custom and similarity_threshold and mem0's filters as documented aliases", async () => {
    const svc = await startTestService();
    const id = await add(svc, { content: "Alice drinks green tea", user_id: "alice", custom: { source: "chat" } });
    await add(svc, { content: "Bob drinks green tea", user_id: "bob" });
    expect((await svc.memory.get(id)).metadata).toEqual({ source: "chat" });

    const updated = await svc.call("PUT", `/memories/${id}`, { body: { custom: { source: "mail" } } });
    expect(updated.status).toBe(200);
    expect(updated.json.metadata).toEqual({ source: "mail" });

    const filtered = await svc.call("POST", "/memories/search", {
      body: { query: "green tea", filters: { user_id: "alice", custom: { source: "mail" } } },
    });
    expect(filtered.json.results.map((r: { id: string }) => r.id)).toEqual([id]);
    const none = await svc.call("POST", "/memories/search", {
      body: { query: "green tea", filters: { user_id: "alice", custom: { source: "chat" } } },
    });
    expect(none.json.results).toEqual([]);

    const high = await svc.call("POST", "/memories/search", {
      body: { query: "green tea", user_id: "alice", similarity_threshold: 2 },
    });
    expect(high.status).toBe(200);
    expect(high.json.results).toEqual([]);
    const low = await svc.call("POST", "/memories/search", {
      body: { query: "green tea", user_id: "alice", similarity_threshold: 0.001 },
    });
    expect(low.json.results).toHaveLength(1);

    const before = await snapshot(svc);
    expectError(
      await svc.call("POST", "/memories/search", {
        body: { query: "tea", user_id: "alice", threshold: 0.1, similarity_threshold: 0.5 },
      }),
      400,
      "VALIDATION",
    );
    expectError(
      await svc.call("POST", "/memories", {
        body: { content: "x y", user_id: "alice", metadata: { a: 1 }, custom: { a: 2 } },
      }),
      400,
      "VALIDATION",
    );
    expectError(
      await svc.call("POST", "/memories/search", {
        body: { query: "tea", user_id: "alice", memory_type: "factual", filters: { memory_type: "personal" } },
      }),
      400,
      "VALIDATION",
    );
    expect(await snapshot(svc)).toBe(before);
  });

  it("takes a POST's scope from the query string, and refuses one that conflicts with the body", async () => {
    const svc = await startTestService();
    const alice = await add(svc, { content: "Alice drinks green tea", user_id: "alice" });
    await add(svc, { content: "Bob drinks green tea", user_id: "bob" });

    const scoped = await svc.call("POST", "/memories/search?user_id=alice", { body: { query: "green tea" } });
    expect(scoped.status).toBe(200);
    expect(scoped.json.results.map((r: { id: string }) => r.id)).toEqual([alice]);

    const added = await svc.call("POST", "/memories?user_id=carol", {
      body: { content: "Carol drinks tea", infer: false },
    });
    expect(added.status).toBe(200);
    expect((await svc.memory.get(added.json.results[0].id)).userId).toBe("carol");

    const before = await snapshot(svc);
    const conflict = await svc.call("POST", "/memories/search?user_id=alice", {
      body: { query: "tea", user_id: "bob" },
    });
    expectError(conflict, 400, "VALIDATION");
    expect(detail(conflict, "user_id")).toBeDefined();
    expectError(
      await svc.call("POST", "/memories?user_id=alice", { body: { content: "x y", user_id: "bob", infer: false } }),
      400,
      "VALIDATION",
    );
    expectError(
      await svc.call("POST", "/memories/search?limit=3", { body: { query: "tea", user_id: "alice" } }),
      400,
      "VALIDATION",
    );
    expect(await snapshot(svc)).toBe(before);
  });

  it("filters search and list by actor_id, flat and nested", async () => {
    const svc = await startTestService();
    const said = await add(svc, { content: "We should ship on Friday", user_id: "team", actor_id: "dana" });
    await add(svc, { content: "We should ship on Monday", user_id: "team", actor_id: "eli" });

    const search = await svc.call("POST", "/memories/search", {
      body: { query: "ship", user_id: "team", actor_id: "dana" },
    });
    expect(search.json.results.map((r: { id: string }) => r.id)).toEqual([said]);
    const nested = await svc.call("POST", "/memories/search", {
      body: { query: "ship", filters: { user_id: "team", actor_id: "dana" } },
    });
    expect(nested.json.results.map((r: { id: string }) => r.id)).toEqual([said]);
    const list = await svc.call("GET", "/memories?user_id=team&actor_id=dana");
    expect(list.json.memories.map((m: { id: string }) => m.id)).toEqual([said]);
    const both = await svc.call("GET", "/memories?user_id=team");
    expect(both.json.memories).toHaveLength(2);
  });

  it("names bad fields as the caller wrote them (created_after, min_importance), not the library's names", async () => {
    const svc = await startTestService();
    await add(svc, { content: "Alice drinks green tea", user_id: "alice" });
    const date = await svc.call("POST", "/memories/search", {
      body: { query: "tea", user_id: "alice", created_after: "soon" },
    });
    expectError(date, 400, "VALIDATION");
    expect(date.json.error.details.map((d: { path: string }) => d.path)).toEqual(["created_after"]);
    const nested = await svc.call(
      "GET",
      `/memories?filters=${encodeURIComponent(JSON.stringify({ user_id: "alice", created_before: "x" }))}`,
    );
    expectError(nested, 400, "VALIDATION");
    expect(nested.json.error.details.map((d: { path: string }) => d.path)).toEqual(["filters.created_before"]);
    const range = await svc.call("GET", "/memories?user_id=alice&min_importance=0.9&max_importance=0.1");
    expectError(range, 400, "VALIDATION");
    expect(range.json.error.details.map((d: { path: string }) => d.path)).toEqual(["min_importance"]);
    const timestamp = await svc.call("POST", "/memories", {
      body: { content: "x y", user_id: "alice", timestamp: "later" },
    });
    expectError(timestamp, 400, "VALIDATION");
    expect(timestamp.json.error.details.map((d: { path: string }) => d.path)).toEqual(["timestamp"]);
    expect(JSON.stringify([date.json, nested.json, range.json, timestamp.json])).not.toMatch(
      /createdAfter|createdBefore|minImportance/,
    );
  });
});
