import { describe, expect, it } from "vitest";
import { batchResponse } from "../../src/routes/batch.js";
import { expectError, expectShape, startTestService } from "../helpers.js";

const MISSING = "6f1c1f3e-0000-4000-8000-000000000000";

async function seeded() {
  const svc = await startTestService();
  const ids: string[] = [];
  for (const content of ["Erin plays chess", "Erin owns a cat", "Erin speaks Dutch"]) {
    ids.push((await svc.memory.add(content, { userId: "erin", infer: false })).results[0]!.id);
  }
  const frank = (await svc.memory.add("Frank plays golf", { userId: "frank", infer: false })).results[0]!.id;
  return { svc, ids, frank };
}

describe("POST /memories/batch/delete", () => {
  it("deletes what it can and reports each failure in its place", async () => {
    const { svc, ids } = await seeded();
    const res = await svc.call("POST", "/memories/batch/delete", {
      body: { ids: [ids[0], MISSING, "not-a-uuid", ids[2]] },
    });
    expect(res.status).toBe(200);
    const body = expectShape(batchResponse, res.json);
    expect(body.results.map((r) => [r.index, r.id, r.status, r.error?.code])).toEqual([
      [0, ids[0], "deleted", undefined],
      [1, MISSING, "error", "NOT_FOUND"],
      [2, "not-a-uuid", "error", "VALIDATION"],
      [3, ids[2], "deleted", undefined],
    ]);
    expect({ succeeded: body.succeeded, failed: body.failed }).toEqual({ succeeded: 2, failed: 2 });
    expect((await svc.memory.stats({ userId: "erin" })).total).toBe(1);
  });

  it("only deletes inside the given scope (flat or nested)", async () => {
    const { svc, ids, frank } = await seeded();
    const res = await svc.call("POST", "/memories/batch/delete", {
      body: { ids: [frank, ids[0]], filters: { user_id: "erin" } },
    });
    expect(res.json.results.map((r: { status: string }) => r.status)).toEqual(["error", "deleted"]);
    expect((await svc.memory.stats({ userId: "frank" })).total).toBe(1);
  });

  it("refuses a malformed envelope with 400 and deletes nothing", async () => {
    const { svc } = await seeded();
    expectError(await svc.call("POST", "/memories/batch/delete", { body: { ids: [] } }), 400, "VALIDATION");
    expectError(await svc.call("POST", "/memories/batch/delete", { body: { id: "x" } }), 400, "VALIDATION");
    expect((await svc.memory.stats()).total).toBe(4);
  });
});

describe("POST /memories/batch/update", () => {
  it("applies good items and reports bad ones (validation, missing) without hiding the others", async () => {
    const { svc, ids } = await seeded();
    const res = await svc.call("POST", "/memories/batch/update", {
      body: {
        updates: [
          { id: ids[0], content: "Erin plays chess every Sunday" },
          { id: ids[1], importance_score: 7 },
          { id: MISSING, content: "ghost" },
          { content: "no id" },
          { id: ids[2], topics: ["languages"], memory_type: "PERSONAL" },
        ],
      },
    });
    expect(res.status).toBe(200);
    const body = expectShape(batchResponse, res.json);
    expect(body.results.map((r) => [r.index, r.status, r.error?.code])).toEqual([
      [0, "updated", undefined],
      [1, "error", "VALIDATION"],
      [2, "error", "NOT_FOUND"],
      [3, "error", "VALIDATION"],
      [4, "updated", undefined],
    ]);
    expect(body.results[1]!.error?.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ path: "importance_score" })]),
    );
    expect(body.results[0]!.memory?.content).toBe("Erin plays chess every Sunday");
    expect(body.results[4]!.memory).toMatchObject({ topics: ["languages"], memory_type: "personal" });
    expect((await svc.memory.get(ids[1]!)).importance).not.toBe(7);
    expect({ succeeded: body.succeeded, failed: body.failed }).toEqual({ succeeded: 2, failed: 3 });
  });

  it("refuses an empty or missing updates list", async () => {
    const { svc } = await seeded();
    expectError(await svc.call("POST", "/memories/batch/update", { body: { updates: [] } }), 400, "VALIDATION");
    expectError(await svc.call("POST", "/memories/batch/update", { body: {} }), 400, "VALIDATION");
  });
});
