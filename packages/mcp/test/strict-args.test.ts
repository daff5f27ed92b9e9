import { describe, expect, it } from "vitest";
import { callError, callOk, listTools } from "./helpers/calls.js";
import { connectStdio } from "./helpers/clients.js";
import { openStore, tempHome } from "./helpers/home.js";

type Details = { path: string; message: string }[];
type Hits = { results: { id: string }[] };
type Page = { memories: { id: string }[] };

describe("strict tool arguments (the SDK's real Client over stdio)", () => {
  it("lists every input schema closed, and refuses an unknown argument as a VALIDATION tool error naming it", async () => {
    const home = tempHome();
    const { client } = await connectStdio({ home, args: ["--user-id", "alice"] });
    const tools = await listTools(client);
    for (const tool of tools) expect(tool.inputSchema.additionalProperties, tool.name).toBe(false);

    await callOk(client, "store_memory", { content: "Alice drinks green tea" });
    const store = await openStore(home);
    const before = JSON.stringify((await store.list({ limit: 100 })).memories);

    const typo = await callError(client, "store_memory", { content: "Alice likes jazz", memory_tpye: "personal" });
    expect(typo.code).toBe("VALIDATION");
    expect((typo.details as Details).find((d) => d.path === "memory_tpye")?.message).toMatch(/memory_type/);

    const message = await callError(client, "add_conversation", {
      messages: [{ role: "user", content: "I like jazz", speaker: "Al" }],
    });
    expect(message.code).toBe("VALIDATION");
    expect((message.details as Details).map((d) => d.path)).toContain("messages.0.speaker");

    const query = await callError(client, "query_memory", { query: "tea", limt: 3 });
    expect(query.code).toBe("VALIDATION");
    expect((query.details as Details)[0]).toMatchObject({ path: "limt", message: expect.stringMatching(/limit/) });
    expect((await callError(client, "list_memories", { user: "bob" })).code).toBe("VALIDATION");
    expect((await callError(client, "get_memory", { memory_id: "x", scope: "all" })).code).toBe("VALIDATION");
    const date = await callError(client, "query_memory", { query: "tea", created_after: "soon" });
    expect((date.details as Details).map((d) => d.path)).toEqual(["created_after"]);

    expect(JSON.stringify((await store.list({ limit: 100 })).memories)).toBe(before);
  });

  it("filters query_memory and list_memories by actor_id, and reads mem0's filters and v1's custom", async () => {
    const home = tempHome();
    const store = await openStore(home);
    const [dana] = (await store.add("We should ship on Friday", { userId: "team", actorId: "dana", infer: false }))
      .results;
    await store.add("We should ship on Monday", { userId: "team", actorId: "eli", infer: false });
    const { client } = await connectStdio({ home, args: ["--user-id", "team"] });

    const hits = (await callOk(client, "query_memory", { query: "ship", actor_id: "dana" })) as Hits;
    expect(hits.results.map((r) => r.id)).toEqual([dana!.id]);
    const page = (await callOk(client, "list_memories", { actor_id: "dana" })) as Page;
    expect(page.memories.map((m) => m.id)).toEqual([dana!.id]);
    const nested = (await callOk(client, "query_memory", { query: "ship", filters: { actor_id: "eli" } })) as Hits;
    expect(nested.results.map((r) => r.id)).not.toContain(dana!.id);
    expect(nested.results).toHaveLength(1);

    const stored = (await callOk(client, "store_memory", {
      content: "Team lunch is on Thursday",
      custom: { src: "v1" },
    })) as Hits;
    expect((await store.get(stored.results[0]!.id)).metadata).toEqual({ src: "v1" });
  });
});
