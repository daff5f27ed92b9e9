import { createServer } from "node:net";
import { ERROR_TABLE } from "@cortex-mem/core";
import { BUILTIN_PROVIDERS } from "@cortex-mem/core/names";
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

  it("takes store kinds from core's registry: an unknown --to or --from is a VALIDATION error naming the flag", async () => {
    await seed(home, "alice", ["Likes sailing"]);
    const bad = await cli(["migrate", "--to", "postgres", "--json"], { home });
    expect(bad.code).toBe(ERROR_TABLE.VALIDATION.exitCode);
    type Out = { error: { code: string; message: string; details: { path: string }[] } };
    const error = (JSON.parse(bad.stdout || bad.stderr) as Out).error;
    expect(error.code).toBe("VALIDATION");
    expect(error.details[0]?.path).toBe("--to");
    for (const name of BUILTIN_PROVIDERS.store) expect(error.message).toContain(name);
    expect(error.message).toContain("--to");
    const from = await cli(["migrate", "--to", "sqlite", "--from", "sqlte", "--json"], { home });
    expect(JSON.parse(from.stdout || from.stderr)).toMatchObject({
      error: { code: "VALIDATION", details: [{ path: "--from" }] },
    });
    const same = await cli(["migrate", "--to", "sqlite", "--from", "sqlite", "--json"], { home });
    expect(JSON.parse(same.stdout || same.stderr)).toMatchObject({ error: { code: "VALIDATION" } });
    const v1 = await cli(["migrate", "--from-v1-qdrant", "--to", "postgres", "--json"], { home });
    expect(JSON.parse(v1.stdout || v1.stderr)).toMatchObject({ error: { code: "VALIDATION" } });
    expect((await cli(["migrate"], { home })).code).toBe(2);
    expect(await total(home)).toBe(1);
    for (const args of [
      ["migrate", "--help"],
      ["help", "migrate"],
    ]) {
      const help = await cli(args, { home });
      expect(help.stdout, args.join(" ")).toContain(`the store to copy into: ${BUILTIN_PROVIDERS.store.join(", ")}`);
    }
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
