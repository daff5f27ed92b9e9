import { afterEach, describe, expect, it } from "vitest";
import { SqliteStore } from "../../src/store/sqlite-store.js";
import { documentVector, queryVector } from "../../src/store/qdrant/sparse-vector.js";
import type { Memory } from "../../src/types/memory.js";
import { DIMS, EMBEDDER, axis, memory } from "../store/contract/fixtures.js";

// Both stores must index and query text the same way (one tokenizer, `indexing/`): for any query,
// the memories the SQLite store's keyword search finds are exactly those whose Qdrant sparse
// document vector shares a term with Qdrant's query vector. Checked without a Qdrant server:
// Qdrant scores a sparse query by the dot product, so a point matches iff it shares an index.
// One deliberate difference: SQLite does not index a memory's `context` (the messages around it in
// its add), because its time-neighbour spread lends those messages' matches at query time; Qdrant
// has no such spread and indexes the context at half weight. So the equality is checked on the
// Qdrant vectors of the memories without their context, and Qdrant's context match on its own.

const memories: Memory[] = [
  memory({ content: "Ana hikes in the Alps every summer", topics: ["Travel"], actorId: "ana" }),
  memory({ content: "Zoë drinks café au lait at the Café de Flore", entities: ["Café de Flore"] }),
  memory({ content: "Bob's sister moved to 北京 in 2023", entities: ["Bob"] }),
  memory({ content: "The meeting is on Tuesday", context: "user: when do we meet? assistant: generously early" }),
  memory({ content: "It is what it is", topics: ["philosophy"] }),
  memory({ content: "Volunteering at the shelter, she volunteered twice", role: "user" }),
];

const probes = [
  "hiking",
  "hike alps",
  "cafe",
  "CAFÉ flore",
  "bob",
  "Bobs sister",
  "北京",
  "2023",
  "generous",
  "travel plans",
  "what is the",
  "it is",
  "volunteers",
  '" AND * NEAR( tuesday',
  "ana",
  "nothing matches here",
];

const stores: SqliteStore[] = [];
afterEach(async () => {
  while (stores.length) await stores.pop()?.close();
});

describe("the stores tokenize alike", () => {
  it("SQLite's keyword search finds exactly the memories Qdrant's sparse vectors would match", async () => {
    const store = new SqliteStore({ path: ":memory:" });
    stores.push(store);
    await store.init({ dimensions: DIMS, embedder: EMBEDDER });
    await store.apply(
      memories.map((m, i) => ({ op: "insert" as const, memory: m, vector: axis(i) })),
      [],
    );
    const vectors = new Map(memories.map((m) => [m.id, new Set(documentVector({ ...m, context: undefined }).indices)]));
    for (const probe of probes) {
      const query = queryVector(probe)?.indices ?? [];
      const qdrant = memories.filter((m) => query.some((i) => vectors.get(m.id)?.has(i))).map((m) => m.id);
      const hits = await store.keywordSearch(probe, { scope: { userId: "alice" }, filters: {} }, 100);
      expect({ probe, ids: hits.map((h) => h.id).sort() }).toEqual({ probe, ids: qdrant.sort() });
    }
  });

  it("the probes exercise stems, folded accents, tags, context and stopword-only queries", async () => {
    const matches = (probe: string, m: Memory): boolean => {
      const doc = new Set(documentVector(m).indices);
      return (queryVector(probe)?.indices ?? []).some((i) => doc.has(i));
    };
    const [hikes, cafe, bob, meeting, what, volunteer] = memories as [Memory, Memory, Memory, Memory, Memory, Memory];
    expect(matches("hiking", hikes)).toBe(true);
    expect(matches("cafe", cafe)).toBe(true);
    expect(matches("Bobs sister", bob)).toBe(true);
    expect(matches("generous", meeting)).toBe(true);
    expect(matches("travel plans", hikes)).toBe(true);
    expect(matches("volunteers", volunteer)).toBe(true);
    // Stopwords are never indexed, so a query of nothing but stopwords finds nothing in either store.
    expect(matches("what is the", what)).toBe(false);
  });
});
