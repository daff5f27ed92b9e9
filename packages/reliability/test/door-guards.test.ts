import Driver from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LIMITS } from "@cortex-mem/core";
import { runCli } from "../src/cli-run.js";
import { makeHome } from "../src/home.js";
import type { TempHome } from "../src/home.js";
import { send } from "../src/http-json.js";
import { connectMcpProcess } from "../src/mcp-process.js";
import type { McpProcess } from "../src/mcp-process.js";
import { spawnService } from "../src/service-process.js";
import type { ServiceProcess } from "../src/service-process.js";
import { storeDigest } from "../src/store-file.js";

/**
 * Issue 11 items shown at the doors a user meets them (spawned bins, real HTTP, the MCP SDK Client),
 * where the other tests show them only in core or in process: relevance at every door, limits over
 * MCP, and the embedder check at write time for a service opened before `reembed`.
 */

const PEANUTS = "I am allergic to peanuts";
const UNRELATED = "quantum chromodynamics lecture schedule";

/** The coded error of a failed MCP tool call (`{"error": {"code", …}}` in its one text block). */
function toolError(reply: unknown): string | undefined {
  const result = reply as { isError?: boolean; content?: { text: string }[] };
  if (!result.isError) return undefined;
  const text = result.content?.[0]?.text ?? "";
  return (JSON.parse(text) as { error: { code: string } }).error.code;
}

async function cliAdd(home: TempHome, content: string, user: string): Promise<void> {
  const r = await runCli(["add", content, "-u", user, "--no-infer", "--json"], home.env, home.dir);
  expect(r.code, r.stderr).toBe(0);
}

describe("what comes back is relevant, at every door", () => {
  let home: TempHome;
  let service: ServiceProcess;
  let mcp: McpProcess;

  beforeAll(async () => {
    home = makeHome("relevance");
    await cliAdd(home, PEANUTS, "alice");
    await cliAdd(home, "My puppy is called Rex", "alice");
    await cliAdd(home, PEANUTS, "bob");
    service = await spawnService(home.env, home.dir);
    mcp = await connectMcpProcess(home.env, home.dir, ["--user-id", "alice"]);
  }, 60_000);

  afterAll(async () => {
    await mcp?.close();
    await service?.stop();
    home?.remove();
  });

  it("REST: an unrelated query finds nothing; a related one finds the memory first", async () => {
    const search = (query: string) =>
      send(`${service.url}/memories/search`, { method: "POST", body: JSON.stringify({ query, user_id: "alice" }) });
    const none = await search(UNRELATED);
    expect([none.status, (none.json as { results: unknown[] }).results]).toEqual([200, []]);
    const hit = await search("which food allergy, peanuts?");
    expect(hit.status).toBe(200);
    expect((hit.json as { results: { content: string; score: number }[] }).results[0]?.content).toBe(PEANUTS);
  });

  it("REST: identical content of two users scores identically in an unscoped (admin) search", async () => {
    const res = await send(`${service.url}/memories/search`, {
      method: "POST",
      body: JSON.stringify({ query: "allergic to peanuts" }),
    });
    expect(res.status).toBe(200);
    const hits = (res.json as { results: { content: string; user_id: string; score: number }[] }).results.filter(
      (r) => r.content === PEANUTS,
    );
    expect(hits.map((h) => h.user_id).sort()).toEqual(["alice", "bob"]);
    expect(hits[0]?.score).toBeGreaterThan(0);
    expect(hits[0]?.score).toBe(hits[1]?.score);
  });

  it("MCP (spawned, SDK Client): query_memory returns an empty list for an unrelated query", async () => {
    const none = await mcp.client.callTool({ name: "query_memory", arguments: { query: UNRELATED } });
    expect(toolError(none)).toBeUndefined();
    expect(none.structuredContent).toMatchObject({ results: [], count: 0 });
    const hit = await mcp.client.callTool({ name: "query_memory", arguments: { query: "peanuts allergy" } });
    expect((hit.structuredContent as { results: { content: string }[] }).results[0]?.content).toBe(PEANUTS);
  });

  it("CLI (spawned): search --json prints no result for an unrelated query", async () => {
    const none = await runCli(["search", UNRELATED, "-u", "alice", "--json"], home.env, home.dir);
    expect(none.code, none.stderr).toBe(0);
    expect((JSON.parse(none.stdout) as { results: unknown[] }).results).toEqual([]);
    const hit = await runCli(["search", "peanuts allergy", "-u", "alice", "--json"], home.env, home.dir);
    expect((JSON.parse(hit.stdout) as { results: { content: string }[] }).results[0]?.content).toBe(PEANUTS);
  });
});

