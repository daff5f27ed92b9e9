import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { ROUTES } from "../../src/index.js";
import type { CallResult, TestService } from "../helpers.js";
import { startTestService } from "../helpers.js";

type Json = Record<string, unknown>;
interface Operation {
  parameters: { name: string; in: string }[];
  responses: Record<string, { headers?: Record<string, unknown>; content?: Record<string, { schema: Json }> }>;
}
interface Doc {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: { Error: Json } };
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
(addFormats as unknown as (a: Ajv2020) => void)(ajv);

/** Checks a real answer against what the document says this operation answers with this status. */
function conforms(doc: Doc, method: string, path: string, res: CallResult): void {
  const where = `${method.toUpperCase()} ${path} → ${res.status}`;
  const documented = doc.paths[path]?.[method]?.responses[String(res.status)];
  expect(documented, `${where} is not a documented status`).toBeDefined();
  const [type, media] = Object.entries(documented?.content ?? {})[0] ?? [];
  expect(res.headers.get("content-type") ?? "", where).toContain((type ?? "").split(";")[0]);
  for (const header of Object.keys(documented?.headers ?? {}))
    expect(res.headers.get(header), `${where} header ${header}`).not.toBeNull();
  if (type !== "application/json" || !media) return;
  const schema = "$ref" in media.schema ? doc.components.schemas.Error : media.schema;
  const validate = ajv.compile(schema);
  expect(validate(res.json) ? [] : validate.errors, where).toEqual([]);
}

/** One real request per route and the error answers a client meets first, each checked against the document. */
async function exercise(svc: TestService, doc: Doc): Promise<Set<string>> {
  const seen = new Set<string>();
  const hit = async (
    method: string,
    path: string,
    url: string,
    init?: Parameters<TestService["call"]>[2],
  ): Promise<CallResult> => {
    const res = await svc.call(method.toUpperCase(), url, init);
    conforms(doc, method, path, res);
    seen.add(`${method} ${path}`);
    return res;
  };
  await hit("get", "/health", "/health");
  const added = await hit("post", "/memories", "/memories", {
    body: { content: "Alice lives in Berlin", user_id: "alice", infer: false, metadata: { source: "doc" } },
  });
  await hit("post", "/memories", "/memories", {
    body: { messages: [{ role: "user", content: "Bob likes jazz" }], user_id: "bob", infer: false },
  });
  const id = added.json.results[0].id as string;
  await hit("get", "/memories", "/memories?user_id=alice");
  await hit("post", "/memories/search", "/memories/search", {
    body: { query: "where does alice live", user_id: "alice" },
  });
  const got = await hit("get", "/memories/{id}", `/memories/${id}`);
  await hit("put", "/memories/{id}", `/memories/${id}`, {
    body: { importance_score: 0.9 },
    headers: { "If-Match": got.headers.get("etag") ?? "" },
  });
  await hit("put", "/memories/{id}", `/memories/${id}`, {
    body: { content: "Alice lives in Munich" },
    headers: { "If-Match": got.headers.get("etag") ?? "" },
  });
  await hit("get", "/memories/{id}/history", `/memories/${id}/history`);
  await hit("post", "/memories/batch/update", "/memories/batch/update", {
    body: {
      updates: [
        { id, topics: ["home"] },
        { id: "nope", topics: ["x"] },
      ],
    },
  });
  const extra = (
    await svc.call("POST", "/memories", { body: { content: "Alice owns a bike", user_id: "alice", infer: false } })
  ).json.results[0].id as string;
  await hit("post", "/memories/batch/delete", "/memories/batch/delete", { body: { ids: [extra] } });
  await hit("post", "/memories/expire", "/memories/expire", { body: { user_id: "alice", dry_run: true } });
  await hit("post", "/memories/expire", "/memories/expire", { body: { dry_run: "yes" } });
  const queued = await hit("post", "/memories", "/memories", {
    body: { content: "Alice plays chess", user_id: "alice", infer: false, async: true },
  });
  expect(queued.status).toBe(202);
  await hit("get", "/jobs", "/jobs");
  await hit("get", "/jobs/{id}", `/jobs/${queued.json.job_id as string}`);
  await hit("post", "/jobs/{id}/cancel", `/jobs/${queued.json.job_id as string}/cancel`);
  await hit("post", "/optimization/analyze", "/optimization/analyze", { body: { user_id: "alice" } });
  const optimization = await hit("post", "/optimization", "/optimization", {
    body: { user_id: "alice", dry_run: true },
  });
  const jobId = String(optimization.json.job_id ?? optimization.json.id);
  await hit("get", "/optimization/history", "/optimization/history");
  await hit("get", "/optimization/statistics", "/optimization/statistics");
  await hit("get", "/optimization/{job_id}", `/optimization/${jobId}`);
  await hit("post", "/optimization/{job_id}/cancel", `/optimization/${jobId}/cancel`);
  await hit("post", "/optimization/{job_id}/undo", `/optimization/${jobId}/undo`);
  await hit("post", "/optimization/cleanup", "/optimization/cleanup", { body: { max_age_days: 30 } });
  await hit("get", "/stats", "/stats");
  await hit("get", "/usage", "/usage?user_id=alice&from=2020-01-01");
  await hit("get", "/usage", "/usage?from=2026-02-30");
  await hit("get", "/insights", "/insights?days=7&recent=5");
  await hit("get", "/config", "/config");
  await hit("get", "/llm/status", "/llm/status");
  await hit("get", "/metrics", "/metrics");
  await hit("get", "/openapi.json", "/openapi.json");
  await hit("get", "/memories/{id}", "/memories/00000000-0000-4000-8000-000000000000");
  await hit("post", "/memories", "/memories", { body: { messages: [{ role: "user" }], user_id: "alice" } });
  await hit("delete", "/memories/{id}", `/memories/${id}`, { headers: { "If-Match": got.headers.get("etag") ?? "" } });
  await hit("delete", "/memories/{id}", `/memories/${id}`);
  await hit("delete", "/memories", "/memories?user_id=bob");
  return seen;
}

