import { seededRandom } from "@cortex-mem/testkit";
import { expect } from "vitest";
import type { QueryFactor } from "../../../src/indexing/query-factor.js";
import type { CorpusStats, KeywordDoc } from "../../../src/store/sqlite/keyword-partition.js";
import type { RowPredicate } from "../../../src/store/sqlite/vector-partition.js";

/** What the randomized comparisons drive: the partition, or a reference implementation of it. */
export interface Searchable {
  readonly size: number;
  readonly totalLength: number;
  df(term: string): number;
  speaks(term: string): boolean;
  upsert(doc: KeywordDoc): void;
  remove(rid: number): void;
  search(
    query: string[],
    pass: RowPredicate,
    k: number,
    top: { id: string; score: number; importance: number; observedAt: number }[],
    corpus?: CorpusStats,
    neighbours?: boolean,
    factor?: QueryFactor,
  ): void;
}

const WORDS = "ann bob violin sister dinner cello paris may trip work cat dog blue red tea walk run art".split(" ");
const NAMES = ["Ann", "Bob", "Caroline Smith", null];

/** A random memory over a small vocabulary (so words repeat and scores tie), with random metadata. */
export function randomDoc(random: () => number, rid: number): KeywordDoc {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const words = Array.from({ length: 1 + Math.floor(random() * 9) }, () => pick(WORDS));
  const prefix = random() < 0.3 ? `${pick(["Ann", "Bob", "Melanie"])}: ` : "";
  return {
    rid,
    id: `m${rid}`,
    importance: Math.round(random() * 10) / 10,
    // Clustered times (so neighbours exist), some equal, some far apart.
    observedAt: Math.floor(random() * 4) * 10_000_000 + Math.floor(random() * 20) * 300_000,
    agentId: pick(["a1", "a2", null]),
    runId: pick(["r1", null]),
    superseded: random() < 0.1,
    expiresAt: random() < 0.15 ? Math.floor(random() * 40_000_000) : random() < 0.5 ? null : undefined,
    content: prefix + words.join(" "),
    tags: random() < 0.5 ? Array.from({ length: Math.floor(random() * 4) }, () => pick(WORDS)).join(" ") : "",
    actorId: pick(NAMES),
  };
}

/** A random query (sometimes with an unknown word, a repeated word, or none known). */
export function randomQuery(random: () => number): string[] {
  const pool = [...WORDS, "zebra", "ann"];
  return Array.from({ length: 1 + Math.floor(random() * 5) }, () => pool[Math.floor(random() * pool.length)] as string);
}

/** A random predicate: scope, superseded, an allow-list, an instant for expiry. */
export function randomPass(random: () => number): RowPredicate {
  const pass: RowPredicate = { includeSuperseded: random() < 0.5 };
  if (random() < 0.2) pass.agentId = random() < 0.5 ? "a1" : "a2";
  if (random() < 0.2) pass.runId = "r1";
  if (random() < 0.15) pass.allowed = new Set(Array.from({ length: 40 }, () => Math.floor(random() * 120)));
  if (random() < 0.5) pass.liveAt = Math.floor(random() * 40_000_000);
  return pass;
}

/** A factor like the query's dates and speakers: reads when a memory was said and by whom. */
export function randomFactor(random: () => number): QueryFactor | undefined {
  const r = random();
  if (r < 0.4) return undefined;
  const at = Math.floor(random() * 4) * 10_000_000;
  const name = random() < 0.5 ? "ann" : "bob";
  return {
    max: 6,
    of: (d) => (Math.abs(d.observedAt - at) < 5_000_000 ? 2 : 1) * (d.speaker.includes(name) ? 3 : 1),
  };
}

/** Runs a seeded stream of upserts and removes on `parts` (rids < 120 spread over them). */
export function mutate(random: () => number, parts: Searchable[][], steps: number): void {
  for (let i = 0; i < steps; i++) {
    const rid = Math.floor(random() * 120);
    const home = rid % (parts[0] as Searchable[]).length;
    const doc = random() < 0.8 ? randomDoc(random, rid) : undefined;
    for (const side of parts) {
      const p = side[home] as Searchable;
      if (doc) p.upsert(doc);
      else p.remove(rid);
    }
  }
}

/** Asserts `a` and `b` (same docs, same order of calls) answer `searches` random searches identically. */
export function expectSameSearches(seed: number, a: Searchable[], b: Searchable[], searches: number): void {
  const random = seededRandom(seed);
  for (let i = 0; i < searches; i++) {
    const query = randomQuery(random);
    const pass = randomPass(random);
    const k = 1 + Math.floor(random() * 12);
    const neighbours = random() < 0.6;
    const factor = randomFactor(random);
    const together = random() < 0.4;
    const run = (side: Searchable[]) => {
      const top: { id: string; score: number; importance: number; observedAt: number }[] = [];
      const parts = together ? side : side.slice(0, 1);
      const corpus = together ? statsOf(side, query) : undefined;
      for (const p of parts) p.search(query, pass, k, top, corpus, neighbours, factor);
      return top;
    };
    expect(run(b), `search ${i}: ${query.join(" ")}`).toEqual(run(a));
  }
  a.forEach((p, i) => {
    expect((b[i] as Searchable).size).toBe(p.size);
    expect((b[i] as Searchable).totalLength).toBe(p.totalLength);
    for (const t of [...WORDS, "zebra", "melanie", "smith"]) {
      expect((b[i] as Searchable).df(t)).toBe(p.df(t));
      expect((b[i] as Searchable).speaks(t)).toBe(p.speaks(t));
    }
  });
}

function statsOf(parts: Searchable[], query: string[]): CorpusStats {
  return {
    n: parts.reduce((sum, p) => sum + p.size, 0),
    totalLength: parts.reduce((sum, p) => sum + p.totalLength, 0),
    df: new Map(query.map((t) => [t, parts.reduce((sum, p) => sum + p.df(t), 0)])),
  };
}
