import { randomUUID } from "node:crypto";
import type { MemoryManager } from "@cortex-mem/core";
import type { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { expect } from "vitest";
import { callError, callOk, listTools } from "./calls.js";

type Json = Record<string, unknown>;
type WireMemory = {
  id: string;
  content: string;
  memory_type: string;
  user_id?: string;
  agent_id?: string;
  topics: string[];
};

/** The eight tool names of the Rust Cortex Memory MCP server, and job_status (async adds). */
export const TOOL_NAMES = [
  "add_conversation",
  "delete_memory",
  "get_memory",
  "job_status",
  "list_memories",
  "memory_history",
  "query_memory",
  "store_memory",
  "update_memory",
];

/** Checks the tool listing: names, required inputs, the Rust input fields and an output schema for each. */
export async function checkListing(client: Client): Promise<void> {
  const tools = await listTools(client);
  expect(tools.map((t) => t.name).sort()).toEqual(TOOL_NAMES);
  const byName = new Map(tools.map((t) => [t.name, t]));
  const props = (name: string) => Object.keys(byName.get(name)!.inputSchema.properties ?? {});
  const required = (name: string) => byName.get(name)!.inputSchema.required ?? [];
  expect(required("store_memory")).toEqual(["content"]);
  expect(props("store_memory")).toEqual(
    expect.arrayContaining(["content", "user_id", "agent_id", "memory_type", "topics", "metadata"]),
  );
  expect(required("add_conversation")).toEqual(["messages"]);
  expect(props("add_conversation")).toEqual(expect.arrayContaining(["messages", "user_id", "agent_id", "run_id"]));
  expect(required("query_memory")).toEqual(["query"]);
  expect(props("query_memory")).toEqual(
    expect.arrayContaining([
      "query",
      "k",
      "limit",
      "memory_type",
      "min_salience",
      "min_importance",
      "topics",
      "user_id",
      "agent_id",
      "created_after",
      "created_before",
    ]),
  );
  expect(props("list_memories")).toEqual(
    expect.arrayContaining([
      "limit",
      "cursor",
      "memory_type",
      "user_id",
      "agent_id",
      "created_after",
      "created_before",
    ]),
  );
  expect(
    (byName.get("list_memories")!.inputSchema.properties as Record<string, { maximum?: number }>).limit?.maximum,
  ).toBe(1000);
  for (const name of ["get_memory", "update_memory", "delete_memory", "memory_history"])
    expect(required(name)).toEqual(["memory_id"]);
  expect(props("update_memory")).toContain("content");
  for (const tool of tools) {
    expect(tool.description!.length).toBeGreaterThan(60);
    expect(tool.outputSchema?.type).toBe("object");
  }
  expect(byName.get("query_memory")!.annotations?.readOnlyHint).toBe(true);
  expect(byName.get("delete_memory")!.annotations?.destructiveHint).toBe(true);
}

/**
 * Calls every tool once or more against a server whose default user is `user`, checking each
 * result's structuredContent (validated by callOk) and the effect in the store.
 */
export async function exerciseAllTools(client: Client, user: string): Promise<void> {
  const stored = (await callOk(client, "store_memory", {
    content: "Alice is allergic to peanuts",
    memory_type: "Personal",
    topics: ["health"],
    metadata: { source: "intake", n: 1 },
  })) as { results: Json[] };
  expect(stored.results).toHaveLength(1);
  expect(stored.results[0]).toMatchObject({
    event: "ADD",
    memory: "Alice is allergic to peanuts",
    memory_type: "personal",
  });
  const id = stored.results[0]!.id as string;
  const again = (await callOk(client, "store_memory", { content: "Alice is allergic to peanuts" })) as {
    results: Json[];
  };
  expect(again.results[0]).toMatchObject({ event: "NONE", id });

  const conversation = (await callOk(client, "add_conversation", {
    messages: [
      {
        role: "user",
        content: "I moved to Berlin last month and I work as a nurse.",
        timestamp: "2024-05-10T10:00:00Z",
      },
      { role: "assistant", content: "Noted, thanks!" },
    ],
    run_id: "session-1",
  })) as { results: Json[] };
  expect(conversation.results.length).toBeGreaterThan(0);
  expect(conversation.results.every((r) => r.event === "ADD")).toBe(true);
  expect(conversation.results.map((r) => r.memory).join(" ")).toMatch(/Berlin/);

  const hits = (await callOk(client, "query_memory", { query: "peanut allergy", k: 5 })) as {
    results: (WireMemory & { score: number })[];
    count: number;
  };
  expect(hits.results[0]?.id).toBe(id);
  expect(hits.count).toBe(hits.results.length);
  const byTopic = (await callOk(client, "query_memory", {
    query: "Berlin nurse peanuts",
    topics: ["health"],
    limit: 10,
  })) as { results: WireMemory[] };
  expect(byTopic.results.map((m) => m.id)).toEqual([id]);
  const procedural = (await callOk(client, "query_memory", { query: "peanut allergy", memory_type: "procedural" })) as {
    count: number;
  };
  expect(procedural.count).toBe(0);
  const important = (await callOk(client, "query_memory", { query: "peanut allergy", min_salience: 0 })) as {
    count: number;
  };
  expect(important.count).toBeGreaterThan(0);
  expect(
    (
      (await callOk(client, "query_memory", { query: "peanut allergy", created_after: "2000-01-01" })) as {
        count: number;
      }
    ).count,
  ).toBeGreaterThan(0);
  expect(
    (
      (await callOk(client, "query_memory", { query: "peanut allergy", created_before: "2000-01-01" })) as {
        count: number;
      }
    ).count,
  ).toBe(0);

  const first = (await callOk(client, "list_memories", { limit: 1 })) as {
    memories: WireMemory[];
    next_cursor: string | null;
    count: number;
  };
  expect(first.count).toBe(1);
  expect(first.next_cursor).not.toBeNull();
  const rest = (await callOk(client, "list_memories", { limit: 1000, cursor: first.next_cursor })) as {
    memories: WireMemory[];
    next_cursor: string | null;
  };
  const all = [...first.memories, ...rest.memories];
  expect(rest.next_cursor).toBeNull();
  expect(new Set(all.map((m) => m.id)).size).toBe(1 + conversation.results.length);
  expect(all.every((m) => m.user_id === user)).toBe(true);

  const got = (await callOk(client, "get_memory", { memory_id: id })) as { memory: WireMemory & { metadata: Json } };
  expect(got.memory).toMatchObject({
    id,
    content: "Alice is allergic to peanuts",
    user_id: user,
    topics: expect.arrayContaining(["health"]),
    metadata: { source: "intake", n: 1 },
  });
  const updated = (await callOk(client, "update_memory", {
    memory_id: id,
    content: "Alice is allergic to peanuts and cashews",
  })) as { memory: WireMemory };
  expect(updated.memory.content).toBe("Alice is allergic to peanuts and cashews");
  expect(((await callOk(client, "get_memory", { memory_id: id })) as { memory: WireMemory }).memory.content).toBe(
    "Alice is allergic to peanuts and cashews",
  );
  const history = (await callOk(client, "memory_history", { memory_id: id })) as { memory_id: string; history: Json[] };
  expect(history.history.map((h) => h.event)).toEqual(["ADD", "UPDATE"]);

  expect(await callOk(client, "delete_memory", { memory_id: id })).toEqual({ deleted: true, memory_id: id });
  expect((await callError(client, "get_memory", { memory_id: id })).code).toBe("NOT_FOUND");
  const after = (await callOk(client, "memory_history", { memory_id: id })) as { history: Json[] };
  expect(after.history.map((h) => h.event)).toEqual(["ADD", "UPDATE", "DELETE"]);
}

/** Bad input of every kind is a tool error with our code, and nothing reaches the store. */
export async function checkBadInput(client: Client, store: MemoryManager): Promise<void> {
  const before = await store.stats();
  const missing = await callError(client, "store_memory", { topics: ["x"] });
  expect(missing.code).toBe("VALIDATION");
  expect(missing.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "content" })]));
  const badType = await callError(client, "store_memory", { content: "Bob likes jazz", memory_type: "gossip" });
  expect(badType.code).toBe("VALIDATION");
  expect(badType.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "memory_type" })]));
  expect((await callError(client, "store_memory", { content: "   " })).code).toBe("VALIDATION");
  expect((await callError(client, "add_conversation", { messages: [] })).code).toBe("VALIDATION");
  expect((await callError(client, "add_conversation", { messages: [{ role: "user" }] })).code).toBe("VALIDATION");
  expect((await callError(client, "query_memory", { query: "" })).code).toBe("VALIDATION");
  expect((await callError(client, "list_memories", { limit: 1001 })).code).toBe("VALIDATION");
  expect((await callError(client, "get_memory", { memory_id: "not-a-uuid" })).code).toBe("VALIDATION");
  for (const name of ["get_memory", "delete_memory", "memory_history"]) {
    expect((await callError(client, name, { memory_id: randomUUID() })).code).toBe("NOT_FOUND");
  }
  expect((await callError(client, "update_memory", { memory_id: randomUUID(), content: "Bob likes jazz" })).code).toBe(
    "NOT_FOUND",
  );
  expect(await store.stats()).toEqual(before);
}
