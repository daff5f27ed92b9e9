import { describe, expect, it } from "vitest";
import { callError, callOk } from "./helpers/calls.js";
import { connectStdio } from "./helpers/clients.js";
import { openStore, tempHome } from "./helpers/home.js";
import { checkBadInput, checkListing, exerciseAllTools } from "./helpers/scenario.js";

describe("cortex-mem-mcp over stdio (spawned dist/bin.js, SDK Client)", () => {
  it("lists the tools with their input and output schemas, and instructions for the model", async () => {
    const { client } = await connectStdio({ home: tempHome(), args: ["--user-id", "alice"] });
    await checkListing(client);
    expect(client.getServerVersion()?.name).toBe("cortex-mem");
    const instructions = client.getInstructions() ?? "";
    expect(instructions).toMatch(/query_memory/);
    expect(instructions).toMatch(/user_id=alice/);
  });

  it("serves every tool with structuredContent matching each output schema", async () => {
    const { client } = await connectStdio({ home: tempHome(), args: ["--user-id", "alice"] });
    await exerciseAllTools(client, "alice");
  });

  it("answers bad input with isError results carrying our error code, and writes nothing", async () => {
    const home = tempHome();
    const { client } = await connectStdio({ home, args: ["--user-id", "alice"] });
    await callOk(client, "store_memory", { content: "Alice keeps bees" });
    await checkBadInput(client, await openStore(home));
  });

  it("exposes memory://{user_id}/recent with the user's newest memories", async () => {
    const { client } = await connectStdio({ home: tempHome(), args: ["--user-id", "alice"] });
    await callOk(client, "store_memory", { content: "Alice keeps bees" });
    await callOk(client, "store_memory", { content: "Bob plays chess", user_id: "bob" });
    const { resourceTemplates } = await client.listResourceTemplates();
    expect(resourceTemplates.map((t) => t.uriTemplate)).toContain("memory://{user_id}/recent");
    const { resources } = await client.listResources();
    expect(resources.map((r) => r.uri)).toEqual(["memory://alice/recent"]);
    const read = await client.readResource({ uri: "memory://alice/recent" });
    const page = JSON.parse((read.contents[0] as { text: string }).text) as { memories: { content: string }[] };
    expect(page.memories.map((m) => m.content)).toEqual(["Alice keeps bees"]);
    const bob = await client.readResource({ uri: "memory://bob/recent" });
    expect((JSON.parse((bob.contents[0] as { text: string }).text) as { count: number }).count).toBe(1);
  });

  it("announces itself on stderr, where every log line goes", async () => {
    const { client, stderr } = await connectStdio({ home: tempHome(), args: ["--user-id", "alice"] });
    await callError(client, "get_memory", { memory_id: "nope" });
    expect(stderr()).toMatch(/cortex-mem-mcp info stdio server ready/);
  });
});
