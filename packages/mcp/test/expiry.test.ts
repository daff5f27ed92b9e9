import { createMemory, loadConfig } from "@cortex-mem/core";
import { describe, expect, it } from "vitest";
import { callError, callOk } from "./helpers/calls.js";
import { connectStdio } from "./helpers/clients.js";
import { openStore, tempHome } from "./helpers/home.js";

type Wire = { id: string; content: string; expires_at: string | null };
const HOUR = 3_600_000;

describe("expiry over MCP (stdio, the SDK's Client)", () => {
  it("store_memory and add_conversation take ttl or expires_at; update_memory sets and clears it", async () => {
    const home = tempHome();
    const { client } = await connectStdio({ home, args: ["--user-id", "alice"] });
    const before = Date.now();
    const stored = (await callOk(client, "store_memory", { content: "Alice is in Paris this week", ttl: "7d" })) as {
      results: { id: string }[];
    };
    const id = stored.results[0]!.id;
    const { memory } = (await callOk(client, "get_memory", { memory_id: id })) as { memory: Wire };
    const at = Date.parse(memory.expires_at!);
    expect(at - 7 * 24 * HOUR).toBeGreaterThanOrEqual(before - 1000);
    expect(at - 7 * 24 * HOUR).toBeLessThanOrEqual(Date.now());

    const conv = (await callOk(client, "add_conversation", {
      messages: [{ role: "user", content: "I have a dentist appointment on Friday" }],
      expires_at: "2099-01-01",
    })) as { results: { id: string }[] };
    const fromConv = (await callOk(client, "get_memory", { memory_id: conv.results[0]!.id })) as { memory: Wire };
    expect(fromConv.memory.expires_at).toBe("2099-01-01T00:00:00.000Z");

    const cleared = (await callOk(client, "update_memory", { memory_id: id, expires_at: null })) as { memory: Wire };
    expect(cleared.memory.expires_at).toBeNull();
    const set = (await callOk(client, "update_memory", { memory_id: id, ttl: 3600 })) as { memory: Wire };
    expect(Date.parse(set.memory.expires_at!)).toBeGreaterThan(Date.now() + 0.9 * HOUR);
  });

  it("refuses both fields, a bad ttl, a bad or past expires_at: VALIDATION naming the field, nothing written", async () => {
    const home = tempHome();
    const { client } = await connectStdio({ home, args: ["--user-id", "alice"] });
    const cases: [Record<string, unknown>, string[]][] = [
      [{ ttl: "1d", expires_at: "2099-01-01" }, ["expires_at", "ttl"]],
      [{ ttl: "7 days" }, ["ttl"]],
      [{ ttl: -1 }, ["ttl"]],
      [{ expires_at: "next week" }, ["expires_at"]],
      [{ expires_at: "2001-01-01T00:00:00Z" }, ["expires_at"]],
    ];
    for (const [extra, paths] of cases) {
      for (const tool of ["store_memory", "add_conversation"]) {
        const input =
          tool === "store_memory"
            ? { content: "Alice is in Paris" }
            : { messages: [{ role: "user", content: "Paris" }] };
        const error = await callError(client, tool, { ...input, ...extra });
        expect(error.code).toBe("VALIDATION");
        expect((error.details as { path: string }[]).map((d) => d.path)).toEqual(paths);
      }
    }
    const id = (
      (await callOk(client, "store_memory", { content: "Alice lives in Lyon" })) as { results: { id: string }[] }
    ).results[0]!.id;
    const error = await callError(client, "update_memory", { memory_id: id, ttl: "1h", expires_at: null });
    expect(error.code).toBe("VALIDATION");
    const store = await openStore(home);
    expect(await store.count()).toBe(1);
    expect((await store.get(id)).expiresAt).toBeUndefined();
  });

  it("expired memories are not found by query_memory, list_memories, get_memory unless include_expired", async () => {
    const home = tempHome();
    // Written two hours ago with a one-hour TTL, by a process sharing the file.
    const { config } = loadConfig({ file: null, env: { CORTEX_MEM_HOME: home } });
    const past = await createMemory(config, { now: () => new Date(Date.now() - 2 * HOUR) });
    const expired = (await past.add("Alice is in Paris", { userId: "alice", infer: false, ttl: "1h" })).results[0]!.id;
    await past.add("Alice loves Paris in spring", { userId: "alice", infer: false });
    await past.close();
    const { client } = await connectStdio({ home, args: ["--user-id", "alice"] });

    const ids = (r: Record<string, unknown>, key: string) => (r[key] as Wire[]).map((m) => m.id);
    const query = await callOk(client, "query_memory", { query: "Paris" });
    expect(ids(query, "results")).not.toContain(expired);
    expect(ids(await callOk(client, "query_memory", { query: "Paris", include_expired: true }), "results")).toContain(
      expired,
    );
    expect(ids(await callOk(client, "list_memories", {}), "memories")).not.toContain(expired);
    expect(ids(await callOk(client, "list_memories", { include_expired: true }), "memories")).toContain(expired);
    const missing = await callError(client, "get_memory", { memory_id: expired });
    expect(missing.code).toBe("NOT_FOUND");
    const found = (await callOk(client, "get_memory", { memory_id: expired, include_expired: true })) as {
      memory: Wire;
    };
    expect(found.memory.id).toBe(expired);
    expect((await callError(client, "get_memory", { memory_id: expired, include_expired: "maybe" })).code).toBe(
      "VALIDATION",
    );
  });
});
