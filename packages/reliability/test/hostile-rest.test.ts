import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { contractBreach, send } from "../src/http-json.js";
import { storeDigest } from "../src/store-file.js";
import { FTS_SYNTAX, bodyArb, idArb, metadataPairsArb, objectText, queryArb } from "./helpers/arbitraries.js";
import { startLocalService, stableJson } from "./helpers/in-process.js";
import type { LocalService } from "./helpers/in-process.js";

let svc: LocalService;
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
const stats = { requests: 0, rejected: 0, accepted: 0 };

/** Sends a request and checks the contract: no 5xx, errors are our JSON with the table's status, and a rejected request changed nothing. */
async function hostile(method: string, path: string, body?: string | Uint8Array, headers?: Record<string, string>) {
  const before = storeDigest(svc.home.dbPath);
  const reply = await send(`${svc.url}${path}`, {
    method,
    ...(body !== undefined ? { body } : {}),
    ...(headers ? { headers } : {}),
  });
  stats.requests += 1;
  expect(
    contractBreach(reply),
    `${method} ${path.slice(0, 200)} ${typeof body === "string" ? body.slice(0, 300) : ""}`,
  ).toBeNull();
  const batchAllFailed =
    reply.status === 200 &&
    typeof reply.json === "object" &&
    reply.json !== null &&
    "failed" in reply.json &&
    (reply.json as unknown as { succeeded: number }).succeeded === 0;
  if (reply.status >= 400 || batchAllFailed) {
    stats.rejected += 1;
    expect(storeDigest(svc.home.dbPath), `${method} ${path} was rejected but changed the store`).toBe(before);
  } else stats.accepted += 1;
  return reply;
}

beforeAll(async () => {
  svc = await startLocalService("hostile-rest");
  for (const c of ["Victim likes green tea", "Victim's door code is 4242", "Victim flies to Rome on Friday"])
    await svc.memory.add(c, { userId: "victim", infer: false });
});
afterAll(async () => {
  console.info(`[hostile-rest] ${JSON.stringify(stats)}`);
  await svc.close();
});

