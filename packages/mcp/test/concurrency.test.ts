import { describe, expect, it } from "vitest";
import { callOk } from "./helpers/calls.js";
import { connectStdio } from "./helpers/clients.js";
import { openStore, tempHome } from "./helpers/home.js";

type Stored = { results: { id: string; event: string }[] };

describe("two server processes on one store", () => {
  it("keeps every one of 2×50 concurrent writes (no lost write, no 'database is locked')", async () => {
    const home = tempHome();
    const servers = await Promise.all(
      ["alice", "bob"].map((user) => connectStdio({ home, args: ["--user-id", user] })),
    );
    const writes = servers.flatMap(({ client }, s) =>
      Array.from(
        { length: 50 },
        (_, i) =>
          callOk(client, "store_memory", {
            content: `Fact ${i} from server ${s}: the number ${s * 1000 + i} is noted`,
          }) as Promise<Stored>,
      ),
    );
    // Seen in 1 of 2 clean-clone CI runs and 4 of ~110 local runs: a server closed its connection. One cause
    // found since: two processes switching a new file to WAL at once, where one failed to open it (core's
    // `enterWal`). A failure says what each server wrote to stderr (at start too), so a next one explains itself.
    const results = await Promise.all(writes).catch((error: unknown) => {
      const logs = servers.map(({ stderr }, s) => `server ${s} stderr:\n${stderr()}`).join("\n");
      throw new Error(`${String(error)}\n${logs}`, { cause: error });
    });
    const ids = results.map((r) => {
      expect(r.results).toHaveLength(1);
      expect(r.results[0]!.event).toBe("ADD");
      return r.results[0]!.id;
    });
    expect(new Set(ids).size).toBe(100);

    for (const [s, user] of ["alice", "bob"].entries()) {
      const page = (await callOk(servers[1 - s]!.client, "list_memories", { user_id: user, limit: 1000 })) as {
        memories: { id: string }[];
      };
      expect(page.memories).toHaveLength(50);
    }
    const store = await openStore(home);
    expect((await store.stats()).byUser).toEqual({ alice: 50, bob: 50 });
    for (const id of ids) expect((await store.get(id)).id).toBe(id);
    // Store failures are logged as warnings; none may have happened, even if retried away.
    for (const { stderr } of servers) expect(stderr()).not.toMatch(/ (warn|error) |database is locked|SQLITE_BUSY/);
  });
});
