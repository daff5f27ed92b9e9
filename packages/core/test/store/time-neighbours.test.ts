import { describe, expect, it } from "vitest";
import {
  NEIGHBOUR_REACH,
  NEIGHBOUR_SHARE,
  NEIGHBOUR_WINDOW_MS,
  TimeNeighbours,
} from "../../src/store/sqlite/time-neighbours.js";
import type { TimedDoc } from "../../src/store/sqlite/time-neighbours.js";

/** The spread as a map, in its order. */
const spreadOf = (order: TimeNeighbours, scores: Map<number, number>, docs: Map<number, TimedDoc>) => {
  const { rids, scores: credited } = order.spread(scores, docs);
  return new Map(rids.map((rid, i) => [rid, credited[i] as number]));
};

const doc = (observedAt: number, runId: string | null = null): TimedDoc => ({ observedAt, agentId: null, runId });

describe("TimeNeighbours", () => {
  it("lends a match's score to the memories said around it, less with distance", () => {
    const docs = new Map([1, 2, 3, 4, 5, 6].map((rid) => [rid, doc(1_000 + rid)]));
    const order = new TimeNeighbours();
    for (const [rid, d] of docs) order.add(rid, d);
    const out = spreadOf(order, new Map([[3, 10]]), docs);
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
    expect(spreadOf(order, new Map([[1, 4]]), docs).get(2)).toBeCloseTo(4 * NEIGHBOUR_SHARE);
    put(4, 2_000); // said between 1 and 2, stored last
    const out = spreadOf(order, new Map([[1, 4]]), docs);
    expect(out.get(4)).toBeCloseTo(4 * NEIGHBOUR_SHARE);
    expect(out.get(2)).toBeCloseTo((4 * NEIGHBOUR_SHARE) / 2);
    docs.delete(4);
    order.remove(4);
    expect(spreadOf(order, new Map([[1, 4]]), docs).get(2)).toBeCloseTo(4 * NEIGHBOUR_SHARE);
  });

  it("does not cross another run or a gap longer than the window", () => {
    const docs = new Map([
      [1, doc(0)],
      [2, doc(NEIGHBOUR_WINDOW_MS + 1)],
      [3, doc(NEIGHBOUR_WINDOW_MS + 2, "r1")],
    ]);
    const order = new TimeNeighbours();
    for (const [rid, d] of docs) order.add(rid, d);
    expect([...spreadOf(order, new Map([[2, 1]]), docs).keys()]).toEqual([2]);
  });

  it("keeps a match it has no place for with its own score, lending nothing", () => {
    const docs = new Map([1, 2, 3].map((rid) => [rid, doc(1_000 + rid)]));
    const order = new TimeNeighbours();
    for (const [rid, d] of docs) order.add(rid, d);
    const out = spreadOf(
      order,
      new Map([
        [9, 5],
        [2, 1],
      ]),
      docs,
    );
    expect([...out]).toEqual([
      [9, 5],
      [2, 1],
      [1, NEIGHBOUR_SHARE],
      [3, NEIGHBOUR_SHARE],
    ]);
  });

  it("gives exactly what reading each neighbour at search time gives, through appends, late arrivals and removals", () => {
    // The definition: walk the time order from each match, stop at the first memory that is not near.
    const reference = (
      scores: Map<number, number>,
      docs: Map<number, TimedDoc>,
      masks: Map<number, number>,
    ): [Map<number, number>, Map<number, number>] => {
      const order = [...docs.keys()].sort(
        (a, b) => (docs.get(a) as TimedDoc).observedAt - (docs.get(b) as TimedDoc).observedAt || a - b,
      );
      const out = new Map(scores);
      const bits = new Map(masks);
      for (const [rid, score] of scores) {
        const at = order.indexOf(rid);
        const center = docs.get(rid) as TimedDoc;
        for (const step of [-1, 1])
          for (let d = 1; d <= NEIGHBOUR_REACH; d++) {
            const other = docs.get(order[at + step * d] as number);
            if (
              !other ||
              Math.abs(other.observedAt - center.observedAt) > NEIGHBOUR_WINDOW_MS ||
              other.agentId !== center.agentId ||
              other.runId !== center.runId
            )
              break;
            const id = order[at + step * d] as number;
            out.set(id, (out.get(id) ?? 0) + (NEIGHBOUR_SHARE * score) / d);
            bits.set(id, (bits.get(id) ?? 0) | (masks.get(rid) ?? 0));
          }
      }
      return [out, bits];
    };
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    const docs = new Map<number, TimedDoc>();
    const order = new TimeNeighbours();
    let clock = 0;
    for (let rid = 1; rid <= 400; rid++) {
      const r = random();
      // Mostly in time order (appends), sometimes the same instant, a long gap or a late arrival.
      clock += r < 0.2 ? 0 : r < 0.3 ? NEIGHBOUR_WINDOW_MS * 2 : Math.floor(random() * 600_000);
      const at = random() < 0.05 ? clock - Math.floor(random() * NEIGHBOUR_WINDOW_MS) : clock;
      const d: TimedDoc = {
        observedAt: at,
        agentId: random() < 0.2 ? "a2" : "a1",
        runId: random() < 0.3 ? null : `r${Math.floor(random() * 2)}`,
      };
      docs.set(rid, d);
      order.add(rid, d);
      if (random() < 0.03) {
        const gone = 1 + Math.floor(random() * rid);
        docs.delete(gone);
        order.remove(gone);
      }
      if (rid % 20 === 0) {
        const ids = [...docs.keys()];
        const scores = new Map(ids.filter(() => random() < 0.3).map((id) => [id, random() * 10] as const));
        const masks = new Map([...scores.keys(), 1, 2].map((id) => [id, Math.floor(random() * 2 ** 30)] as const));
        const got = order.spread(scores, docs, masks);
        const [want, wantBits] = reference(scores, docs, masks);
        expect(got.rids.map((id, i) => [id, got.scores[i]])).toEqual([...want]);
        expect(got.rids.map((id, i) => got.masks[i] === wantBits.get(id))).not.toContain(false);
      }
    }
  });

  it("gives a credited neighbour the query-term bits of the memory that lent to it", () => {
    const docs = new Map([1, 2, 3, 4].map((rid) => [rid, doc(1_000 + rid)]));
    const order = new TimeNeighbours();
    for (const [rid, d] of docs) order.add(rid, d);
    const masks = new Map([
      [2, 0b01],
      [3, 0b10],
    ]);
    const spread = order.spread(
      new Map([
        [2, 1],
        [3, 1],
      ]),
      docs,
      masks,
    );
    const bits = new Map(spread.rids.map((rid, i) => [rid, spread.masks[i]]));
    expect(bits.get(2)).toBe(0b11);
    expect(bits.get(3)).toBe(0b11);
    expect(bits.get(1)).toBe(0b11); // one step from 2, two from 3
    expect(bits.get(4)).toBe(0b11);
  });
});
