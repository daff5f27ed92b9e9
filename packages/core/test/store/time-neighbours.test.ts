import { describe, expect, it } from "vitest";
import { NEIGHBOUR_SHARE, NEIGHBOUR_WINDOW_MS, TimeNeighbours } from "../../src/store/sqlite/time-neighbours.js";
import type { TimedDoc } from "../../src/store/sqlite/time-neighbours.js";

const doc = (observedAt: number, runId: string | null = null): TimedDoc => ({ observedAt, agentId: null, runId });

describe("TimeNeighbours", () => {
  it("lends a match's score to the memories said around it, less with distance", () => {
    const docs = new Map([1, 2, 3, 4, 5, 6].map((rid) => [rid, doc(1_000 + rid)]));
    const order = new TimeNeighbours();
    for (const [rid, d] of docs) order.add(rid, d);
    const out = order.spread(new Map([[3, 10]]), docs);
    expect(out.get(3)).toBe(10);
    expect(out.get(2)).toBeCloseTo(10 * NEIGHBOUR_SHARE);
    expect(out.get(4)).toBeCloseTo(10 * NEIGHBOUR_SHARE);
    expect(out.get(1)).toBeCloseTo((10 * NEIGHBOUR_SHARE) / 2);
    expect(out.get(5)).toBeCloseTo((10 * NEIGHBOUR_SHARE) / 2);
    expect(out.has(6)).toBe(false);
  });

  it("orders by the time things were said, not by insertion, through adds, late arrivals and removals", () => {
    const docs = new Map<number, TimedDoc>();
    const order = new TimeNeighbours();
    const put = (rid: number, at: number) => (docs.set(rid, doc(at)), order.add(rid, doc(at)));
    put(1, 1_000);
    put(2, 3_000);
    put(3, 5_000);
    expect(order.spread(new Map([[1, 4]]), docs).get(2)).toBeCloseTo(4 * NEIGHBOUR_SHARE);
    put(4, 2_000); // said between 1 and 2, stored last
    const out = order.spread(new Map([[1, 4]]), docs);
    expect(out.get(4)).toBeCloseTo(4 * NEIGHBOUR_SHARE);
    expect(out.get(2)).toBeCloseTo((4 * NEIGHBOUR_SHARE) / 2);
    docs.delete(4);
    order.remove(4);
    expect(order.spread(new Map([[1, 4]]), docs).get(2)).toBeCloseTo(4 * NEIGHBOUR_SHARE);
  });

  it("does not cross another run or a gap longer than the window", () => {
    const docs = new Map([
      [1, doc(0)],
      [2, doc(NEIGHBOUR_WINDOW_MS + 1)],
      [3, doc(NEIGHBOUR_WINDOW_MS + 2, "r1")],
    ]);
    const order = new TimeNeighbours();
    for (const [rid, d] of docs) order.add(rid, d);
    expect([...order.spread(new Map([[2, 1]]), docs).keys()]).toEqual([2]);
  });

  it("gives a credited neighbour the query-term bits of the memory that lent to it", () => {
    const docs = new Map([1, 2, 3, 4].map((rid) => [rid, doc(1_000 + rid)]));
    const order = new TimeNeighbours();
    for (const [rid, d] of docs) order.add(rid, d);
    const masks = new Map([
      [2, 0b01],
      [3, 0b10],
    ]);
    order.spread(
      new Map([
        [2, 1],
        [3, 1],
      ]),
      docs,
      masks,
    );
    expect(masks.get(2)).toBe(0b11);
    expect(masks.get(3)).toBe(0b11);
    expect(masks.get(1)).toBe(0b11); // one step from 2, two from 3
    expect(masks.get(4)).toBe(0b11);
  });
});
