import { describe, expect, it } from "vitest";
import { callError, callOk } from "./helpers/calls.js";
import { connectStdio } from "./helpers/clients.js";
import { openStore, tempHome } from "./helpers/home.js";

type Stored = { results: { id: string }[] };

describe("MCP rough edges of the first hour", () => {
  it("store_memory keeps run_id, like the other tools", async () => {
    const home = tempHome();
    const { client } = await connectStdio({ home, args: ["--user-id", "alice"] });
    const { results } = (await callOk(client, "store_memory", {
      content: "Booked the Lisbon hotel",
      run_id: "trip-7",
    })) as Stored;
    const got = (await callOk(client, "get_memory", { memory_id: results[0]!.id })) as { memory: { run_id?: string } };
    expect(got.memory.run_id).toBe("trip-7");
    const listed = (await callOk(client, "list_memories", { run_id: "trip-8" })) as { memories: unknown[] };
    expect(listed.memories).toHaveLength(0);
  });

  it("an unknown tool is -32602 with the prefix said once", async () => {
    const { client } = await connectStdio({ home: tempHome(), args: ["--user-id", "alice"] });
    const error = await client.callTool({ name: "forget_everything", arguments: {} }).then(
      () => undefined,
      (e: unknown) => e as { code?: number; message: string },
    );
    expect(error?.code).toBe(-32602);
    expect(error?.message).toMatch(/^MCP error -32602: Unknown tool forget_everything; call tools\/list/);
    expect(error?.message.match(/MCP error/g)).toHaveLength(1);
  });

  it("without a default user the id tools need a scope, and an id alone never reaches another user's memory", async () => {
    const home = tempHome();
    const owner = await connectStdio({ home, args: ["--user-id", "bob"] });
    const { results } = (await callOk(owner.client, "store_memory", { content: "Bob's safe code is 4711" })) as Stored;
    const id = results[0]!.id;
    const { client } = await connectStdio({ home });
    for (const [name, args] of [
      ["get_memory", { memory_id: id }],
      ["update_memory", { memory_id: id, content: "Bob's safe code is 0000" }],
      ["delete_memory", { memory_id: id }],
      ["memory_history", { memory_id: id }],
    ] as const) {
      const error = await callError(client, name, args);
      expect(error.code, name).toBe("VALIDATION");
      expect(error.details).toEqual([expect.objectContaining({ path: "user_id" })]);
    }
    expect((await callError(client, "get_memory", { memory_id: id, user_id: "eve" })).code).toBe("NOT_FOUND");
    const store = await openStore(home);
    expect((await store.get(id))?.content).toBe("Bob's safe code is 4711");
    expect(
      ((await callOk(client, "get_memory", { memory_id: id, user_id: "bob" })) as { memory: { content: string } })
        .memory.content,
    ).toBe("Bob's safe code is 4711");
  });
});
