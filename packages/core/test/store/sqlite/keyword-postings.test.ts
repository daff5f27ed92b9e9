import { seededRandom } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { DocColumns } from "../../../src/store/sqlite/keyword-columns.js";
import { Postings } from "../../../src/store/sqlite/keyword-postings.js";

/** `n` documents of 3–12 terms from a vocabulary of 400, slots 0.. in order. */
function bulk(postings: Postings, n: number, seed: number): Map<string, number[]> {
  const random = seededRandom(seed);
  const expected = new Map<string, number[]>();
  for (let slot = 0; slot < n; slot++) {
    const terms = [
      ...new Set(Array.from({ length: 3 + Math.floor(random() * 10) }, () => `t${Math.floor(random() * 400)}`)),
    ];
    postings.add(
      slot,
      terms,
      terms.map((_, i) => 1 + (i % 2) / 2),
    );
    for (const t of terms) expected.set(t, [...(expected.get(t) ?? []), slot]);
  }
  return expected;
}

/** The slots of `term`'s run. */
const runOf = (p: Postings, term: string): number[] => {
  const tid = p.ids.get(term) as number;
  return [...p.slots.subarray(p.start[tid] as number, (p.start[tid] as number) + (p.count[tid] as number))];
};

/**
 * A bulk load's memory: the arena is written once at its final size (each run its count and an
 * eighth), not grown entry by entry with the replaced arrays left to the garbage collector, and
 * the columns of a load that knows its row count are allocated once at that count.
 */
describe("keyword partition sizing on bulk loads", () => {
  it("builds the arena once, sized to its runs, with every entry in slot order", () => {
    const postings = new Postings();
    const expected = bulk(postings, 5_000, 7);
    postings.trim(); // what a search does first
    let size = 16;
    for (let tid = 0; tid < postings.terms.length; tid++) {
      const n = postings.count[tid] as number;
      size += n + (n >> 3);
    }
    expect(postings.slots.length).toBe(size);
    expect(postings.end).toBe(size - 16);
    for (const [term, slots] of expected) expect(runOf(postings, term)).toEqual(slots);
  });

  it("keeps later adds and removals exact after a bulk build", () => {
    const postings = new Postings();
    const expected = bulk(postings, 2_000, 8);
    postings.trim();
    postings.add(2_000, ["t1", "new"], [1, 0.5]);
    postings.remove(3);
    expected.set(
      "t1",
      [...(expected.get("t1") ?? []), 2_000].filter((s) => s !== 3),
    );
    postings.trim();
    expect(runOf(postings, "t1")).toEqual(expected.get("t1"));
    expect(runOf(postings, "new")).toEqual([2_000]);
  });

  it("allocates reserved columns once, at the reserved count", () => {
    const docs = new DocColumns();
    docs.reserve(1_000);
    const rid = docs.rid;
    for (let i = 0; i < 1_000; i++) docs.rid[docs.append()] = i;
    expect(docs.rid).toBe(rid);
    expect(docs.rid.length).toBe(1_000);
  });
});
