import { describe, expect, it } from "vitest";
import { historyResponse, wireMemoryResponse } from "../../src/openapi/wire-responses.js";
import { expectError, expectShape, startTestService } from "../helpers.js";

async function withOne() {
  const svc = await startTestService();
  const { results } = await svc.memory.add("Dana drinks oat milk", {
    userId: "dana",
    infer: false,
    metadata: { k: "v" },
  });
  return { svc, id: results[0]!.id };
}

describe("GET|PUT|DELETE /memories/{id} and history", () => {
  it("gets a memory in the wire format with an ETag", async () => {
    const { svc, id } = await withOne();
    const res = await svc.call("GET", `/memories/${id}`);
    expect(res.status).toBe(200);
    const m = expectShape(wireMemoryResponse, res.json);
    expect(m).toMatchObject({ id, content: "Dana drinks oat milk", user_id: "dana", metadata: { k: "v" } });
    expect(res.headers.get("etag")).toMatch(/^"[\w-]+"$/);
  });

  it("answers 404 for an unknown id or one outside the query's scope, 400 for a non-UUID", async () => {
    const { svc, id } = await withOne();
    expectError(await svc.call("GET", "/memories/6f1c1f3e-0000-4000-8000-000000000000"), 404, "NOT_FOUND");
    expectError(await svc.call("GET", `/memories/${id}?user_id=someone-else`), 404, "NOT_FOUND");
    expect((await svc.call("GET", `/memories/${id}?user_id=dana`)).status).toBe(200);
    const bad = await svc.call("GET", "/memories/not-a-uuid");
    expectError(bad, 400, "VALIDATION");
  });

  it("updates content and attributes, records history, and validates the body", async () => {
    const { svc, id } = await withOne();
    const res = await svc.call("PUT", `/memories/${id}`, {
      body: { content: "Dana drinks soy milk", importance_score: 0.9, topics: ["food"] },
    });
    expect(res.status).toBe(200);
    expect(expectShape(wireMemoryResponse, res.json)).toMatchObject({
      content: "Dana drinks soy milk",
      importance_score: 0.9,
      topics: ["food"],
    });
    const before = await svc.memory.get(id);
    const bad = await svc.call("PUT", `/memories/${id}`, { body: { importance_score: "high" } });
    expectError(bad, 400, "VALIDATION");
    expectError(await svc.call("PUT", `/memories/${id}`, { body: {} }), 400, "VALIDATION");
    expect(await svc.memory.get(id)).toEqual(before);
    const history = await svc.call("GET", `/memories/${id}/history`);
    const h = expectShape(historyResponse, history.json);
    expect(h.history.map((r) => r.event)).toEqual(["ADD", "UPDATE"]);
    expect(h.history[1]).toMatchObject({ old_content: "Dana drinks oat milk", new_content: "Dana drinks soy milk" });
  });

  it("records what an attribute-only update changed in its history row, not content → same content", async () => {
    const { svc, id } = await withOne();
    const before = await svc.memory.get(id);
    const res = await svc.call("PUT", `/memories/${id}`, {
      body: { importance_score: 0.95, memory_type: "personal", metadata: { k: "w" } },
    });
    expect(res.status).toBe(200);
    const h = expectShape(historyResponse, (await svc.call("GET", `/memories/${id}/history`)).json);
    expect(h.history.map((r) => r.event)).toEqual(["ADD", "UPDATE"]);
    expect(h.history[1]).toMatchObject({
      old_content: "Dana drinks oat milk",
      new_content: "Dana drinks oat milk",
      reason:
        `memory_type ${before.memoryType} → personal; importance_score ${before.importance} → 0.95; ` +
        'metadata {"k":"v"} → {"k":"w"}',
    });
  });

  it("makes PUT and DELETE conditional with If-Match: a stale tag is 409 and changes nothing", async () => {
    const { svc, id } = await withOne();
    const etag = (await svc.call("GET", `/memories/${id}`)).headers.get("etag")!;
    const first = await svc.call("PUT", `/memories/${id}`, {
      body: { content: "Dana drinks black coffee" },
      headers: { "If-Match": etag },
    });
    expect(first.status).toBe(200);
    expect(first.headers.get("etag")).not.toBe(etag);
    const stale = await svc.call("PUT", `/memories/${id}`, {
      body: { content: "Dana drinks water" },
      headers: { "If-Match": etag },
    });
    expectError(stale, 409, "CONFLICT");
    expectError(await svc.call("DELETE", `/memories/${id}`, { headers: { "If-Match": etag } }), 409, "CONFLICT");
    expect((await svc.memory.get(id)).content).toBe("Dana drinks black coffee");
    const fresh = first.headers.get("etag")!;
    expect((await svc.call("DELETE", `/memories/${id}`, { headers: { "If-Match": fresh } })).status).toBe(200);
  });

  it("deletes for real, keeps the history readable, and 404s a second delete", async () => {
    const { svc, id } = await withOne();
    const res = await svc.call("DELETE", `/memories/${id}`);
    expect(res.json).toEqual({ deleted: 1, id });
    expectError(await svc.call("GET", `/memories/${id}`), 404, "NOT_FOUND");
    expectError(await svc.call("DELETE", `/memories/${id}`), 404, "NOT_FOUND");
    const history = await svc.call("GET", `/memories/${id}/history`);
    expect(history.json.history.map((r: { event: string }) => r.event)).toEqual(["ADD", "DELETE"]);
    expectError(await svc.call("GET", "/memories/6f1c1f3e-0000-4000-8000-000000000000/history"), 404, "NOT_FOUND");
  });
});