describe("hostile input to the REST service: only 4xx with our JSON error, and rejected requests change nothing", () => {
  it("generated bodies to every writing route", async () => {
    const routes = [
      ["POST", "/memories"],
      ["POST", "/memories/search"],
      ["POST", "/memories/batch/delete"],
      ["POST", "/memories/batch/update"],
      ["PUT", "/memories/00000000-0000-4000-8000-000000000000"],
      ["DELETE", "/memories"],
    ] as const;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...routes), bodyArb, async ([method, path], body) => {
        await hostile(method, path, JSON.stringify(body));
      }),
      { numRuns: 600, seed: 1 },
    );
  });

  it("search queries full of FTS5 syntax are searched as words (200), never a query error", async () => {
    await fc.assert(
      fc.asyncProperty(queryArb, fc.constantFrom("victim", "nobody"), async (query, user) => {
        const reply = await hostile("POST", "/memories/search", JSON.stringify({ query, user_id: user, limit: 5 }));
        const blank = query.trim().length === 0;
        expect(reply.status).toBe(blank ? 400 : 200);
      }),
      { numRuns: 500, seed: 2 },
    );
    for (const query of FTS_SYNTAX.filter((q) => q.trim()))
      expect((await hostile("POST", "/memories/search", JSON.stringify({ query, user_id: "victim" }))).status).toBe(
        200,
      );
    const found = await hostile(
      "POST",
      "/memories/search",
      JSON.stringify({ query: 'door" AND code* NEAR(4242', user_id: "victim" }),
    );
    expect((found.json as { results: { content: string }[] }).results[0]?.content).toBe("Victim's door code is 4242");
  });

  it("ids with path tricks reach no other route and no memory", async () => {
    await fc.assert(
      fc.asyncProperty(idArb, fc.constantFrom("GET", "PUT", "DELETE", "GET-history"), async (id, op) => {
        const [method, suffix] = op === "GET-history" ? ["GET", "/history"] : [op, ""];
        const reply = await hostile(
          method,
          `/memories/${id}${suffix}`,
          method === "PUT" ? JSON.stringify({ content: "overwritten by a trick" }) : undefined,
        );
        // 405: the id spelled a known path ("search") with a method it does not take.
        expect([400, 404, 405]).toContain(reply.status);
      }),
      { numRuns: 400, seed: 3 },
    );
  });

  it("generated query strings on list, stats and delete-all", async () => {
    const key = fc.constantFrom(
      "user_id",
      "agent_id",
      "run_id",
      "limit",
      "cursor",
      "filters",
      "memory_type",
      "min_importance",
      "created_after",
      "topics",
      "include_superseded",
      "__proto__",
      "constructor[prototype][x]",
      "user_id[]",
      "filters[__proto__]",
    );
    const value = fc.oneof(
      fc.string({ maxLength: 30 }),
      fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v)),
      fc.constantFrom("1e309", "-1", "NaN", "0", "99999999999", "{", '{"__proto__":{"x":1}}'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("GET /memories", "GET /stats", "DELETE /memories"),
        fc.array(fc.tuple(key, value), { maxLength: 5 }),
        async (route, pairs) => {
          const [method, path] = route.split(" ") as [string, string];
          const qs = pairs
            .filter(([k, v]) => !(method === "DELETE" && k === "user_id" && v === "victim"))
            .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
            .join("&");
          await hostile(method, `${path}?${qs}`);
        },
      ),
      { numRuns: 400, seed: 4 },
    );
  });

  it("metadata with __proto__ / constructor keys comes back exactly and pollutes no prototype", async () => {
    await fc.assert(
      fc.asyncProperty(metadataPairsArb, fc.boolean(), async (pairs, viaUpdate) => {
        const meta = objectText(pairs);
        const content = `meta probe ${Math.random()}`;
        let id: string;
        if (viaUpdate) {
          const added = await hostile("POST", "/memories", JSON.stringify({ content, user_id: "meta", infer: false }));
          id = (added.json as { results: { id: string }[] }).results[0]!.id;
          expect((await hostile("PUT", `/memories/${id}`, `{"metadata":${meta}}`)).status).toBe(200);
        } else {
          const added = await hostile(
            "POST",
            "/memories",
            `{"content":${JSON.stringify(content)},"user_id":"meta","infer":false,"metadata":${meta}}`,
          );
          expect(added.status).toBe(200);
          id = (added.json as { results: { id: string }[] }).results[0]!.id;
        }
        const got = await hostile("GET", `/memories/${id}`);
        expect(stableJson((got.json as { metadata: unknown }).metadata)).toBe(stableJson(JSON.parse(meta)));
        expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
      }),
      { numRuns: 150, seed: 5 },
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("oversized, deep, mis-encoded and mis-typed bodies", async () => {
    const big = JSON.stringify({ content: "x".repeat(10 * 1024 * 1024), user_id: "big" });
    expect((await hostile("POST", "/memories", big)).status).toBe(413);
    expect(
      (await hostile("POST", "/memories/search", JSON.stringify({ query: "y".repeat(10 * 1024 * 1024) }))).status,
    ).toBe(413);
    const deep = `${'{"a":'.repeat(1000)}1${"}".repeat(1000)}`;
    const deepAdd = await hostile(
      "POST",
      "/memories",
      `{"content":"deep metadata","user_id":"deep","infer":false,"metadata":${deep}}`,
    );
    if (deepAdd.status === 200) {
      const got = await hostile("GET", `/memories/${(deepAdd.json as { results: { id: string }[] }).results[0]!.id}`);
      expect(stableJson((got.json as { metadata: unknown }).metadata)).toBe(stableJson(JSON.parse(deep)));
    }
    expect((await hostile("POST", "/memories", `${"[".repeat(1000)}${"]".repeat(1000)}`)).status).toBe(400);
    expect(
      (await hostile("POST", "/memories/search", `{"query":${'{"q":'.repeat(1000)}1${"}".repeat(1000)}}`)).status,
    ).toBe(400);
    const badUtf8 = Buffer.concat([
      Buffer.from('{"content":"bad '),
      Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
      Buffer.from(' bytes","user_id":"utf","infer":false}'),
    ]);
    const utf = await hostile("POST", "/memories", badUtf8);
    expect([200, 400]).toContain(utf.status);
    const surrogate = await hostile(
      "POST",
      "/memories",
      '{"content":"lone \\ud800 surrogate","user_id":"utf","infer":false}',
    );
    expect([200, 400]).toContain(surrogate.status);
    for (const body of [
      "null",
      "[]",
      '"text"',
      "1",
      "{",
      '{"content": "x", "user_id": "u",}',
      '{"__proto__": {"content": "smuggled", "user_id": "victim"}}',
      '{"constructor": {"prototype": {"content": "x"}}}',
    ]) {
      expect((await hostile("POST", "/memories", body)).status).toBe(400);
    }
    expect(
      (await hostile("POST", "/memories", '{"content":"typed","user_id":"t"}', { "content-type": "text/plain" }))
        .status,
    ).toBe(415);
  });

  it("content over memory.max_content_length is a VALIDATION error naming the limit; at the limit it is stored", async () => {
    const limit = svc.config.memory.maxContentLength;
    const over = await hostile(
      "POST",
      "/memories",
      JSON.stringify({ content: "a".repeat(limit + 1), user_id: "long", infer: false }),
    );
    expect([over.status, (over.json as { error: { code: string; details: { path: string }[] } }).error.code]).toEqual([
      400,
      "VALIDATION",
    ]);
    expect((over.json as { error: { details: { path: string }[] } }).error.details[0]?.path).toBe("content");
    const at = await hostile(
      "POST",
      "/memories",
      JSON.stringify({ content: "a".repeat(limit), user_id: "long", infer: false }),
    );
    expect(at.status).toBe(200);
    const update = await hostile(
      "PUT",
      `/memories/${(at.json as { results: { id: string }[] }).results[0]!.id}`,
      JSON.stringify({ content: "b".repeat(limit + 1) }),
    );
    expect(update.status).toBe(400);
  });

  it("still answers after all of it", async () => {
    expect((await send(`${svc.url}/health`)).status).toBe(200);
    expect(stats.rejected).toBeGreaterThan(800);
  });
});
