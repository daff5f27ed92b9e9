import { scratch } from "./keyword-scratch.js";
import { NEIGHBOUR_SHARE } from "./time-neighbours.js";
import type { TimeNeighbours } from "./time-neighbours.js";

/**
 * The time-neighbour spread of a keyword search (`keyword-search.ts`), over the shared scratch: lends
 * each of the first `m` listed matches' score to the memories said around it (`share / d`
 * to the d-th, with its query-term bits), appending those first credited to the list; returns the
 * list's length. Matches lend what they scored themselves, not what they were lent.
 */
export function spread(order: TimeNeighbours, m: number, e: number): number {
  order.ensure();
  const { stamp, score, acc, own, bits, list } = scratch;
  const { pos, reach } = order;
  const slots = order.order;
  for (let j = 0; j < m; j++) {
    const slot = list[j] as number;
    acc[slot] = score[slot] as number;
    bits[slot] = own[slot] as number;
  }
  let total = m;
  const credit = (to: number, lend: number, d: number, lent: number): void => {
    if (stamp[to] !== e && stamp[to] !== e + 1) {
      stamp[to] = e + 1;
      acc[to] = 0;
      bits[to] = 0;
      list[total++] = to;
    }
    acc[to] = (acc[to] as number) + (NEIGHBOUR_SHARE * lend) / d;
    bits[to] = (bits[to] as number) | lent;
  };
  for (let j = 0; j < m; j++) {
    const slot = list[j] as number;
    const at = pos[slot] as number;
    const r = reach[at] as number;
    const lend = score[slot] as number;
    const lent = own[slot] as number;
    for (let d = 1, before = r & 15; d <= before; d++) credit(slots[at - d] as number, lend, d, lent);
    for (let d = 1, after = r >> 4; d <= after; d++) credit(slots[at + d] as number, lend, d, lent);
  }
  return total;
}
