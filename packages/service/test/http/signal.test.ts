import { request } from "node:http";
import { describe, expect, it, vi } from "vitest";
import { startTestService } from "../helpers.js";

const BODY = JSON.stringify({ query: "peanuts", user_id: "alice", limit: 5 });

/** The search options the route handed to `MemoryManager.search` for one request. */
async function searchOptions(overrides: Record<string, unknown>): Promise<Record<string, unknown>> {
  const svc = await startTestService(overrides);
  await svc.memory.add("Alice is allergic to peanuts", { userId: "alice", infer: false });
  const spy = vi.spyOn(svc.memory, "search");
  const res = await svc.call("POST", "/memories/search", { body: JSON.parse(BODY) });
  expect(res.status).toBe(200);
  expect(spy).toHaveBeenCalledTimes(1);
  return spy.mock.calls[0]?.[1] as Record<string, unknown>;
}

describe("POST /memories/search: the client-gone signal", () => {
  it("is built only when the search calls a provider (the query is embedded)", async () => {
    const keywordOnly = await searchOptions({ memory: { vectorWeight: 0, keywordWeight: 1 } });
    expect(keywordOnly).not.toHaveProperty("signal");
    expect(keywordOnly).toMatchObject({ userId: "alice", limit: 5 });
    const hybrid = await searchOptions({ memory: { vectorWeight: 0.5, keywordWeight: 0.5 } });
    expect(hybrid.signal).toBeInstanceOf(AbortSignal);
    expect((hybrid.signal as AbortSignal).aborted).toBe(false);
  });

  it("aborts the query's embedding call when the client closes its connection", async () => {
    const svc = await startTestService({ memory: { vectorWeight: 0.5, keywordWeight: 0.5 } });
    await svc.memory.add("Alice is allergic to peanuts", { userId: "alice", infer: false });
    let started!: () => void;
    const embedding = new Promise<void>((resolve) => (started = resolve));
    const aborted = new Promise<unknown>((resolve) => {
      vi.spyOn(svc.memory.embedder, "embed").mockImplementation((_texts, signal) => {
        started();
        return new Promise((_resolve, reject) => {
          signal?.addEventListener("abort", () => {
            resolve(signal.reason);
            reject(signal.reason as Error);
          });
        });
      });
    });
    const req = request(`${svc.url}/memories/search`, {
      method: "POST",
      headers: { "content-type": "application/json" },
    });
    req.on("error", () => undefined);
    req.end(BODY);
    await embedding;
    req.destroy();
    expect(String(await aborted)).toMatch(/client closed the connection/);
  });
});
