import { describe, expect, it } from "vitest";
import { expectError, startTestService } from "../helpers.js";

describe("actor_id filter through HTTP", () => {
  it("search and list return only what the named actor said, flat, nested or in the query string", async () => {
    const svc = await startTestService();
    for (const [actor_id, content] of [
      ["ana", "Ana likes hiking in the Alps"],
      ["ben", "Ben likes hiking in Norway"],
    ] as const) {
      const res = await svc.call("POST", "/memories", { body: { content, user_id: "fam", actor_id, infer: false } });
      expect(res.status).toBe(200);
    }
    const contents = (r: { json: unknown }, key: "results" | "memories"): string[] =>
      ((r.json as Record<string, { content: string }[]>)[key] ?? []).map((m) => m.content);

    const all = await svc.call("POST", "/memories/search", { body: { query: "hiking", user_id: "fam" } });
    expect(contents(all, "results").sort()).toEqual(["Ana likes hiking in the Alps", "Ben likes hiking in Norway"]);
    const flat = await svc.call("POST", "/memories/search", {
      body: { query: "hiking", user_id: "fam", actor_id: "ana" },
    });
    expect(contents(flat, "results")).toEqual(["Ana likes hiking in the Alps"]);
    const nested = await svc.call("POST", "/memories/search", {
      body: { query: "hiking", user_id: "fam", filters: { actor_id: "ben" } },
    });
    expect(contents(nested, "results")).toEqual(["Ben likes hiking in Norway"]);
    const listed = await svc.call("GET", "/memories?user_id=fam&actor_id=ben");
    expect(contents(listed, "memories")).toEqual(["Ben likes hiking in Norway"]);
    const nobody = await svc.call("GET", "/memories?user_id=fam&actor_id=carl");
    expect(contents(nobody, "memories")).toEqual([]);
    expectError(await svc.call("GET", "/memories?user_id=fam&actor_id="), 400, "VALIDATION");
  });
});
