import { seededRandom } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { KeywordPartition } from "../../../src/store/sqlite/keyword-partition.js";
import { ReferencePartition } from "./keyword-reference.js";
import { expectSameSearches, mutate, randomDoc } from "./keyword-fixtures.js";

/**
 * The columnar partition against the map-based one it replaced (kept in `keyword-reference.ts`):
 * every search gives the same memories in the same order with the same scores, bit for bit,
 * through adds, replacements, removals, compactions, expiry, several partitions searched with one
 * set of statistics, neighbours on and off, and query factors.
 */
describe("KeywordPartition layout against the reference", () => {
  it("ranks and scores exactly like the reference over random adds, removes and searches", () => {
    for (let seed = 1; seed <= 12; seed++) {
      const random = seededRandom(seed);
      const parts = 1 + (seed % 3);
      const reference = Array.from({ length: parts }, () => new ReferencePartition());
      const columnar = Array.from({ length: parts }, () => new KeywordPartition());
      for (let round = 0; round < 4; round++) {
        mutate(random, [reference, columnar], 150);
        expectSameSearches(seed * 100 + round, reference, columnar, 80);
      }
    }
  });

  it("stays exact when most memories are removed and the rest are compacted, then grows again", () => {
    const random = seededRandom(42);
    const reference = new ReferencePartition();
    const columnar = new KeywordPartition();
    const both = (f: (p: ReferencePartition | KeywordPartition) => void) => [reference, columnar].forEach(f);
    for (let rid = 0; rid < 600; rid++) {
      const doc = randomDoc(random, rid);
      both((p) => p.upsert(doc));
    }
    for (let rid = 0; rid < 600; rid++) if (rid % 7 !== 0) both((p) => p.remove(rid));
    for (let rid = 600; rid < 900; rid++) {
      const doc = randomDoc(random, rid);
      both((p) => p.upsert(doc));
    }
    expectSameSearches(5, [reference], [columnar], 200);
    expect(columnar.size).toBe(86 + 300);
  });

  it("answers like the reference when memories arrive in time order (the order grows in place)", () => {
    const random = seededRandom(8);
    const reference = new ReferencePartition();
    const columnar = new KeywordPartition();
    for (let rid = 0; rid < 300; rid++) {
      const doc = { ...randomDoc(random, rid), observedAt: rid * 600_000 + (rid % 5 === 0 ? 7_200_000 : 0) };
      reference.upsert(doc);
      columnar.upsert(doc);
      if (rid % 50 === 49) expectSameSearches(rid, [reference], [columnar], 20);
    }
  });
});
