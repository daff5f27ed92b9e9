import { describe, expect, it } from "vitest";
import { ErrorCode } from "../../../src/errors.js";
import type { Memory } from "../../../src/types/memory.js";
import type { MemoryStore, StoreFilters, StoreQuery } from "../../../src/store/memory-store.js";
import { at, axis, historyOf, idsOf, insert, insertAll, memory } from "./fixtures.js";
import type { ContractContext } from "./store-contract.js";

const q = (scope: StoreQuery["scope"], filters: StoreFilters = {}): StoreQuery => ({ scope, filters });

async function listAll(
  store: MemoryStore,
  query: StoreQuery,
  limit: number,
): Promise<{ ids: string[]; pages: number }> {
  const ids: string[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await store.list(query, { limit, ...(cursor ? { cursor } : {}) });
    pages += 1;
    expect(page.memories.length).toBeLessThanOrEqual(limit);
    ids.push(...page.memories.map((m) => m.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor && pages < 100);
  return { ids, pages };
}

/** Reads: scope isolation, filters, pagination and both retrievers. */
export function queryContract(ctx: ContractContext): void {
  describe("scope isolation", () => {
    it("every read sees only its scope; given parts match exactly", async () => {
      const store = await ctx.open();
      const a = memory({ content: "alice likes green tea", userId: "alice" });
      const aAgent = memory({ content: "alice told the agent about green tea", userId: "alice", agentId: "helper" });
      const b = memory({ content: "bob likes green tea", userId: "bob" });
      const agentOnly = memory({ content: "the helper agent knows green tea", userId: undefined, agentId: "helper" });
      await insertAll(store, [a, aAgent, b, agentOnly]);
      const reads = async (scope: StoreQuery["scope"]): Promise<string[][]> => [
        idsOf((await store.list(q(scope), { limit: 50 })).memories),
        idsOf(await store.vectorSearch(axis(0, 1, 1), q(scope), 50)),
        idsOf(await store.keywordSearch("green tea", q(scope), 50)),
        (await store.ids(q(scope))).sort(),
      ];
      for (const [scope, expected] of [
        [{ userId: "alice" }, [a, aAgent]],
        [{ userId: "bob" }, [b]],
        [{ agentId: "helper" }, [aAgent, agentOnly]],
        [{ userId: "alice", agentId: "helper" }, [aAgent]],
        [{ userId: "carol" }, []],
        [{}, [a, aAgent, b, agentOnly]],
      ] as [StoreQuery["scope"], Memory[]][]) {
        for (const got of await reads(scope)) expect(got).toEqual(idsOf(expected));
      }
      expect((await store.stats({ userId: "alice" })).total).toBe(2);
      expect((await store.stats({ userId: "alice" })).historyEntries).toBe(2);
      const exported: string[] = [];
      for await (const r of store.exportAll({ userId: "bob" })) exported.push(r.memory.id);
      expect(exported).toEqual([b.id]);
    });

    it("findByHash looks at exactly this scope and skips superseded memories", async () => {
      const store = await ctx.open();
      const plain = memory({ content: "same words", userId: "u" });
      const withAgent = memory({ content: "same words", userId: "u", agentId: "a" });
      const old = memory({ content: "same words", userId: "u", supersededBy: plain.id });
      const other = memory({ content: "other words", userId: "u" });
      await insertAll(store, [plain, withAgent, old, other]);
      expect(idsOf(await store.findByHash({ userId: "u" }, [plain.hash]))).toEqual([plain.id]);
      expect(idsOf(await store.findByHash({ userId: "u", agentId: "a" }, [plain.hash]))).toEqual([withAgent.id]);
      expect(idsOf(await store.findByHash({ userId: "u" }, [plain.hash, other.hash]))).toEqual(idsOf([plain, other]));
      expect(await store.findByHash({ userId: "v" }, [plain.hash])).toEqual([]);
      expect(await store.findByHash({ userId: "u" }, [])).toEqual([]);
    });
  });

  describe("filters", () => {
    it("type, importance, dates, topics, entities, metadata and superseded narrow every read alike", async () => {
      const store = await ctx.open();
      const tea = memory({
        content: "tea in the morning",
        memoryType: "personal",
        importance: 0.9,
        topics: ["Drinks"],
        entities: ["Kyoto"],
        metadata: { source: "chat", n: 1, ok: true, none: null },
        createdAt: at(10),
        observedAt: at(1),
      });
      const code = memory({
        content: "tea while coding",
        memoryType: "procedural",
        importance: 0.2,
        topics: ["work"],
        entities: ["Rust"],
        metadata: { source: "import", n: 2, ok: false, str: "1" },
        createdAt: at(20),
        observedAt: at(2),
      });
      const gone = memory({
        content: "tea long ago",
        importance: 0.5,
        supersededBy: tea.id,
        createdAt: at(30),
        observedAt: at(3),
      });
      await insertAll(store, [tea, code, gone]);
      const cases: [StoreFilters, Memory[]][] = [
        [{}, [tea, code]],
        [{ includeSuperseded: true }, [tea, code, gone]],
        [{ memoryTypes: ["personal", "episodic"] }, [tea]],
        [{ minImportance: 0.5 }, [tea]],
        [{ maxImportance: 0.5, includeSuperseded: true }, [code, gone]],
        [{ createdAfter: at(15), includeSuperseded: true }, [code, gone]],
        [{ createdBefore: at(20) }, [tea, code]],
        [{ createdAfter: at(11), createdBefore: at(25) }, [code]],
        [{ observedAfter: at(2), includeSuperseded: true }, [code, gone]],
        [{ observedBefore: at(1) }, [tea]],
        [{ topics: ["drinks"] }, [tea]],
        [{ topics: ["WORK", "nothing"] }, [code]],
        [{ entities: ["kyoto", "rust"] }, [tea, code]],
        [{ metadata: { source: "chat" } }, [tea]],
        [{ metadata: { n: 2 } }, [code]],
        [{ metadata: { ok: false } }, [code]],
        [{ metadata: { none: null } }, [tea]],
        [{ metadata: { str: 1 } }, []],
        [{ metadata: { str: "1" } }, [code]],
        [{ metadata: { source: "chat", n: 2 } }, []],
      ];
      for (const [filters, expected] of cases) {
        const query = q({ userId: "alice" }, filters);
        const want = idsOf(expected);
        expect(idsOf((await store.list(query, { limit: 50 })).memories), JSON.stringify(filters)).toEqual(want);
        expect((await store.ids(query)).sort(), JSON.stringify(filters)).toEqual(want);
        expect(idsOf(await store.keywordSearch("tea", query, 50)), JSON.stringify(filters)).toEqual(want);
        expect(idsOf(await store.vectorSearch(axis(0, 1, 1), query, 50)), JSON.stringify(filters)).toEqual(want);
      }
    });
  });

  describe("list", () => {
    it("pages newest first with an opaque cursor, each memory exactly once", async () => {
      const store = await ctx.open();
      const items = Array.from({ length: 23 }, (_, i) => memory({ content: `item ${i}`, createdAt: at(100 + i) }));
      await insertAll(store, items);
      const { ids, pages } = await listAll(store, q({ userId: "alice" }), 10);
      expect(pages).toBe(3);
      expect(ids).toEqual(items.map((m) => m.id).reverse());
    });

    it("memories created in the same millisecond are neither repeated nor lost across pages", async () => {
      const store = await ctx.open();
      const when = at(500);
      const items = Array.from({ length: 13 }, (_, i) => memory({ content: `tied ${i}`, createdAt: when }));
      await insertAll(store, [...items, memory({ createdAt: at(400) }), memory({ createdAt: at(600) })]);
      const { ids } = await listAll(store, q({ userId: "alice" }), 4);
      expect(ids).toHaveLength(15);
      expect(new Set(ids).size).toBe(15);
      expect(idsOf(ids.slice(1, 14).map((id) => ({ id })))).toEqual(idsOf(items));
    });

    it("a cursor that is not ours is a VALIDATION error", async () => {
      const store = await ctx.open();
      await expect(store.list(q({}), { limit: 5, cursor: "not-a-cursor" })).rejects.toMatchObject({
        code: ErrorCode.VALIDATION,
      });
    });
  });

  describe("retrievers", () => {
    it("vector search returns cosine similarities, best first, up to the limit", async () => {
      const store = await ctx.open();
      const near = memory({ content: "near" });
      const mid = memory({ content: "mid" });
      const far = memory({ content: "far" });
      await insert(store, [near, axis(0)], [mid, axis(1, 0, 0.8)], [far, axis(2)]);
      const hits = await store.vectorSearch(axis(0), q({ userId: "alice" }), 2);
      expect(hits.map((h) => h.id)).toEqual([near.id, mid.id]);
      expect(hits[0]?.score).toBeCloseTo(1, 4);
      expect(hits[1]?.score).toBeCloseTo(0.8 / Math.hypot(1, 0.8), 4);
    });

    it("keyword search scores positive, best first; matches word forms; never interprets query syntax", async () => {
      const store = await ctx.open();
      const hikes = memory({ content: "Ana hikes in the Alps every summer and hikes again in autumn" });
      const once = memory({
        content: "Ben went hiking once, then stayed home reading books about cooking and gardening",
      });
      const none = memory({ content: "Carla paints watercolours" });
      const tagged = memory({ content: "a weekend plan", topics: ["hiking"] });
      await insertAll(store, [hikes, once, none, tagged]);
      const hits = await store.keywordSearch("hiking", q({}), 10);
      expect(hits[0]?.id).toBe(hikes.id);
      expect(idsOf(hits)).toEqual(idsOf([hikes, once, tagged]));
      for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
      for (const h of hits) expect(h.score).toBeGreaterThan(0);
      expect(await store.keywordSearch("hiking", q({}), 1)).toHaveLength(1);
      for (const text of ['"unbalanced', "AND OR NOT", "NEAR(a b)", "col:value*", "^start"])
        await expect(store.keywordSearch(text, q({}), 5)).resolves.toBeInstanceOf(Array);
      expect(await store.keywordSearch("  ?!  ", q({}), 5)).toEqual([]);
      await store.apply([{ op: "delete", id: hikes.id }], [historyOf(hikes, "DELETE")]);
      expect(idsOf(await store.keywordSearch("hiking", q({}), 10))).toEqual(idsOf([once, tagged]));
    });

    it("every hit of both retrievers carries its memory's importance and observedAt (the ranking inputs)", async () => {
      const store = await ctx.open();
      const said = new Date(Date.UTC(2024, 5, 1, 12));
      const a = memory({ content: "green tea in the morning", importance: 0.9, observedAt: said });
      const b = memory({ content: "green tea at night", importance: 0.2 });
      await insertAll(store, [a, b]);
      const hits = [
        ...(await store.vectorSearch(axis(0), q({ userId: "alice" }), 5)),
        ...(await store.keywordSearch("green tea", q({ userId: "alice" }), 5)),
      ];
      expect(hits).toHaveLength(4);
      for (const h of hits) {
        const m = h.id === a.id ? a : b;
        expect({ importance: h.importance, observedAt: h.observedAt }).toEqual({
          importance: m.importance,
          observedAt: m.observedAt.getTime(),
        });
      }
    });
  });

  describe("stats", () => {
    it("counts by type, user and agent, superseded and history, per scope", async () => {
      const store = await ctx.open();
      await insertAll(store, [
        memory({ userId: "u1", memoryType: "personal" }),
        memory({ userId: "u1", agentId: "a1", memoryType: "factual", supersededBy: "x" }),
        memory({ userId: "u2", agentId: "a1", memoryType: "factual" }),
        memory({ userId: undefined, agentId: "a2", memoryType: "episodic" }),
      ]);
      expect(await store.stats({})).toEqual({
        total: 4,
        superseded: 1,
        byType: { personal: 1, factual: 2, episodic: 1 },
        byUser: { u1: 2, u2: 1 },
        byAgent: { a1: 2, a2: 1 },
        historyEntries: 4,
      });
      expect(await store.stats({ agentId: "a1" })).toEqual({
        total: 2,
        superseded: 1,
        byType: { factual: 2 },
        byUser: { u1: 1, u2: 1 },
        byAgent: { a1: 2 },
        historyEntries: 2,
      });
      expect(await store.count()).toBe(4);
    });
  });
}
