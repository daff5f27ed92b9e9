import { wireInsightsSchema } from "@cortex-mem/core/wire";
import { describe, expect, it } from "vitest";
import { expectError, expectShape, startTestService } from "../helpers.js";

const ADMIN = "admin-key-0123456789";
const ALICE = "alice-key-0123456789";
const keys = { server: { apiKeys: [ADMIN, { key: ALICE, userId: "alice" }] } };

describe("GET /insights", () => {
  it("aggregates everything for an unbound key, in the documented shape", async () => {
    const svc = await startTestService(keys);
    await svc.memory.add("Alice is allergic to peanuts", { userId: "alice", agentId: "chat", infer: false });
    await svc.memory.add("Bob plays the cello", { userId: "bob", infer: false });
    const res = await svc.call("GET", "/insights?days=7&recent=5", { key: ADMIN });
    expect(res.status).toBe(200);
    const body = expectShape(wireInsightsSchema, res.json);
    expect(body.scope).toEqual({});
    expect(body.total).toBe(2);
    expect(body.users.map((u) => [u.id, u.memories])).toEqual([
      ["alice", 1],
      ["bob", 1],
    ]);
    expect(body.agents.map((a) => a.id)).toEqual(["chat"]);
    expect(body.growth).toHaveLength(7);
    expect(body.growth[6]?.created).toBe(2);
    expect(body.recent.map((h) => h.event)).toEqual(["ADD", "ADD"]);
    expect(body.store_size_bytes).toBeGreaterThan(0);
  });

  it("limits a bound key to its user and refuses another user_id", async () => {
    const svc = await startTestService(keys);
    await svc.memory.add("Alice is allergic to peanuts", { userId: "alice", infer: false });
    await svc.memory.add("Bob plays the cello", { userId: "bob", infer: false });
    const res = await svc.call("GET", "/insights", { key: ALICE });
    expect(res.json.scope).toEqual({ user_id: "alice" });
    expect(res.json.total).toBe(1);
    expect(res.json.users.map((u: { id: string }) => u.id)).toEqual(["alice"]);
    expect(JSON.stringify(res.json.recent)).not.toContain("cello");
    expectError(await svc.call("GET", "/insights?user_id=bob", { key: ALICE }), 403, "FORBIDDEN");
  });

  it("rejects unknown parameters and out-of-range numbers", async () => {
    const svc = await startTestService(keys);
    expectError(await svc.call("GET", "/insights?dayz=3", { key: ADMIN }), 400, "VALIDATION");
    expectError(await svc.call("GET", "/insights?days=0", { key: ADMIN }), 400, "VALIDATION");
    expectError(await svc.call("GET", "/insights?recent=-1", { key: ADMIN }), 400, "VALIDATION");
    expectError(await svc.call("GET", "/insights"), 401, "UNAUTHORIZED");
  });
});

describe("GET /config", () => {
  it("lists every setting with its source, secrets masked; a bound key may not read it", async () => {
    const svc = await startTestService(keys);
    const res = await svc.call("GET", "/config", { key: ADMIN });
    expect(res.status).toBe(200);
    const byKey = new Map(
      (res.json.settings as { key: string; value: unknown; secret: boolean }[]).map((s) => [s.key, s]),
    );
    expect(byKey.get("server.api_keys")).toMatchObject({ secret: true, env: "CORTEX_MEM_API_KEYS" });
    expect(JSON.stringify(res.json)).not.toContain(ADMIN);
    expect(JSON.stringify(res.json)).not.toContain(ALICE);
    expect(byKey.get("llm.provider")).toMatchObject({ value: "none" });
    expectError(await svc.call("GET", "/config", { key: ALICE }), 403, "FORBIDDEN");
  });
});
