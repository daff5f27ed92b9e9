import { createServer, request } from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import { createApp, silentLogger } from "../../src/index.js";
import { bodyLimitBytes, leanEligible } from "../../src/http/lean-search.js";
import { onCleanup, startTestService } from "../helpers.js";

const ADMIN = "admin-key-0123456789";
const ALICE = "alice-key-0123456789";

interface Raw {
  path?: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: { error?: { code: string; details?: unknown } } & Record<string, unknown>;
}

/** One raw request (the test controls Host, Origin, content type and the body's bytes). */
function send(base: string, r: Raw): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const headers = { "content-type": "application/json", "x-request-id": "req-1", ...r.headers };
    const req = request(`${base}${r.path ?? "/memories/search"}`, { method: "POST", headers }, (res) => {
      let text = "";
      res.on("data", (chunk: Buffer) => (text += chunk.toString()));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, json: JSON.parse(text) }));
    });
    req.on("error", reject);
    req.end(r.body);
  });
}

/** The service (lean path in front) and the same app served by express alone, over one engine. */
async function pair(overrides: Record<string, unknown>): Promise<{ lean: string; express: string }> {
  const svc = await startTestService(overrides);
  const server = createServer(createApp({ memory: svc.memory, config: svc.config, logger: silentLogger }));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onCleanup(() => new Promise<void>((resolve) => server.close(() => resolve())));
  for (const [user, content] of [
    ["alice", "Alice is allergic to peanuts"],
    ["alice", "Alice likes peanut-free chocolate"],
    ["bob", "Bob eats peanuts every day"],
  ] as const)
    await svc.memory.add(content, { userId: user, infer: false });
  return { lean: svc.url, express: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** What both paths must agree on: status, body (error messages of bad JSON aside) and the guard headers. */
function comparable(a: Answer): unknown {
  const details = a.json.error?.details;
  const paths = Array.isArray(details) ? details.map((d: { path: string }) => d.path) : details;
  const json = a.json.error ? { code: a.json.error.code, details: paths } : a.json;
  const h = a.headers;
  const pick = ["content-type", "www-authenticate", "access-control-allow-origin", "vary", "x-request-id"];
  return { status: a.status, json, headers: Object.fromEntries(pick.map((k) => [k, h[k]])) };
}

const search = (body: Record<string, unknown>): string => JSON.stringify(body);

describe("lean POST /memories/search", () => {
  it("answers exactly as the express app does, success and every refusal (no keys: Host/Origin guard, CORS)", async () => {
    const { lean, express } = await pair({
      server: { corsOrigins: ["https://app.example.com"], allowedHosts: ["app.example.com"], bodyLimit: "1kb" },
    });
    const cases: [string, Raw, number][] = [
      ["hit", { body: search({ query: "peanuts", user_id: "alice" }) }, 200],
      ["scope in query", { path: "/memories/search?user_id=bob", body: search({ query: "peanuts" }) }, 200],
      [
        "utf-8 charset and BOM",
        {
          headers: { "content-type": "application/json; charset=UTF-8" },
          body: Buffer.concat([
            Buffer.from([0xef, 0xbb, 0xbf]),
            Buffer.from(search({ query: "peanuts", user_id: "alice" })),
          ]),
        },
        200,
      ],
      [
        "CORS origin",
        { headers: { origin: "https://app.example.com" }, body: search({ query: "peanuts", user_id: "bob" }) },
        200,
      ],
      ["unknown body field", { body: search({ query: "peanuts", user_id: "alice", limt: 3 }) }, 400],
      [
        "unknown query key",
        { path: "/memories/search?usr=alice", body: search({ query: "peanuts", user_id: "alice" }) },
        400,
      ],
      [
        "conflicting scope",
        { path: "/memories/search?user_id=bob", body: search({ query: "peanuts", user_id: "alice" }) },
        400,
      ],
      ["bad JSON", { body: '{"query": "peanuts",' }, 400],
      ["not an object", { body: '"peanuts"' }, 400],
      ["limit 0", { body: search({ query: "peanuts", user_id: "alice", limit: 0 }) }, 400],
      [
        "foreign Host",
        { headers: { host: "evil.example" }, body: search({ query: "peanuts", user_id: "alice" }) },
        403,
      ],
      ["rebinding Host", { headers: { host: "127.evil.example" }, body: search({ query: "x", user_id: "a" }) }, 403],
      [
        "foreign Origin",
        { headers: { origin: "https://evil.example" }, body: search({ query: "x", user_id: "a" }) },
        403,
      ],
      ["text body", { headers: { "content-type": "text/plain" }, body: search({ query: "x", user_id: "a" }) }, 415],
      ["over the limit", { body: search({ query: "peanuts ".repeat(200), user_id: "alice" }) }, 413],
    ];
    for (const [name, r, status] of cases) {
      const [a, b] = [await send(lean, r), await send(express, r)];
      expect({ name, status: a.status }).toEqual({ name, status });
      expect({ name, answer: comparable(a) }).toEqual({ name, answer: comparable(b) });
    }
    const hit = await send(lean, cases[0]?.[1] as Raw);
    expect(hit.json.total).toBe(2);
  });

  it("checks API keys as the express app does: missing, wrong, bound to another user, bound to the caller", async () => {
    const { lean, express } = await pair({ server: { apiKeys: [ADMIN, { key: ALICE, userId: "alice" }] } });
    const body = search({ query: "peanuts" });
    const cases: [string, Raw, number][] = [
      ["no key", { body }, 401],
      ["wrong key", { body, headers: { authorization: "Bearer wrong-key-0123456789" } }, 401],
      [
        "bound key, other user",
        { body: search({ query: "peanuts", user_id: "bob" }), headers: { authorization: `Bearer ${ALICE}` } },
        403,
      ],
      ["bound key", { body, headers: { authorization: `Bearer ${ALICE}` } }, 200],
      [
        "admin key, any Host",
        {
          body: search({ query: "peanuts", user_id: "bob" }),
          headers: { authorization: `Bearer ${ADMIN}`, host: "evil.example" },
        },
        200,
      ],
    ];
    for (const [name, r, status] of cases) {
      const [a, b] = [await send(lean, r), await send(express, r)];
      expect({ name, status: a.status }).toEqual({ name, status });
      expect({ name, answer: comparable(a) }).toEqual({ name, answer: comparable(b) });
    }
    const mine = await send(lean, cases[3]?.[1] as Raw);
    expect((mine.json.results as { user_id: string }[]).map((r) => r.user_id)).toEqual(["alice", "alice"]);
  });

  it("takes only plain JSON bodies of a declared length within the limit; leaves the rest to express", () => {
    const req = (headers: Record<string, string>, url = "/memories/search", method = "POST") => ({
      method,
      url,
      headers: { "content-type": "application/json", "content-length": "20", ...headers },
    });
    expect(leanEligible(req({}), 1024)).toBe(true);
    expect(leanEligible(req({}, "/memories/search?user_id=a"), 1024)).toBe(true);
    expect(leanEligible(req({ "content-type": "application/json;charset=utf-8" }), 1024)).toBe(true);
    expect(leanEligible(req({}, "/memories/search/"), 1024)).toBe(false);
    expect(leanEligible(req({}, "/memories/searchx"), 1024)).toBe(false);
    expect(leanEligible(req({}, "/memories/search", "PUT"), 1024)).toBe(false);
    expect(leanEligible(req({ "content-encoding": "gzip" }), 1024)).toBe(false);
    expect(leanEligible(req({ "transfer-encoding": "chunked" }), 1024)).toBe(false);
    expect(leanEligible(req({ "content-type": "application/json; charset=latin1" }), 1024)).toBe(false);
    expect(leanEligible(req({ "content-type": "text/plain" }), 1024)).toBe(false);
    expect(leanEligible(req({ "content-length": "0" }), 1024)).toBe(false);
    expect(leanEligible(req({ "content-length": "2000" }), 1024)).toBe(false);
    expect([bodyLimitBytes("1mb"), bodyLimitBytes("512KB"), bodyLimitBytes("100"), bodyLimitBytes("lots")]).toEqual([
      1048576,
      524288,
      100,
      null,
    ]);
  });
});
