import { randomUUID } from "node:crypto";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli-run.js";
import type { CliResult } from "../src/cli-run.js";
import { openHome } from "../src/crash-verify.js";
import { makeHome } from "../src/home.js";
import type { TempHome } from "../src/home.js";
import { send } from "../src/http-json.js";
import { connectMcpProcess } from "../src/mcp-process.js";
import type { McpProcess } from "../src/mcp-process.js";
import { spawnService } from "../src/service-process.js";
import type { ServiceProcess } from "../src/service-process.js";
import { checkDbFile } from "../src/store-file.js";

const PER_DOOR = 48;
const CLI_ADDS = 12;
const IMPORTED = 2000;
const LOCKED = /SQLITE_BUSY|database is locked|"code":"STORE"|stayed busy/i;

/** Runs `tasks` with at most `width` at a time. */
async function pool<T>(width: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const out: T[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: width }, async () => {
      while (next < tasks.length) {
        const i = next++;
        out[i] = await (tasks[i] as () => Promise<T>)();
      }
    }),
  );
  return out;
}

let home: TempHome;
let service: ServiceProcess;
let mcp: McpProcess;
const cliRuns: CliResult[] = [];
const written = new Map<string, { door: string; content: string; deleted: boolean }>();

beforeAll(async () => {
  home = makeHome("concurrency");
  await runCli(["stats"], home.env, home.dir); // creates the store once, so the doors start on the same file
  service = await spawnService(home.env, home.dir);
  mcp = await connectMcpProcess(home.env, home.dir, ["--user-id", "mcp"]);
});
afterAll(async () => {
  await mcp?.close();
  await service?.stop();
  home?.remove();
});

const token = (door: string, i: number) => `${door}tok${i}z${randomUUID().slice(0, 8)}`;

async function viaService(i: number): Promise<void> {
  const content = `Service fact ${i} carries ${token("svc", i)}`;
  const r = await send(`${service.url}/memories`, {
    method: "POST",
    body: JSON.stringify({ content, user_id: "svc", infer: false }),
  });
  expect(r.status, r.text).toBe(200);
  const id = (r.json as { results: { id: string }[] }).results[0]!.id;
  written.set(id, { door: "service", content, deleted: false });
  if (i % 5 === 0) {
    expect((await send(`${service.url}/memories/${id}`, { method: "DELETE" })).status).toBe(200);
    written.get(id)!.deleted = true;
  }
}

async function viaMcp(i: number): Promise<void> {
  const content = `MCP fact ${i} carries ${token("mcp", i)}`;
  const r = await mcp.client.callTool({ name: "store_memory", arguments: { content } });
  expect(r.isError, JSON.stringify(r.content)).toBeFalsy();
  const id = (r.structuredContent as { results: { id: string }[] }).results[0]!.id;
  written.set(id, { door: "mcp", content, deleted: false });
  if (i % 5 === 0) {
    expect((await mcp.client.callTool({ name: "delete_memory", arguments: { memory_id: id } })).isError).toBeFalsy();
    written.get(id)!.deleted = true;
  }
}

async function viaCli(i: number): Promise<void> {
  const content = `CLI fact ${i} carries ${token("cli", i)}`;
  const r = await runCli(["add", content, "-u", "cli", "--no-infer", "--json"], home.env, home.dir);
  cliRuns.push(r);
  expect(r.code, r.stderr).toBe(0);
  const id = (JSON.parse(r.stdout) as { results: { id: string }[] }).results[0]!.id;
  written.set(id, { door: "cli", content, deleted: false });
  if (i % 4 === 0) {
    const d = await runCli(["delete", id, "--yes", "--json"], home.env, home.dir);
    cliRuns.push(d);
    expect(d.code, d.stderr).toBe(0);
    written.get(id)!.deleted = true;
  }
}

