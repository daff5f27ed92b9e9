import { describe, expect, it } from "vitest";
import { FACTOR_POOL, QdrantStore } from "../../../src/store/qdrant-store.js";
import { fakeQdrant } from "./fake-qdrant.js";

const MAY_8 = Date.UTC(2023, 4, 8, 10);
const JUNE_10 = Date.UTC(2023, 5, 10, 10);
const point = (id: string, score: number, at: number, content: string, actor: string | null = null) => ({
  score,
  payload: { id, importance: 0.5, observed_at: at, content, actor_id: actor },
});

/** Qdrant scores the words; these points stand for its answer (a fake over real HTTP, see `fake-qdrant.ts`). */
const POINTS = [
  point("june", 2.0, JUNE_10, "I went hiking in the hills"),
  point("ana", 1.8, JUNE_10, "Ben, where did you go hiking?", "Ana"),
  point("may", 1.0, MAY_8, "a hiking trip to the lakes"),
  point("ben", 0.9, JUNE_10, "Ben: up to the mountain lakes"),
];

async function store(): Promise<{ store: QdrantStore; queries: Record<string, unknown>[] }> {
  const { url, queries } = await fakeQdrant(8, POINTS);
  const s = new QdrantStore({ url, retry: { attempts: 1, baseDelayMs: 1 } });
  await s.init({ dimensions: 8, embedder: "e" });
  return { store: s, queries };
}

const Q = { scope: { userId: "u" }, filters: {} };

describe("QdrantStore keyword search weighs the pool by the query's dates and names", () => {
  it("asks for a larger pool with who said each and when, and cuts it to the limit", async () => {
    const { store: s, queries } = await store();
    const hits = await s.keywordSearch("where did I go hiking?", Q, 2);
    expect(hits.map((h) => h.id)).toEqual(["june", "ana"]);
    expect(queries[0]).toMatchObject({ limit: 2 * FACTOR_POOL });
    expect(queries[0]?.with_payload).toEqual(expect.arrayContaining(["observed_at", "actor_id", "content"]));
  });

  it("ranks the memory said within the date the query names first (×4)", async () => {
    const { store: s } = await store();
    const hits = await s.keywordSearch("where did I go hiking in May 2023?", Q, 2);
    expect(hits.map((h) => h.id)).toEqual(["may", "june"]);
    expect(hits[0]?.score).toBeCloseTo(4.0);
  });

  it("ranks what the named speaker said first, as actor or as a leading 'Name:' (×3)", async () => {
    const { store: s } = await store();
    const hits = await s.keywordSearch("where did Ben go hiking?", Q, 3);
    expect(hits.map((h) => h.id)).toEqual(["ben", "june", "ana"]);
    expect(hits[0]?.score).toBeCloseTo(2.7);
    const ana = await s.keywordSearch("where did Ana go hiking?", Q, 1);
    expect(ana.map((h) => h.id)).toEqual(["ana"]);
  });
});