describe("limits over MCP (spawned server, SDK Client): a coded tool error, nothing written", () => {
  let home: TempHome;
  let mcp: McpProcess;

  beforeAll(async () => {
    home = makeHome("mcp-limits");
    await cliAdd(home, "Carol rows on Sundays", "carol");
    mcp = await connectMcpProcess(home.env, home.dir, ["--user-id", "carol"]);
  }, 60_000);

  afterAll(async () => {
    await mcp?.close();
    home?.remove();
  });

  const deep = (levels: number): Record<string, unknown> => {
    let value: Record<string, unknown> = { leaf: true };
    for (let i = 1; i < levels; i++) value = { next: value };
    return value;
  };

  it.each([
    [
      "metadata nested deeper than LIMITS.metadataDepth",
      "store_memory",
      () => ({
        content: "deep metadata",
        metadata: deep(LIMITS.metadataDepth + 1),
      }),
      "VALIDATION",
    ],
    [
      "more than LIMITS.messagesPerAdd messages",
      "add_conversation",
      () => ({
        messages: Array.from({ length: LIMITS.messagesPerAdd + 1 }, (_, i) => ({ role: "user", content: `fact ${i}` })),
      }),
      "VALIDATION",
    ],
    [
      "more than LIMITS.charactersPerAdd characters in one add",
      "add_conversation",
      () => ({
        messages: Array.from({ length: 5 }, (_, i) => ({ role: "user", content: `${i} ${"w".repeat(30_000)}` })),
      }),
      "PAYLOAD_TOO_LARGE",
    ],
  ] as const)("%s → %s answers %s", async (_name, tool, args, code) => {
    const before = storeDigest(home.dbPath);
    expect(toolError(await mcp.client.callTool({ name: tool, arguments: args() }))).toBe(code);
    expect(storeDigest(home.dbPath)).toBe(before);
  });

  it("the largest allowed of each is stored", async () => {
    const ok = await mcp.client.callTool({
      name: "store_memory",
      arguments: { content: "deep enough", metadata: deep(LIMITS.metadataDepth) },
    });
    expect(toolError(ok)).toBeUndefined();
  });
});

describe("a service opened before `cortex-mem reembed` changed the dimension cannot write (spawned service + CLI)", () => {
  it("answers 500 CONFIG to an add and to a content update, and the store keeps only re-embedded vectors", async () => {
    const home = makeHome("reembed");
    const service = await spawnService(home.env, home.dir);
    try {
      const added = await send(`${service.url}/memories`, {
        method: "POST",
        body: JSON.stringify({ content: "Dan brews cider in October", user_id: "dan", infer: false }),
      });
      expect(added.status).toBe(200);
      const id = (added.json as { results: { id: string }[] }).results[0]?.id as string;
      const reembed = await runCli(
        ["reembed", "--json"],
        { ...home.env, CORTEX_MEM_EMBEDDING_DIMENSIONS: "128" },
        home.dir,
      );
      expect(reembed.code, reembed.stderr).toBe(0);
      const before = storeDigest(home.dbPath);
      const add = await send(`${service.url}/memories`, {
        method: "POST",
        body: JSON.stringify({ content: "Dan also keeps goats", user_id: "dan", infer: false }),
      });
      expect([add.status, (add.json as { error?: { code: string } }).error?.code]).toEqual([500, "CONFIG"]);
      const update = await send(`${service.url}/memories/${id}`, {
        method: "PUT",
        body: JSON.stringify({ content: "Dan brews cider in November" }),
      });
      expect([update.status, (update.json as { error?: { code: string } }).error?.code]).toEqual([500, "CONFIG"]);
      expect(storeDigest(home.dbPath)).toBe(before);
      const db = new Driver(home.dbPath, { readonly: true });
      const sizes = db.prepare("SELECT length(vector) FROM vectors").pluck().all();
      db.close();
      expect(sizes).toEqual([128 * 4]); // one vector, of the new size: none of the old size was written
      const search = await runCli(
        ["search", "cider", "-u", "dan", "--json"],
        {
          ...home.env,
          CORTEX_MEM_EMBEDDING_DIMENSIONS: "128",
        },
        home.dir,
      );
      expect((JSON.parse(search.stdout) as { results: { content: string }[] }).results.map((r) => r.content)).toEqual([
        "Dan brews cider in October",
      ]);
    } finally {
      await service.stop();
      home.remove();
    }
  });
});