/** A long write: one CLI import of many memories while the other doors keep writing. */
async function bulkImport(): Promise<void> {
  const now = new Date().toISOString();
  const lines = [JSON.stringify({ type: "header", format: "cortex-mem-export", version: 1, embedder: "none" })];
  for (let i = 0; i < IMPORTED; i++) {
    const memory = {
      id: randomUUID(),
      content: `Imported note ${i} about ${token("bulk", i)}`,
      memory_type: "factual",
      user_id: "bulk",
      importance_score: 0.5,
      entities: [],
      topics: [],
      metadata: {},
      created_at: now,
      updated_at: now,
      observed_at: now,
      source: [],
    };
    lines.push(JSON.stringify({ type: "memory", vector: null, history: [], memory }));
  }
  const file = join(home.dir, "bulk.jsonl");
  writeFileSync(file, `${lines.join("\n")}\n`);
  const r = await runCli(["import", file], home.env, home.dir);
  cliRuns.push(r);
  expect(r.code, r.stderr).toBe(0);
}

describe("concurrency: CLI, service and MCP server (three kinds of process) write and delete on one home at once", () => {
  it("keeps every write, shows no lock error to anyone, and each door sees the others' writes", async () => {
    await Promise.all([
      pool(
        4,
        Array.from({ length: PER_DOOR }, (_, i) => () => viaService(i)),
      ),
      pool(
        4,
        Array.from({ length: PER_DOOR }, (_, i) => () => viaMcp(i)),
      ),
      pool(
        3,
        Array.from({ length: CLI_ADDS }, (_, i) => () => viaCli(i)),
      ),
      bulkImport(),
    ]);
    const file = checkDbFile(home.dbPath);
    expect(file.integrity).toBe("ok");
    const live = [...written.values()].filter((w) => !w.deleted).length;
    expect(file.memories).toBe(live + IMPORTED);

    const memory = await openHome(home.dir);
    try {
      for (const [id, w] of written) {
        const history = (await memory.history(id)).map((h) => h.event);
        expect(history, `${w.door} ${id}`).toEqual(w.deleted ? ["ADD", "DELETE"] : ["ADD"]);
        if (!w.deleted) expect((await memory.get(id)).content).toBe(w.content);
      }
      expect((await memory.stats({ userId: "bulk" })).total).toBe(IMPORTED);
    } finally {
      await memory.close();
    }

    const pickLive = (door: string) => [...written.values()].find((w) => w.door === door && !w.deleted)!;
    const tokenOf = (w: { content: string }) => w.content.split(" ").pop() as string;
    const users: Record<string, string> = { service: "svc", mcp: "mcp", cli: "cli" };
    for (const door of ["cli", "mcp"]) {
      const w = pickLive(door);
      const r = await send(`${service.url}/memories/search`, {
        method: "POST",
        body: JSON.stringify({ query: tokenOf(w), user_id: users[door] }),
      });
      expect((r.json as { results: { content: string }[] }).results[0]?.content, `service sees ${door}`).toBe(
        w.content,
      );
    }
    for (const door of ["service", "cli"]) {
      const w = pickLive(door);
      const r = await mcp.client.callTool({
        name: "query_memory",
        arguments: { query: tokenOf(w), user_id: users[door] },
      });
      expect((r.structuredContent as { results: { content: string }[] }).results[0]?.content, `mcp sees ${door}`).toBe(
        w.content,
      );
    }
    for (const door of ["service", "mcp"]) {
      const w = pickLive(door);
      const r = await runCli(["search", tokenOf(w), "-u", users[door] as string, "--json"], home.env, home.dir);
      cliRuns.push(r);
      expect((JSON.parse(r.stdout) as { results: { content: string }[] }).results[0]?.content, `cli sees ${door}`).toBe(
        w.content,
      );
    }

    for (const r of cliRuns) expect(`${r.stdout}${r.stderr}`).not.toMatch(LOCKED);
    expect(service.stderr()).not.toMatch(LOCKED);
    expect(service.stderr()).not.toMatch(/"status":5\d\d/);
    expect(mcp.stderr()).not.toMatch(LOCKED);
    console.info(
      `[concurrency] ${JSON.stringify({ service: PER_DOOR, mcp: PER_DOOR, cliAdds: CLI_ADDS, imported: IMPORTED, deleted: [...written.values()].filter((w) => w.deleted).length, cliProcesses: cliRuns.length })}`,
    );
  });
});
