import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../src/cli-run.js";
import { send } from "../src/http-json.js";
import type { HttpReply } from "../src/http-json.js";
import { storeDigest } from "../src/store-file.js";
import { startLocalService } from "./helpers/in-process.js";
import type { LocalService } from "./helpers/in-process.js";

const USERS = ["alice", "bob", "carol"] as const;
type User = (typeof USERS)[number];
const keyOf = (u: User): string => `${u}-key-0123456789`;
const KINDS = [
  "add",
  "add",
  "search",
  "list",
  "get",
  "update",
  "delete",
  "history",
  "batch-delete",
  "batch-update",
  "stats",
  "name-other",
] as const;

interface Known {
  owner: User;
  content: string;
  deleted: boolean;
}

let svc: LocalService;
const stats = { runs: 0, operations: 0, crossUserAttempts: 0 };

beforeAll(async () => {
  svc = await startLocalService("isolation", {
    server: { apiKeys: [...USERS.map((u) => ({ key: keyOf(u), userId: u })), "admin-key-0123456789"] },
  });
});
afterAll(async () => {
  console.info(`[isolation] ${JSON.stringify(stats)}`);
  await svc.close();
});

const call = (user: User, method: string, path: string, body?: unknown): Promise<HttpReply> =>
  send(`${svc.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${keyOf(user)}` },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });

/** Runs one operation as `actor` and checks it against the model: own memories work, anyone else's are invisible and untouchable. */
async function step(
  model: Map<string, Known>,
  actor: User,
  kind: (typeof KINDS)[number],
  pick: number,
  seq: number,
): Promise<void> {
  const ids = [...model.keys()];
  const id = ids.length ? (ids[pick % ids.length] as string) : "00000000-0000-4000-8000-000000000000";
  const target = model.get(id);
  const mine = target?.owner === actor;
  if (target && !mine) stats.crossUserAttempts += 1;
  const live = (u: User) => [...model.entries()].filter(([, m]) => m.owner === u && !m.deleted).map(([i]) => i);
  const before = storeDigest(svc.home.dbPath);
  const unchanged = () =>
    expect(storeDigest(svc.home.dbPath), `${actor} ${kind} on ${target?.owner}'s memory changed the store`).toBe(
      before,
    );
  stats.operations += 1;
  switch (kind) {
    case "add": {
      const content = `${actor} secret number ${seq} token t${seq}x${pick}`;
      const r = await call(actor, "POST", "/memories", { content, infer: false });
      expect(r.status).toBe(200);
      model.set((r.json as { results: { id: string }[] }).results[0]!.id, { owner: actor, content, deleted: false });
      return;
    }
    case "search": {
      const r = await call(actor, "POST", "/memories/search", { query: target?.content ?? "secret", limit: 100 });
      const found = (r.json as { results: { id: string; user_id: string }[] }).results;
      expect(found.every((f) => f.user_id === actor)).toBe(true);
      if (mine && !target.deleted) expect(found[0]?.id).toBe(id);
      return;
    }
    case "list": {
      const r = await call(actor, "GET", "/memories?limit=1000");
      expect((r.json as { memories: { id: string }[] }).memories.map((m) => m.id).sort()).toEqual(live(actor).sort());
      return;
    }
    case "stats": {
      const r = (await call(actor, "GET", "/stats")).json as { total: number; by_user: Record<string, number> };
      expect([r.total, Object.keys(r.by_user).filter((u) => u !== actor)]).toEqual([live(actor).length, []]);
      return;
    }
    case "name-other": {
      const other = USERS[(USERS.indexOf(actor) + 1 + (pick % 2)) % 3] as User;
      for (const r of [
        await call(actor, "POST", "/memories", { content: "planted", user_id: other }),
        await call(actor, "POST", "/memories/search", { query: "secret", user_id: other }),
        await call(actor, "GET", `/memories?user_id=${other}`),
        await call(actor, "GET", `/stats?user_id=${other}`),
        await call(actor, "DELETE", `/memories?user_id=${other}`),
      ]) {
        expect(r.status).toBe(403);
      }
      unchanged();
      return;
    }
    case "get":
    case "history":
    case "update":
    case "delete": {
      const [method, path, body] =
        kind === "get"
          ? ["GET", `/memories/${id}`]
          : kind === "history"
            ? ["GET", `/memories/${id}/history`]
            : kind === "update"
              ? ["PUT", `/memories/${id}`, { content: `${actor} rewrote ${seq}` }]
              : ["DELETE", `/memories/${id}`];
      const r = await call(actor, method, path, body);
      const ok = mine && (kind === "history" || !target.deleted);
      expect(r.status, `${actor} ${kind} ${target?.owner}'s memory`).toBe(ok ? 200 : 404);
      if (!ok) unchanged();
      else if (kind === "update") target.content = `${actor} rewrote ${seq}`;
      else if (kind === "delete") target.deleted = true;
      return;
    }
    default: {
      const own = live(actor)[pick % Math.max(1, live(actor).length)];
      const batchIds = [id, ...(own && own !== id ? [own] : [])];
      const r =
        kind === "batch-delete"
          ? await call(actor, "POST", "/memories/batch/delete", { ids: batchIds })
          : await call(actor, "POST", "/memories/batch/update", {
              updates: batchIds.map((i) => ({ id: i, topics: [`t${seq}`] })),
            });
      const results = (r.json as { results: { id: string; status: string; error?: { code: string } }[] }).results;
      for (const item of results) {
        const m = model.get(item.id);
        const allowed = m?.owner === actor && !m.deleted;
        expect([item.id, item.status === "error" ? item.error?.code : "done"]).toEqual([
          item.id,
          allowed ? "done" : "NOT_FOUND",
        ]);
        if (allowed && kind === "batch-delete" && m) m.deleted = true;
      }
    }
  }
}

