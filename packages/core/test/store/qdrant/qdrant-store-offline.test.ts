import { createServer } from "node:net";
import type { Server, Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import { QdrantStore } from "../../../src/store/qdrant-store.js";
import { createMemory, createStore } from "../../../src/create-memory.js";
import { defineConfig } from "../../../src/config/load-config.js";
import { onCleanup, tempHome } from "../../helpers.js";

/** A loopback TCP port that nothing listens on (bound, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A loopback TCP server that accepts connections and never answers (a hung server, not an imitation of Qdrant). */
async function silentServer(): Promise<{ url: string }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => sockets.push(socket));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  onCleanup(
    () =>
      new Promise<void>((resolve) => {
        sockets.forEach((s) => s.destroy());
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as { port: number }).port}` };
}

describe("QdrantStore without a server", () => {
  it("an unreachable server is a STORE error naming the URL, after the retries", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const store = new QdrantStore({ url, retry: { attempts: 2, baseDelayMs: 5 } });
    const error = await store.init({ dimensions: 8, embedder: "e" }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: ErrorCode.STORE, details: { url } });
    expect((error as Error).message).toContain(url);
  });

  it("a server that does not answer is a TIMEOUT", async () => {
    const { url } = await silentServer();
    const store = new QdrantStore({ url, timeoutMs: 300, retry: { attempts: 1, baseDelayMs: 1 } });
    await expect(store.init({ dimensions: 8, embedder: "e" })).rejects.toMatchObject({ code: ErrorCode.TIMEOUT });
  });

  it("is not usable before init", async () => {
    const store = new QdrantStore({ url: "http://127.0.0.1:1" });
    await expect(store.get("x")).rejects.toMatchObject({ code: ErrorCode.INTERNAL });
  });
});

describe("createStore with store.kind = qdrant", () => {
  it("builds a QdrantStore from the [qdrant] settings", () => {
    const config = defineConfig({
      home: tempHome(),
      store: { kind: "qdrant" },
      qdrant: { url: "http://127.0.0.1:6333", collection: "team_memories", apiKey: "secret-key", timeoutMs: 1234 },
    });
    const store = createStore(config);
    expect(store).toBeInstanceOf(QdrantStore);
    expect(store.kind).toBe("qdrant");
    expect(store).toMatchObject({ url: "http://127.0.0.1:6333", collection: "team_memories" });
  });

  it("without a URL it is a CONFIG error", () => {
    expect(() => createStore(defineConfig({ home: tempHome(), store: { kind: "qdrant" } }))).toThrowError(
      expect.objectContaining({ code: ErrorCode.CONFIG }),
    );
  });

  it("createMemory reports an unreachable Qdrant as STORE", async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    const error = await createMemory(defineConfig({ home: tempHome(), qdrant: { url, timeoutMs: 2000 } })).catch(
      (e: unknown) => e,
    );
    expect(error).toMatchObject({ code: ErrorCode.STORE });
    expect((error as Error).message).toContain(url);
  });
});
