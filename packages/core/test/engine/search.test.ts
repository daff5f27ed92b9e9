import { describe, expect, it } from "vitest";
import { LocalEmbedder } from "../../src/embedder/local-embedder.js";
import { openMemory } from "../helpers.js";

describe("hybrid search", () => {
  it("ranks the relevant memory first and explains the score", async () => {
    const memory = await openMemory({ memory: { vectorWeight: 0.3, keywordWeight: 0.7 } });
    const facts = [
      "I am vegetarian",
      "My sister lives in Berlin",
      "I play the piano every evening",
      "Deploy with pnpm build then git push",
    ];
    for (const f of facts) await memory.add(f, { userId: "u", infer: false });
    const hits = await memory.search("where does my sister live?", { userId: "u", limit: 3 });
    expect(hits[0]?.content).toBe("My sister lives in Berlin");
    const parts = hits[0]!.scoreParts;
    expect(parts.vector).toBeGreaterThan(0);
    expect(parts.keyword).toBeGreaterThan(0);
    expect(hits[0]!.score).toBeGreaterThan(hits[1]?.score ?? 0);
    expect(hits.length).toBeLessThanOrEqual(3);
  });

  it("offline, searches BM25 alone: the query is not embedded and an unrelated query finds nothing", async () => {
    const embedder = new LocalEmbedder();
    const texts: string[] = [];
    const counting = {
      id: embedder.id,
      dimensions: () => embedder.dimensions(),
      embed: (t: string[]) => (texts.push(...t), embedder.embed(t)),
    };
    const memory = await openMemory({}, { embedder: counting });
    expect(memory.settings.vectorWeight).toBe(0);
    for (const f of ["I am vegetarian", "My sister lives in Berlin"])
      await memory.add(f, { userId: "u", infer: false });
    const embedded = texts.length;
    const hits = await memory.search("where does my sister live?", { userId: "u" });
    expect(hits[0]?.content).toBe("My sister lives in Berlin");
    expect(hits[0]!.scoreParts).toMatchObject({ keyword: 1, vector: 0 });
    // Said just before it, the other memory comes second on its neighbour's credit, at most half the score.
    expect(hits.slice(1).every((h) => h.scoreParts.keyword <= 0.5)).toBe(true);
    expect(await memory.search("quantum chromodynamics lecture", { userId: "u" })).toEqual([]);
    expect(texts.length).toBe(embedded);
  });

  it("never shows one user's memories to another", async () => {
    const memory = await openMemory();
    await memory.add("Secret: the vault code is 4242", { userId: "alice", infer: false });
    await memory.add("Bob likes vaults and codes", { userId: "bob", infer: false });
    const hits = await memory.search("vault code", { userId: "bob", limit: 50 });
    expect(hits.every((h) => h.userId === "bob")).toBe(true);
    expect(hits.length).toBe(1);
  });

  it("scopes by agent and run inside a user", async () => {
    const memory = await openMemory();
    await memory.add("coffee order: flat white", { userId: "u", agentId: "barista", runId: "r1", infer: false });
    await memory.add("coffee order: espresso", { userId: "u", agentId: "barista", runId: "r2", infer: false });
    await memory.add("coffee beans from Ethiopia", { userId: "u", agentId: "shopper", infer: false });
    expect((await memory.search("coffee", { userId: "u", agentId: "barista" })).length).toBe(2);
    const r2 = await memory.search("coffee", { userId: "u", runId: "r2" });
    expect(r2.map((h) => h.content)).toEqual(["coffee order: espresso"]);
    expect((await memory.search("coffee", { agentId: "shopper" })).map((h) => h.content)).toEqual([
      "coffee beans from Ethiopia",
    ]);
  });

  it("applies filters: type, importance, dates, topics, entities, metadata", async () => {
    const memory = await openMemory();
    await memory.add("I went hiking in the Alps", {
      userId: "u",
      infer: false,
      timestamp: "2023-01-10",
      metadata: { source: "trip" },
    });
    await memory.add("Hiking boots need new laces", {
      userId: "u",
      infer: false,
      timestamp: "2024-06-01",
      importance: 0.9,
      memoryType: "factual",
    });
    await memory.add("Maria recommended a hiking trail", {
      userId: "u",
      infer: false,
      timestamp: "2024-07-01",
      topics: ["outdoors"],
      metadata: { trusted: true },
    });
    const q = (filters: Record<string, unknown>) =>
      memory.search("hiking", { userId: "u", filters }).then((h) => h.map((x) => x.content).sort());
    expect(await q({ memoryTypes: ["FACTUAL"] })).toEqual(["Hiking boots need new laces"]);
    expect(await q({ minImportance: 0.85 })).toEqual(["Hiking boots need new laces"]);
    expect(await q({ observedBefore: "2023-12-31" })).toEqual(["I went hiking in the Alps"]);
    expect(await q({ topics: ["outdoors"] })).toEqual(["Maria recommended a hiking trail"]);
    expect(await q({ entities: ["maria"] })).toEqual(["Maria recommended a hiking trail"]);
    expect(await q({ metadata: { source: "trip" } })).toEqual(["I went hiking in the Alps"]);
    expect(await q({ metadata: { trusted: true } })).toEqual(["Maria recommended a hiking trail"]);
    expect(await q({ metadata: { trusted: "true" } })).toEqual([]);
  });

  it("treats FTS syntax in a query as plain words", async () => {
    const memory = await openMemory();
    await memory.add('He said "NEAR(" is odd AND fine*', { userId: "u", infer: false });
    for (const query of ['"', "AND", "*", "NEAR(", 'a" OR "b', "-", "^x"]) {
      await expect(memory.search(query, { userId: "u" })).resolves.toBeInstanceOf(Array);
    }
    expect((await memory.search('NEAR( AND "odd', { userId: "u" }))[0]?.content).toContain("NEAR");
  });

  it("drops results under the threshold and honours the limit", async () => {
    const memory = await openMemory();
    for (let i = 0; i < 30; i++) await memory.add(`note number ${i} about gardening`, { userId: "u", infer: false });
    // Said a year apart from the notes, so it is not their neighbour in time either.
    await memory.add("completely unrelated sentence on taxes", { userId: "u", infer: false, timestamp: "2020-01-01" });
    expect((await memory.search("gardening", { userId: "u", limit: 7 })).length).toBe(7);
    const strict = await memory.search("gardening", { userId: "u", limit: 100, threshold: 0.2 });
    expect(strict.every((h) => h.score >= 0.2)).toBe(true);
    expect(strict.some((h) => h.content.includes("taxes"))).toBe(false);
  });
});