describe("isolation: several users with bound API keys never see, change or delete each other's memories", () => {
  it("generated sequences of operations through search, list, get, update, delete, batch, history and stats", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.constantFrom(...USERS), fc.constantFrom(...KINDS), fc.nat()), {
          minLength: 10,
          maxLength: 60,
          size: "large",
        }),
        async (ops) => {
          await svc.memory.reset();
          stats.runs += 1;
          const model = new Map<string, Known>();
          for (const [seq, [actor, kind, pick]] of ops.entries()) await step(model, actor, kind, pick, seq);
          for (const [id, m] of model) {
            const r = await send(`${svc.url}/memories/${id}`, {
              headers: { authorization: "Bearer admin-key-0123456789" },
            });
            expect(r.status).toBe(m.deleted ? 404 : 200);
            if (!m.deleted)
              expect([(r.json as { user_id: string }).user_id, (r.json as { content: string }).content]).toEqual([
                m.owner,
                m.content,
              ]);
          }
          expect((await svc.memory.stats()).total).toBe([...model.values()].filter((m) => !m.deleted).length);
        },
      ),
      { numRuns: 50, seed: 21 },
    );
    expect(stats.crossUserAttempts).toBeGreaterThan(50);
  });

  it("export with -u (CLI, a separate process on the same home) holds only that user's memories and history", async () => {
    await svc.memory.reset();
    const owned = new Map<string, User>();
    for (const [i, u] of [...USERS, ...USERS, ...USERS].entries()) {
      const r = await call(u, "POST", "/memories", { content: `${u} export item ${i}`, infer: false });
      const id = (r.json as { results: { id: string }[] }).results[0]!.id;
      owned.set(id, u);
      if (i % 3 === 0) await call(u, "PUT", `/memories/${id}`, { content: `${u} export item ${i} updated` });
    }
    for (const u of USERS) {
      const out = await runCli(["export", "-u", u], { ...svc.home.env, CORTEX_MEM_LOG_LEVEL: "error" }, svc.home.dir);
      expect(out.code, out.stderr).toBe(0);
      const lines = out.stdout
        .trim()
        .split("\n")
        .map(
          (l) =>
            JSON.parse(l) as {
              type: string;
              memory?: { id: string; user_id: string };
              history?: { user_id: string }[];
            },
        );
      const memories = lines.filter((l) => l.type === "memory");
      expect(memories.map((l) => l.memory!.id).sort()).toEqual(
        [...owned]
          .filter(([, o]) => o === u)
          .map(([id]) => id)
          .sort(),
      );
      expect(
        memories.flatMap((l) => [l.memory!.user_id, ...(l.history ?? []).map((h) => h.user_id)]).every((x) => x === u),
      ).toBe(true);
    }
  });
});
