import { createServer } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { cli, seed, tempHome, total } from "../helpers.js";

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return typeof address === "object" && address ? address.port : 1;
}

// The success path needs a Qdrant server, which cannot run on this machine; core's
// migrateStore is tested between two real SQLite stores, and the Qdrant contract suite runs
// when QDRANT_URL is set. These tests cover the command's own behaviour.
describe("cortex-mem migrate", () => {
  let home: string;
  let cleanup: () => Promise<void>;
  beforeEach(async () => ({ home, cleanup } = await tempHome()));
  afterEach(async () => cleanup());

  it("rejects a --to other than qdrant or sqlite as a validation error, and requires --to", async () => {
    const bad = await cli(["migrate", "--to", "postgres"], { home });
    expect(bad.code).toBe(3);
    expect(bad.stderr).toMatch(/qdrant or sqlite/);
    expect((await cli(["migrate"], { home })).code).toBe(2);
  });

  it("names the unreachable Qdrant URL with a STORE error and leaves the SQLite store as it was", async () => {
    await seed(home, "alice", ["Likes sailing", "Has a cat"]);
    const url = `http://127.0.0.1:${await closedPort()}`;
    const result = await cli(["migrate", "--to", "qdrant"], { home, env: { CORTEX_MEM_QDRANT_URL: url } });
    expect(result.code).toBe(9);
    expect(result.stderr).toContain(url);
    expect(await total(home)).toBe(2);
  });

  it("migrating from Qdrant without a configured URL is a CONFIG error", async () => {
    const result = await cli(["migrate", "--to", "sqlite"], { home });
    expect(result.code).toBe(6);
  });
});