describe("list", () => {
  it("pages through every memory exactly once, newest first", async () => {
    const memory = await openMemory(
      {},
      {
        now: (() => {
          let t = Date.parse("2024-01-01T00:00:00Z");
          return () => new Date((t += 1000));
        })(),
      },
    );
    for (let i = 0; i < 53; i++) await memory.add(`memory ${i}`, { userId: "p", infer: false });
    await memory.add("other user", { userId: "q", infer: false });
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await memory.list({ userId: "p", limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...page.memories.map((m) => m.content));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(53);
    expect(new Set(seen).size).toBe(53);
    expect(seen[0]).toBe("memory 52");
    expect(seen.at(-1)).toBe("memory 0");
  });
});

describe("search by a named speaker", () => {
  it("ranks what the named person said above what another said about the same thing, in either add form", async () => {
    const memory = await openMemory();
    await memory.add(
      [
        { role: "user", name: "Ana", content: "Ben, did you finish that painting of the harbour at last?" },
        { role: "user", name: "Ben", content: "Yes, the painting is done, and I painted the boats too!" },
        { role: "user", name: "Ana", content: "I painted a little today as well." },
      ],
      { userId: "u", infer: false },
    );
    await memory.add("Ben: it took me three weekends", { userId: "v", infer: false });
    await memory.add("Ana: painting the harbour boats is hard, Ben", { userId: "v", infer: false });
    await memory.add("Ben: I painted the boats", { userId: "v", infer: false });
    // Ben's reply holds the query's words more often, yet Ana's own turn comes first when she is asked about.
    const ana = await memory.search("What did Ana paint?", { userId: "u" });
    expect(ana[0]?.content).toBe("I painted a little today as well.");
    const ben = await memory.search("What did Ben paint?", { userId: "u" });
    expect(ben[0]?.content).toBe("Yes, the painting is done, and I painted the boats too!");
    expect((await memory.search("What did Ana paint?", { userId: "v" }))[0]?.content).toBe(
      "Ana: painting the harbour boats is hard, Ben",
    );
    expect((await memory.search("What did Ben paint?", { userId: "v" }))[0]?.content).toBe("Ben: I painted the boats");
    expect(await memory.search("Who is Carla?", { userId: "u" })).toEqual([]);
  });
});
