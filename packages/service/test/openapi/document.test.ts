import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { createApp, ROUTES } from "../../src/index.js";
import { silentLogger } from "../../src/logger.js";
import { startTestService } from "../helpers.js";

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
}

/** Every method + path the express app really serves, read from its router (OpenAPI path form). */
function servedRoutes(app: ReturnType<typeof createApp>): string[] {
  const stack = (app as unknown as { router: { stack: Layer[] } }).router.stack;
  return (
    stack
      // A layer answering every method (even ACL) is a path's 405 handler, not a route.
      .filter((l) => l.route && !l.route.methods.acl)
      .flatMap((l) =>
        Object.keys(l.route!.methods)
          .filter((m) => m !== "_all")
          .map((m) => `${m.toUpperCase()} ${l.route!.path.replace(/:(\w+)/g, "{$1}")}`),
      )
      .sort()
  );
}

describe("GET /openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const svc = await startTestService();
    const res = await svc.call("GET", "/openapi.json");
    expect(res.status).toBe(200);
    const validator = new Validator();
    const result = await validator.validate(res.json);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
    const broken = structuredClone(res.json);
    broken.paths["/memories"].post.responses = "none";
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("lists exactly the routes the app serves, each with its responses", async () => {
    const svc = await startTestService();
    const doc = (await svc.call("GET", "/openapi.json")).json as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
    };
    const documented = Object.entries(doc.paths)
      .flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`))
      .sort();
    const served = servedRoutes(createApp({ memory: svc.memory, config: svc.config, logger: silentLogger }));
    expect(documented).toEqual(served);
    expect(served).toEqual(
      [
        "GET /health",
        "POST /memories",
        "GET /memories",
        "DELETE /memories",
        "POST /memories/search",
        "POST /memories/expire",
        "POST /memories/batch/delete",
        "POST /memories/batch/update",
        "GET /memories/{id}",
        "PUT /memories/{id}",
        "DELETE /memories/{id}",
        "GET /memories/{id}/history",
        "GET /stats",
        "GET /usage",
        "GET /insights",
        "GET /config",
        "GET /jobs",
        "GET /jobs/{id}",
        "POST /jobs/{id}/cancel",
        "POST /optimization",
        "POST /optimization/analyze",
        "GET /optimization/history",
        "GET /optimization/statistics",
        "POST /optimization/cleanup",
        "GET /optimization/{job_id}",
        "POST /optimization/{job_id}/cancel",
        "POST /optimization/{job_id}/undo",
        "GET /llm/status",
        "GET /metrics",
        "GET /openapi.json",
      ].sort(),
    );
    expect(ROUTES).toHaveLength(served.length);
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect(Object.keys(op.responses), `${method} ${path}`).toContain("500");
        if (path !== "/health") expect(Object.keys(op.responses), `${method} ${path}`).toContain("401");
      }
    }
  });

  it("describes request bodies with the wire schemas that validate them", async () => {
    const svc = await startTestService();
    const doc = (await svc.call("GET", "/openapi.json")).json;
    const add = doc.paths["/memories"].post.requestBody.content["application/json"].schema;
    expect(Object.keys(add.properties)).toEqual(
      expect.arrayContaining([
        "content",
        "messages",
        "user_id",
        "agent_id",
        "run_id",
        "infer",
        "memory_type",
        "metadata",
        "timestamp",
      ]),
    );
    const listParams = doc.paths["/memories"].get.parameters.map((p: { name: string }) => p.name);
    expect(listParams).toEqual(expect.arrayContaining(["user_id", "limit", "cursor", "memory_type", "filters"]));
    expect(doc.paths["/memories/{id}"].get.parameters[0]).toMatchObject({ name: "id", in: "path", required: true });
    expect(doc.paths["/health"].get.security).toEqual([]);
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: "http", scheme: "bearer" });
  });
});
