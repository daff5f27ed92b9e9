import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { Server } from "node:http";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config/load-config.js";
import { probeConfiguredStore } from "../../src/create-memory.js";
import { CortexMemError, ErrorCode } from "../../src/errors.js";
import { QdrantStore } from "../../src/store/qdrant-store.js";
import { SCHEMA_VERSION } from "../../src/store/sqlite/schema.js";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { probeStore, storeProbeReason } from "../../src/store/store-probe.js";
import type { MemoryStore } from "../../src/store/memory-store.js";
import { memory } from "./contract/fixtures.js";

const dirs: string[] = [];
const servers: Server[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  for (const s of servers.splice(0)) await new Promise((done) => s.close(done));
});
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), "cortex-store-probe-"));
  dirs.push(dir);
  return dir;
};
const sqliteConfig = (path: string) =>
  loadConfig({ file: null, env: {}, overrides: { home: tempDir(), store: { kind: "sqlite", path } } }).config;

/** A port nothing listens on: bound, then released. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as { port: number };
  await new Promise<void>((done) => server.close(() => done()));
  return port;
}

/** A real HTTP server answering every request with `status` and `body` (a Qdrant stand-in). */
async function answering(status: number, body: unknown): Promise<string> {
  const server = createHttpServer((_req, res) => {
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
  });
  servers.push(server);
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as { port: number }).port}`;
}

describe("SQLite store probe", () => {
  it("reports the file, layout version, writable and the count, and changes nothing", async () => {
    const path = join(tempDir(), "memories.db");
    const store = new SqliteStore({ path });
    await store.init({ dimensions: 8, embedder: "test:8" });
    const r = await store.probe({ expect: { dimensions: 8, embedder: "test:8" } });
    expect(r).toMatchObject({ ok: true, reason: null, provider: "sqlite", location: path, error: null });
    expect(r.state).toEqual({ exists: true, schemaVersion: SCHEMA_VERSION, writable: true, memories: 0 });
    expect(typeof r.latencyMs).toBe("number");
    await store.close();
  });

  it("is incompatible when the file holds another embedder's vectors, with init's CONFIG error", async () => {
    const path = join(tempDir(), "memories.db");
    const store = new SqliteStore({ path });
    await store.init({ dimensions: 2, embedder: "old:2" });
    await store.apply([{ op: "insert", memory: memory(), vector: new Float32Array([1, 0]) }], []);
    const r = await store.probe({ expect: { dimensions: 4, embedder: "new:4" } });
    expect(r).toMatchObject({ ok: false, reason: "incompatible" });
    expect(r.error?.code).toBe(ErrorCode.CONFIG);
    expect(r.error?.details).toMatchObject({ stored: { dimensions: 2, embedder: "old:2" } });
    expect((await store.probe()).ok).toBe(true);
    await store.close();
  });

  it("is incompatible when a newer cortex-mem wrote the layout", async () => {
    const path = join(tempDir(), "memories.db");
    await new SqliteStore({ path }).close();
    const db = new Database(path);
    db.prepare("UPDATE meta SET value = ? WHERE key = 'schema_version'").run(String(SCHEMA_VERSION + 1));
    db.close();
    const r = await probeConfiguredStore(sqliteConfig(path));
    expect(r).toMatchObject({ ok: false, reason: "incompatible", location: path });
    expect(r.error?.code).toBe(ErrorCode.CONFIG);
    expect(r.state.schemaVersion).toBe(SCHEMA_VERSION + 1);
  });

  it("is unreadable for a file that is not a database, and leaves the file as it was", async () => {
    const path = join(tempDir(), "memories.db");
    const junk = Buffer.alloc(8192, 0x5a);
    writeFileSync(path, junk);
    const r = await probeConfiguredStore(sqliteConfig(path));
    expect(r).toMatchObject({ ok: false, reason: "unreadable", provider: "sqlite", location: path });
    expect(r.error?.code).toBe(ErrorCode.STORE);
    expect(Buffer.compare((await import("node:fs")).readFileSync(path), junk)).toBe(0);
  });

  it("is unreadable when the path is a folder", async () => {
    const path = join(tempDir(), "memories.db");
    mkdirSync(path);
    const r = await probeConfiguredStore(sqliteConfig(path));
    expect(r).toMatchObject({ ok: false, reason: "unreadable" });
    expect(r.error?.code).toBe(ErrorCode.STORE);
  });

  it("maps a read-only driver failure to read_only (root ignores file modes, so the driver error stands in)", () => {
    const cause = Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" });
    expect(storeProbeReason(new CortexMemError(ErrorCode.STORE, "failed", { cause }))).toBe("read_only");
  });
});

describe("Qdrant store probe", () => {
  it("is unreachable when nothing listens, without a Qdrant server", async () => {
    const url = `http://127.0.0.1:${await deadPort()}`;
    const r = await new QdrantStore({ url, collection: "probe_test", timeoutMs: 2000 }).probe();
    expect(r).toMatchObject({ ok: false, reason: "unreachable", provider: "qdrant", baseUrl: url });
    expect(r.error?.code).toBe(ErrorCode.STORE);
  });

  it("is unauthorized when the server refuses the key", async () => {
    const url = await answering(401, { status: { error: "Invalid api-key" } });
    const r = await new QdrantStore({ url, apiKey: "wrong", collection: "c" }).probe();
    expect(r).toMatchObject({ ok: false, reason: "unauthorized" });
    expect(r.error?.code).toBe(ErrorCode.CONFIG);
  });

  it("is ok with a note when the collection does not exist yet (it is created at first use)", async () => {
    const url = await answering(200, { result: { exists: false }, status: "ok", time: 0 });
    const r = await new QdrantStore({ url, collection: "fresh" }).probe();
    expect(r).toMatchObject({ ok: true, location: "fresh", state: { exists: false, memories: 0 } });
    expect(r.note).toContain("fresh");
  });
});

describe("probeStore", () => {
  it("counts memories for a store without its own probe", async () => {
    const inner = new SqliteStore({ path: ":memory:" });
    const bare = { kind: "custom", count: () => inner.count() } as unknown as MemoryStore;
    expect(await probeStore(bare)).toMatchObject({ ok: true, provider: "custom", state: { memories: 0 } });
    const failing = { kind: "custom", count: () => Promise.reject(new CortexMemError(ErrorCode.STORE, "down")) };
    expect(await probeStore(failing as unknown as MemoryStore)).toMatchObject({ ok: false, reason: "error" });
    await inner.close();
  });
});
