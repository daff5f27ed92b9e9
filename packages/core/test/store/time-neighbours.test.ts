import { describe, expect, it } from "vitest";
import { NEIGHBOUR_SHARE, NEIGHBOUR_WINDOW_MS, TimeNeighbours } from "../../src/store/sqlite/time-neighbours.js";
import type { TimedDoc } from "../../src/store/sqlite/time-neighbours.js";

const doc = (observedAt: number, runId: string | null = null): TimedDoc => ({ observedAt, agentId: null, runId });

describe("TimeNeighbours", () => {
  it("lends a match's score to the memories said around it, less with distance", () => {
    const docs = new Map([1, 2, 3, 4, 5, 6].map((rid) => [rid, doc(1_000 + rid)]));
    const order = new TimeNeighbours();
    order.touch();
    const out = order.spread(new Map([[3, 10]]), docs);
    expect(out.get(3)).toBe(10);
    expect(out.get(2)).toBeCloseTo(10 * NEIGHBOUR_SHARE);
    expect(out.get(4)).toBeCloseTo(10 * NEIGHBOUR_SHARE);
    expect(out.get(1)).toBeCloseTo((10 * NEIGHBOUR_SHARE) / 2);
    expect(out.get(5)).toBeCloseTo((10 * NEIGHBOUR_SHARE) / 2);
    expect(out.has(6)).toBe(false);
  });

  it("orders by the time things were said, not by insertion, and sees writes after touch()", () => {
    const docs = new Map([[1, doc(5_000)], [2, doc(1_000)], [3, doc(3_000)]]);
    const order = new TimeNeighbours();
    order.touch();
    expect([...order.spread(new Map([[2, 4]]), docs).keys()].sort()).toEqual([1, 2, 3]);
    docs.set(4, doc(2_000));
    order.touch();
    const out = order.spread(new Map([[2, 4]]), docs);
    expect(out.get(4)).toBeCloseTo(4 * NEIGHBOUR_SHARE);
    expect(out.get(3)).toBeCloseTo((4 * NEIGHBOUR_SHARE) / 2);
  });

  it("does not cross another run or a gap longer than the window", () => {
    const docs = new Map([[1, doc(0)], [2, doc(NEIGHBOUR_WINDOW_MS + 1)], [3, doc(NEIGHBOUR_WINDOW_MS + 2, "r1")]]);
    const order = new TimeNeighbours();
    order.touch();
    expect([...order.spread(new Map([[2, 1]]), docs).keys()]).toEqual([2]);
  });
});
