import { createMemory, loadConfig } from "@cortex-mem/core";
import type { MemoryManager } from "@cortex-mem/core";
import { createMcpServer } from "@cortex-mem/mcp";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { InMemoryTransport } from "@modelcontextprotocol/sdk/inMemory.js";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { errorBodySchema } from "../src/http-json.js";
import { makeHome } from "../src/home.js";
import type { TempHome } from "../src/home.js";
import { storeDigest } from "../src/store-file.js";
import { FTS_SYNTAX, idArb, metadataPairsArb, objectText, queryArb } from "./helpers/arbitraries.js";
import { stableJson } from "./helpers/in-process.js";

const TOOLS = [
  "store_memory",
  "add_conversation",
  "query_memory",
  "list_memories",
  "get_memory",
  "update_memory",
  "delete_memory",
  "memory_history",
] as const;
const ARG_NAMES = [
  "content",
  "messages",
  "query",
  "memory_id",
  "user_id",
  "agent_id",
  "run_id",
  "memory_type",
  "topics",
  "metadata",
  "k",
  "limit",
  "cursor",
  "min_importance",
  "created_after",
  "__proto__",
  "constructor",
];

let home: TempHome;
let memory: MemoryManager;
let client: Client;
const stats = { calls: 0, toolErrors: 0, ok: 0 };

beforeAll(async () => {
  home = makeHome("hostile-mcp");
  memory = await createMemory(loadConfig({ env: { CORTEX_MEM_HOME: home.dir }, file: null }).config);
  await memory.add("Victim keeps the spare key under the mat", { userId: "victim", infer: false });
  const server = createMcpServer({ memory, defaultScope: { userId: "mcp-user" } });
  const [clientSide, serverSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  client = new Client({ name: "reliability-fuzzer", version: "0.0.0" });
  await client.connect(clientSide);
});
afterAll(async () => {
  console.info(`[hostile-mcp] ${JSON.stringify(stats)}`);
  await client.close();
  await memory.close();
  home.remove();
});

/** Calls a tool through the SDK Client; a failure must be a tool error carrying our JSON error, and then nothing changed. */
async function call(name: string, args: unknown) {
  const before = storeDigest(home.dbPath);
  const result = await client.callTool({ name, arguments: args as Record<string, unknown> });
  stats.calls += 1;
  if (result.isError) {
    stats.toolErrors += 1;
    const text = (result.content as { type: string; text: string }[])[0]?.text ?? "";
    expect(errorBodySchema.safeParse(JSON.parse(text)).success, text).toBe(true);
    expect(JSON.parse(text).error.code, text).not.toBe("INTERNAL");
    expect(storeDigest(home.dbPath), `${name} failed but changed the store`).toBe(before);
  } else {
    stats.ok += 1;
    expect(result.structuredContent).toBeTypeOf("object");
  }
  return result;
}

describe("hostile input to the MCP tools (SDK Client): coded tool errors only, and failed calls change nothing", () => {
  it("generated arguments for all eight tools", async () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 3 }), fc.string({ maxLength: 30 }), idArb, queryArb);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...TOOLS),
        fc.dictionary(fc.constantFrom(...ARG_NAMES), value, { maxKeys: 5 }),
        async (tool, args) => {
          await call(tool, args);
        },
      ),
      { numRuns: 800, seed: 11 },
    );
  });

  it("queries with FTS5 syntax succeed, and never reach another user's memories", async () => {
    await fc.assert(
      fc.asyncProperty(queryArb, async (query) => {
        const result = await call("query_memory", { query });
        if (!result.isError)
          expect(
            (result.structuredContent as { results: { user_id: string }[] }).results.every(
              (r) => r.user_id === "mcp-user",
            ),
          ).toBe(true);
        else expect(query.trim()).toBe("");
      }),
      { numRuns: 300, seed: 12 },
    );
    for (const query of FTS_SYNTAX.filter((q) => q.trim()))
      expect((await call("query_memory", { query })).isError).toBeFalsy();
  });

  it("ids with path tricks are a VALIDATION or NOT_FOUND tool error", async () => {
    await fc.assert(
      fc.asyncProperty(
        idArb.map(decodeURIComponentSafe),
        fc.constantFrom("get_memory", "update_memory", "delete_memory", "memory_history"),
        async (id, tool) => {
          const result = await call(tool, {
            memory_id: id,
            ...(tool === "update_memory" ? { content: "overwritten" } : {}),
          });
          expect(result.isError).toBe(true);
        },
      ),
      { numRuns: 200, seed: 13 },
    );
  });

  it("metadata with __proto__ / constructor keys is stored exactly and comes back in the structured result", async () => {
    await fc.assert(
      fc.asyncProperty(metadataPairsArb, async (pairs) => {
        const metadata = JSON.parse(objectText(pairs)) as Record<string, unknown>;
        const stored = await call("store_memory", { content: `mcp meta ${Math.random()}`, metadata });
        const id = (stored.structuredContent as { results: { id: string }[] }).results[0]!.id;
        const got = await call("get_memory", { memory_id: id });
        expect(stableJson((got.structuredContent as { memory: { metadata: unknown } }).memory.metadata)).toBe(
          stableJson(metadata),
        );
      }),
      { numRuns: 80, seed: 14 },
    );
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it("over-long content is a VALIDATION tool error; an unknown tool is a protocol error; both change nothing", async () => {
    const result = await call("store_memory", { content: "z".repeat(memory.settings.maxContentLength + 1) });
    expect(JSON.parse((result.content as { text: string }[])[0]!.text).error.code).toBe("VALIDATION");
    const before = storeDigest(home.dbPath);
    await expect(client.callTool({ name: "drop_table_memories", arguments: {} })).rejects.toMatchObject({
      code: -32602,
    });
    expect(storeDigest(home.dbPath)).toBe(before);
  });
});

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
