import { createMemory } from "@cortex-mem/core";
import { describe, expect, it } from "vitest";
import { expireResponse, historyResponse, pageResponse, wireMemoryResponse } from "../../src/openapi/wire-responses.js";
import { expectError, expectShape, startTestService, testConfig } from "../helpers.js";
import type { TestService } from "../helpers.js";

const T0 = new Date("2026-01-01T00:00:00.000Z");
const HOUR = 3_600_000;
const ADMIN = "admin-key-1234567890";
const ALICE = "alice-key-1234567890";

/** The real service over a real SQLite file, with a clock the test moves. */
async function clockedService(
  overrides: Record<string, unknown> = {},
): Promise<TestService & { at: (h: number) => void }> {
  let now = T0;
  const memory = await createMemory(testConfig(overrides), { now: () => now });
  const svc = await startTestService(overrides, { memory });
  return Object.assign(svc, { at: (h: number) => (now = new Date(T0.getTime() + h * HOUR)) });
}

const add = (svc: TestService, body: Record<string, unknown>, key?: string) =>
  svc.call("POST", "/memories", { body: { user_id: "alice", infer: false, ...body }, ...(key ? { key } : {}) });

describe("expires_at and ttl through REST", () => {
  it("POST /memories with ttl: expires_at on the wire; once passed, GET is 404, list and search leave it out, include_expired brings it back", async () => {
    const svc = await clockedService();
    const res = await add(svc, { content: "Alice is in Paris this week", ttl: "12h" });
    expect(res.status).toBe(200);
    const id = res.json.results[0].id as string;
    await add(svc, { content: "Alice lives in Lyon" });
    const got = await svc.call("GET", `/memories/${id}`);
    expect(expectShape(wireMemoryResponse, got.json).expires_at).toBe("2026-01-01T12:00:00.000Z");
    const page = expectShape(pageResponse, (await svc.call("GET", "/memories?user_id=alice")).json);
    expect(page.memories.map((m) => m.expires_at)).toEqual([null, "2026-01-01T12:00:00.000Z"]);

    svc.at(12);
    const gone = await svc.call("GET", `/memories/${id}`);
    expectError(gone, 404, "NOT_FOUND");
    expect(gone.json.error.details).toMatchObject({ expires_at: "2026-01-01T12:00:00.000Z" });
    expect((await svc.call("GET", `/memories/${id}?include_expired=true`)).status).toBe(200);
    expect((await svc.call("GET", "/memories?user_id=alice")).json.count).toBe(1);
    expect((await svc.call("GET", "/memories?user_id=alice&include_expired=true")).json.count).toBe(2);
    const search = (body: Record<string, unknown>) =>
      svc.call("POST", "/memories/search", { body: { query: "Paris", user_id: "alice", ...body } });
    expect((await search({})).json.results).toEqual([]);
    expect((await search({ include_expired: true })).json.results[0].id).toBe(id);
    expect((await search({ filters: { include_expired: true } })).json.results[0].id).toBe(id);
    expectError(await search({ include_expired: "yes" }), 400, "VALIDATION");
  });

  it("refuses both fields, a bad ttl or expires_at, a past date: 400 VALIDATION naming the field, nothing written", async () => {
    const svc = await clockedService();
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ttl: "1d", expires_at: "2026-02-01T00:00:00Z" }, ["expires_at", "ttl"]],
      [{ ttl: "7 days" }, ["ttl"]],
      [{ ttl: 0 }, ["ttl"]],
      [{ ttl: 1.5 }, ["ttl"]],
      [{ expires_at: "tomorrow" }, ["expires_at"]],
      [{ expires_at: "2026-05-01T10:00:00" }, ["expires_at"]],
      [{ expires_at: 1_800_000_000_000 }, ["expires_at"]],
      [{ expires_at: "2025-12-31T00:00:00Z" }, ["expires_at"]],
    ];
    for (const [extra, paths] of cases) {
      const res = await add(svc, { content: "Alice is in Paris", ...extra });
      expectError(res, 400, "VALIDATION");
      expect((res.json.error.details as { path: string }[]).map((d) => d.path)).toEqual(paths);
    }
    const queued = await add(svc, { content: "Alice is in Paris", ttl: "soon", async: true });
    expectError(queued, 400, "VALIDATION");
    expect(await svc.memory.count()).toBe(0);
    expect((await svc.memory.listJobs()).jobs).toHaveLength(0);
  });

  it("PUT /memories/{id} sets, clears and revives an expiry; a bad one changes nothing", async () => {
    const svc = await clockedService();
    const id = (await add(svc, { content: "Alice is on call this weekend" })).json.results[0].id as string;
    const put = (body: Record<string, unknown>) => svc.call("PUT", `/memories/${id}`, { body });
    expect((await put({ ttl: 7200 })).json.expires_at).toBe("2026-01-01T02:00:00.000Z");
    const bad = await put({ ttl: "1h", expires_at: null });
    expectError(bad, 400, "VALIDATION");
    svc.at(3);
    expectError(await svc.call("GET", `/memories/${id}`), 404, "NOT_FOUND");
    expect((await put({ expires_at: "2026-01-05" })).json.expires_at).toBe("2026-01-05T00:00:00.000Z");
    expect((await put({ expires_at: null })).json.expires_at).toBeNull();
    expect((await svc.call("GET", `/memories/${id}`)).json.expires_at).toBeNull();
  });

  it("POST /memories/expire: dry_run counts, then deletes with an EXPIRE history row; a bound key cleans only its user", async () => {
    const svc = await clockedService({ server: { apiKeys: [ADMIN, { key: ALICE, userId: "alice" }] } });
    const a = (await add(svc, { content: "Alice is in Paris", ttl: "1h" }, ADMIN)).json.results[0].id as string;
    await add(svc, { content: "Alice lives in Lyon" }, ADMIN);
    await add(svc, { content: "Bob is in Rome", ttl: "1h", user_id: "bob" }, ADMIN);
    svc.at(2);
    const dry = await svc.call("POST", "/memories/expire", { body: { dry_run: true }, key: ALICE });
    expect(expectShape(expireResponse, dry.json)).toEqual({ expired: 1, dry_run: true, ids: [a] });
    expect(await svc.memory.count()).toBe(3);
    expectError(await svc.call("POST", "/memories/expire", { body: { user_id: "bob" }, key: ALICE }), 403, "FORBIDDEN");
    expectError(await svc.call("POST", "/memories/expire", { body: { dryRun: "x" }, key: ADMIN }), 400, "VALIDATION");
    expect(await svc.memory.count()).toBe(3);
    const done = await svc.call("POST", "/memories/expire", { key: ALICE });
    expect(done.json).toEqual({ expired: 1, dry_run: false, ids: [a] });
    const history = expectShape(
      historyResponse,
      (await svc.call("GET", `/memories/${a}/history`, { key: ALICE })).json,
    );
    expect(history.history.map((h) => h.event)).toEqual(["ADD", "EXPIRE"]);
    expect(await svc.memory.count()).toBe(2);
    expect((await svc.call("POST", "/memories/expire", { body: {}, key: ADMIN })).json.expired).toBe(1); // bob's
  });

  it("the OpenAPI document describes the fields and the route", async () => {
    const svc = await clockedService();
    const doc = (await svc.call("GET", "/openapi.json")).json;
    expect(Object.keys(doc.paths["/memories/expire"])).toEqual(["post"]);
    const addBody = doc.paths["/memories"].post.requestBody.content["application/json"].schema;
    expect(JSON.stringify(addBody)).toContain('"ttl"');
    expect(JSON.stringify(addBody)).toContain('"expires_at"');
    const params = doc.paths["/memories/{id}"].get.parameters.map((p: { name: string }) => p.name);
    expect(params).toContain("include_expired");
  });
});
