import { describe, expect, it } from "vitest";
import { expectError, startTestService } from "../helpers.js";

const ADMIN = "admin-key-0123456789";
const ALICE = "alice-key-0123456789";

async function secured() {
  return startTestService({ server: { apiKeys: [ADMIN, { key: ALICE, userId: "alice", name: "alice-app" }] } });
}

describe("API keys", () => {
  it("needs a key on every route but /health; refuses missing and wrong keys with 401", async () => {
    const svc = await secured();
    expect((await svc.call("GET", "/health")).status).toBe(200);
    for (const [method, path] of [
      ["GET", "/memories"],
      ["GET", "/stats"],
      ["GET", "/metrics"],
      ["GET", "/openapi.json"],
      ["GET", "/llm/status"],
      ["GET", "/health?deep=true"],
    ] as const) {
      const missing = await svc.call(method, path);
      expectError(missing, 401, "UNAUTHORIZED");
      expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
      expectError(await svc.call(method, path, { key: "wrong-key-0123456789" }), 401, "UNAUTHORIZED");
      expect((await svc.call(method, path, { key: ADMIN })).status).toBe(200);
    }
    expectError(
      await svc.call("GET", "/memories", { headers: { Authorization: `Basic ${ADMIN}` } }),
      401,
      "UNAUTHORIZED",
    );
  });

  it("does not read the body of an unauthenticated write", async () => {
    const svc = await secured();
    const res = await svc.call("POST", "/memories", {
      body: { content: "sneaky", user_id: "alice", infer: false },
      key: "nope-0123456789",
    });
    expectError(res, 401, "UNAUTHORIZED");
    expect((await svc.memory.stats()).total).toBe(0);
  });

  it("binds a user's key to that user: writes land in its scope, other users are 403", async () => {
    const svc = await secured();
    const own = await svc.call("POST", "/memories", {
      key: ALICE,
      body: { content: "Alice likes jazz", infer: false },
    });
    expect(own.status).toBe(200);
    expect((await svc.memory.get(own.json.results[0].id)).userId).toBe("alice");
    const other = await svc.call("POST", "/memories", {
      key: ALICE,
      body: { content: "Bob likes rock", user_id: "bob", infer: false },
    });
    expectError(other, 403, "FORBIDDEN");
    const nested = await svc.call("POST", "/memories", {
      key: ALICE,
      body: { content: "Bob likes rock", metadata: { user_id: "bob" }, infer: false },
    });
    expectError(nested, 403, "FORBIDDEN");
    expect((await svc.memory.stats()).total).toBe(1);
  });

  it("limits a bound key's reads, deletes and stats to its user", async () => {
    const svc = await secured();
    await svc.memory.add("Alice likes jazz", { userId: "alice", infer: false });
    const bobs = (await svc.memory.add("Bob likes jazz too", { userId: "bob", infer: false })).results[0]!.id;

    const listed = await svc.call("GET", "/memories", { key: ALICE });
    expect(listed.json.memories.map((m: { user_id: string }) => m.user_id)).toEqual(["alice"]);
    const found = await svc.call("POST", "/memories/search", { key: ALICE, body: { query: "jazz" } });
    expect(found.json.results.map((m: { user_id: string }) => m.user_id)).toEqual(["alice"]);
    expectError(
      await svc.call("POST", "/memories/search", { key: ALICE, body: { query: "jazz", filters: { user_id: "bob" } } }),
      403,
      "FORBIDDEN",
    );
    expectError(await svc.call("GET", `/memories/${bobs}`, { key: ALICE }), 404, "NOT_FOUND");
    expectError(
      await svc.call("PUT", `/memories/${bobs}`, { key: ALICE, body: { content: "hacked" } }),
      404,
      "NOT_FOUND",
    );
    expectError(await svc.call("DELETE", `/memories/${bobs}`, { key: ALICE }), 404, "NOT_FOUND");
    expectError(await svc.call("GET", `/memories/${bobs}/history`, { key: ALICE }), 404, "NOT_FOUND");
    expectError(await svc.call("DELETE", "/memories?user_id=bob", { key: ALICE }), 403, "FORBIDDEN");
    const batch = await svc.call("POST", "/memories/batch/delete", { key: ALICE, body: { ids: [bobs] } });
    expect(batch.json.results[0].error.code).toBe("NOT_FOUND");
    expect((await svc.call("GET", "/stats", { key: ALICE })).json.total).toBe(1);
    expectError(await svc.call("GET", "/stats?user_id=bob", { key: ALICE }), 403, "FORBIDDEN");
    expect((await svc.memory.get(bobs)).content).toBe("Bob likes jazz too");

    const wiped = await svc.call("DELETE", "/memories", { key: ALICE });
    expect(wiped.json).toEqual({ deleted: 1 });
    expect((await svc.memory.stats()).total).toBe(1);
    expect((await svc.call("GET", `/memories/${bobs}`, { key: ADMIN })).status).toBe(200);
  });

  it("logs the key's name, never the key", async () => {
    const svc = await secured();
    await svc.call("GET", "/stats", { key: ALICE });
    const line = svc.logs.find((l) => l.msg === "request" && l.route === "/stats");
    expect(line).toMatchObject({ key: "alice-app", status: 200 });
    expect(JSON.stringify(svc.logs)).not.toContain(ALICE);
  });
});