describe("the OpenAPI document against real answers", () => {
  it("describes every route's real success and error answers (status, content type, headers, body schema)", async () => {
    const svc = await startTestService();
    const doc = (await svc.call("GET", "/openapi.json")).json as Doc;
    const seen = await exercise(svc, doc);
    expect([...seen].sort()).toEqual(ROUTES.map((r) => `${r.method} ${r.path}`).sort());
  });

  it("declares If-Match on the conditional writes and ETag on the answers that carry it", async () => {
    const svc = await startTestService();
    const doc = (await svc.call("GET", "/openapi.json")).json as Doc;
    for (const method of ["put", "delete"]) {
      expect(doc.paths["/memories/{id}"]?.[method]?.parameters).toContainEqual(
        expect.objectContaining({ name: "If-Match", in: "header" }),
      );
      expect(Object.keys(doc.paths["/memories/{id}"]?.[method]?.responses ?? {})).toContain("409");
    }
    for (const method of ["get", "put"])
      expect(doc.paths["/memories/{id}"]?.[method]?.responses["200"]?.headers).toHaveProperty("ETag");
  });
});

describe("a known path with the wrong method", () => {
  it("answers 405 METHOD_NOT_ALLOWED with Allow naming the methods the path answers", async () => {
    const svc = await startTestService();
    const cases: [string, string, string][] = [
      ["GET", "/memories/search", "POST, OPTIONS"],
      ["PATCH", "/memories", "POST, GET, DELETE, HEAD, OPTIONS"],
      ["POST", "/memories/00000000-0000-4000-8000-000000000000", "GET, PUT, DELETE, HEAD, OPTIONS"],
      ["DELETE", "/stats", "GET, HEAD, OPTIONS"],
      ["GET", "/memories/batch/delete", "POST, OPTIONS"],
    ];
    for (const [method, path, allow] of cases) {
      const res = await svc.call(method, path);
      expect(
        { status: res.status, code: res.json?.error?.code, allow: res.headers.get("allow") },
        `${method} ${path}`,
      ).toEqual({ status: 405, code: "METHOD_NOT_ALLOWED", allow });
    }
    const options = await svc.call("OPTIONS", "/memories/search");
    expect({ status: options.status, allow: options.headers.get("allow") }).toEqual({
      status: 204,
      allow: "POST, OPTIONS",
    });
    expect((await svc.call("GET", "/nowhere")).status).toBe(404);
    expect((await svc.call("GET", "/memories?user_id=x")).status).toBe(200);
    expect((await svc.memory.list({})).memories).toHaveLength(0);
  });
});
