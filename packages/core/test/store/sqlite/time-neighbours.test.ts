import { seededRandom } from "@cortex-mem/testkit";
import { describe, expect, it } from "vitest";
import { ALIVE, DocColumns } from "../../../src/store/sqlite/keyword-columns.js";
import { NEIGHBOUR_REACH, NEIGHBOUR_WINDOW_MS, TimeNeighbours } from "../../../src/store/sqlite/time-neighbours.js";

/** Columns holding only what the time order reads, and its order. */
function setup() {
  const docs = new DocColumns();
  const order = new TimeNeighbours(docs);
  const put = (rid: number, observedAt: number, agentId: string | null = null, runId: string | null = null) => {
    const slot = docs.append();
    docs.rid[slot] = rid;
    docs.flags[slot] = ALIVE;
    docs.observedAt[slot] = observedAt;
    docs.agent[slot] = docs.name(agentId);
    docs.run[slot] = docs.name(runId);
    docs.slot.set(rid, slot);
    order.add(slot);
  };
  const remove = (rid: number) => {
    const slot = docs.slot.get(rid) as number;
    docs.flags[slot] = 0;
    docs.slot.delete(rid);
    docs.live--;
    order.invalidate();
  };
  /** The rids lent to by `rid`: before it (nearest first), then after it. */
  const around = (rid: number): [number[], number[]] => {
    order.ensure();
    const at = order.pos[docs.slot.get(rid) as number] as number;
    const reach = order.reach[at] as number;
    const ridAt = (p: number) => docs.rid[order.order[p] as number] as number;
    const before = Array.from({ length: reach & 15 }, (_, d) => ridAt(at - d - 1));
    return [before, Array.from({ length: reach >> 4 }, (_, d) => ridAt(at + d + 1))];
  };
  return { docs, order, put, remove, around };
}

describe("TimeNeighbours", () => {
  it("reaches up to two memories each side, by the time they were said, through late arrivals and removals", () => {
    const { put, remove, around } = setup();
    put(1, 1_000);
    put(2, 3_000);
    put(3, 5_000);
    expect(around(1)).toEqual([[], [2, 3]]);
    put(4, 2_000); // said between 1 and 2, stored last
    expect(around(1)).toEqual([[], [4, 2]]);
    expect(around(2)).toEqual([[4, 1], [3]]);
    remove(4);
    expect(around(1)).toEqual([[], [2, 3]]);
  });

  it("does not cross another run, another agent or a gap longer than the window", () => {
    const { put, around } = setup();
    put(1, 0);
    put(2, NEIGHBOUR_WINDOW_MS + 1);
    put(3, NEIGHBOUR_WINDOW_MS + 2, null, "r1");
    put(4, NEIGHBOUR_WINDOW_MS + 3, "a1", "r1");
    expect(around(2)).toEqual([[], []]);
    expect(around(3)).toEqual([[], []]);
  });

  it("gives exactly what walking the time order at search time gives, through appends, late arrivals and removals", () => {
    const random = seededRandom(7);
    const { docs, put, remove, around } = setup();
    let clock = 0;
    for (let rid = 1; rid <= 400; rid++) {
      const r = random();
      // Mostly in time order (appends), sometimes the same instant, a long gap or a late arrival.
      clock += r < 0.2 ? 0 : r < 0.3 ? NEIGHBOUR_WINDOW_MS * 2 : Math.floor(random() * 600_000);
      const at = random() < 0.05 ? clock - Math.floor(random() * NEIGHBOUR_WINDOW_MS) : clock;
      put(rid, at, random() < 0.2 ? "a2" : "a1", random() < 0.3 ? null : `r${Math.floor(random() * 2)}`);
      if (random() < 0.03) {
        const gone = [...docs.slot.keys()][Math.floor(random() * docs.live)] as number;
        remove(gone);
      }
      if (rid % 20 !== 0) continue;
      // The definition: sort by time then rid, walk from each memory, stop at the first that is not near.
      const slots = [...docs.slot.values()].sort(
        (a, b) =>
          (docs.observedAt[a] as number) - (docs.observedAt[b] as number) ||
          (docs.rid[a] as number) - (docs.rid[b] as number),
      );
      const near = (a: number, b: number) =>
        Math.abs((docs.observedAt[a] as number) - (docs.observedAt[b] as number)) <= NEIGHBOUR_WINDOW_MS &&
        docs.agent[a] === docs.agent[b] &&
        docs.run[a] === docs.run[b];
      slots.forEach((slot, i) => {
        const walk = (step: number) => {
          const out: number[] = [];
          for (let d = 1; d <= NEIGHBOUR_REACH; d++) {
            const other = slots[i + step * d];
            if (other === undefined || !near(slot, other)) break;
            out.push(docs.rid[other] as number);
          }
          return out;
        };
        expect(around(docs.rid[slot] as number)).toEqual([walk(-1), walk(1)]);
      });
    }
  });
});
