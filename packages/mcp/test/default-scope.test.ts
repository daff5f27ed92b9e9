import { describe, expect, it } from "vitest";
import { callError, callOk } from "./helpers/calls.js";
import { connectStdio } from "./helpers/clients.js";
import { openStore, tempHome } from "./helpers/home.js";

type Stored = { results: { id: string }[] };
type Got = { memory: { user_id?: string; agent_id?: string } };

describe("default scope of the spawned server", () => {
  it("applies --user-id and --agent-id to calls that omit them", async () => {
    const { client } = await connectStdio({ home: tempHome(), args: ["--user-id", "alice", "--agent-id", "helper"] });
    const { results } = (await callOk(client, "store_memory", { content: "Alice prefers window seats" })) as Stored;
    const { memory } = (await callOk(client, "get_memory", { memory_id: results[0]!.id })) as Got;
    expect(memory).toMatchObject({ user_id: "alice", agent_id: "helper" });
  });

  it("accepts Rust v1's --agent X: agent X and user user_of_X for calls that omit them", async () => {
    const { client } = await connectStdio({ home: tempHome(), args: ["--agent", "tars"] });
    const { results } = (await callOk(client, "store_memory", { content: "Prefers metric units" })) as Stored;
    const { memory } = (await callOk(client, "get_memory", { memory_id: results[0]!.id })) as Got;
    expect(memory).toMatchObject({ user_id: "user_of_tars", agent_id: "tars" });
  });

  it("reads CORTEX_MEM_USER_ID when no flag is given, and the flag wins over it", async () => {
    const home = tempHome();
    const fromEnv = await connectStdio({ home, env: { CORTEX_MEM_USER_ID: "bob", CORTEX_MEM_AGENT_ID: "coach" } });
    const stored = (await callOk(fromEnv.client, "store_memory", { content: "Bob runs marathons" })) as Stored;
    expect(
      ((await callOk(fromEnv.client, "get_memory", { memory_id: stored.results[0]!.id })) as Got).memory,
    ).toMatchObject({ user_id: "bob", agent_id: "coach" });
    const flagged = await connectStdio({ home, args: ["--user-id", "carol"], env: { CORTEX_MEM_USER_ID: "bob" } });
    const mine = (await callOk(flagged.client, "store_memory", { content: "Carol grows tomatoes" })) as Stored;
    expect(
      ((await callOk(flagged.client, "get_memory", { memory_id: mine.results[0]!.id })) as Got).memory.user_id,
    ).toBe("carol");
  });

  it("keeps a server inside its default user unless a call names another one", async () => {
    const home = tempHome();
    const bob = await connectStdio({ home, args: ["--user-id", "bob"] });
    const { results } = (await callOk(bob.client, "store_memory", {
      content: "Bob's locker code is in the blue notebook",
    })) as Stored;
    const alice = await connectStdio({ home, args: ["--user-id", "alice"] });
    expect(
      ((await callOk(alice.client, "query_memory", { query: "locker code notebook" })) as { count: number }).count,
    ).toBe(0);
    expect((await callError(alice.client, "get_memory", { memory_id: results[0]!.id })).code).toBe("NOT_FOUND");
    expect(
      ((await callOk(alice.client, "get_memory", { memory_id: results[0]!.id, user_id: "bob" })) as Got).memory.user_id,
    ).toBe("bob");
  });

  it("without a default, a call without user_id is a VALIDATION error naming user_id, and nothing is written", async () => {
    const home = tempHome();
    const { client } = await connectStdio({ home });
    expect(client.getInstructions()).toMatch(/pass user_id on every call/);
    const store = await openStore(home);
    for (const [name, args] of [
      ["store_memory", { content: "Somebody likes tea" }],
      ["add_conversation", { messages: [{ role: "user", content: "I like tea" }] }],
      ["query_memory", { query: "tea" }],
      ["list_memories", {}],
    ] as const) {
      const error = await callError(client, name, args);
      expect(error.code).toBe("VALIDATION");
      expect(error.details).toEqual([expect.objectContaining({ path: "user_id" })]);
    }
    expect((await store.stats()).total).toBe(0);
    await callOk(client, "store_memory", { content: "Dana likes tea", user_id: "dana" });
    expect((await store.stats()).byUser).toEqual({ dana: 1 });
  });
});
