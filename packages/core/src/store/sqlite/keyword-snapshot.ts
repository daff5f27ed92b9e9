import { CortexMemError, ErrorCode } from "../../errors.js";
import type { DocColumns } from "./keyword-columns.js";
import type { Postings } from "./keyword-postings.js";
import type { TimeNeighbours } from "./time-neighbours.js";
import { SnapshotReader, SnapshotWriter } from "./snapshot-io.js";

/**
 * The bytes of a keyword partition (`KeywordPartition.snapshot`/`restore`): its columns with the
 * removed slots left out, its postings packed term by term, each memory's term ids, and its time
 * order with each position's reach, so restoring is copying arrays and filling two maps (rid →
 * slot, term → id). Layout: "CMKP", format version, a JSON string table (agent and run ids, speaker
 * term lists), the terms and the memory ids as string lists (lengths, then one UTF-8 text), then
 * typed arrays in a fixed order (`snapshot-io.ts`).
 */

/** Bumped whenever the layout changes: bytes of another version are refused (and rebuilt), never misread. */
export const KEYWORD_SNAPSHOT_VERSION = 3;
const MAGIC = 0x504b4d43; // "CMKP" read as a little-endian u32

interface Strings {
  names: string[];
  speakers: (readonly string[])[];
}

/** True when `bytes` start like a keyword snapshot of the version this build reads. */
export function isKeywordSnapshot(bytes: Uint8Array): boolean {
  return SnapshotReader.matches(bytes, MAGIC, KEYWORD_SNAPSHOT_VERSION);
}

/** The bytes of a partition's parts (its time order current: `TimeNeighbours.ensure` first). */
export function encodeSnapshot(
  docs: DocColumns,
  postings: Postings,
  order: TimeNeighbours,
  totalLen: number,
): Uint8Array {
  const map = new Int32Array(docs.used).fill(-1);
  const live: number[] = [];
  for (let slot = 0; slot < docs.used; slot++) if ((docs.flags[slot] as number) & 1) map[slot] = live.push(slot) - 1;
  const pick = <A extends Int32Array | Uint8Array | Float64Array>(a: A): A => {
    const out = new (a.constructor as new (n: number) => A)(live.length);
    live.forEach((slot, i) => (out[i] = a[slot] as number));
    return out;
  };
  const terms = postings.terms.length;
  let entries = 0;
  for (let tid = 0; tid < terms; tid++) entries += postings.count[tid] as number;
  const slots = new Int32Array(entries);
  const tfs = new Float32Array(entries);
  let e = 0;
  for (let tid = 0; tid < terms; tid++)
    for (let i = postings.start[tid] as number, end = i + (postings.count[tid] as number); i < end; i++) {
      slots[e] = map[postings.slots[i] as number] as number;
      tfs[e++] = postings.tfs[i] as number;
    }
  const docCount = pick(postings.docCount.subarray(0, docs.used));
  let held = 0;
  for (const slot of live) held += postings.docCount[slot] as number;
  const docTerms = new Int32Array(held);
  let d = 0;
  for (const slot of live) {
    const s = postings.docStart[slot] as number;
    docTerms.set(postings.docTerms.subarray(s, s + (postings.docCount[slot] as number)), d);
    d += postings.docCount[slot] as number;
  }
  const strings: Strings = { names: docs.names.values, speakers: docs.speakers.values };
  const w = new SnapshotWriter(MAGIC, KEYWORD_SNAPSHOT_VERSION, JSON.stringify(strings));
  w.putStrings(postings.terms);
  w.putStrings(live.map((slot) => docs.ids[slot] as string));
  w.put(new Float64Array([totalLen]));
  w.put(pick(docs.rid), pick(docs.flags), pick(docs.agent), pick(docs.run), pick(docs.speaker));
  w.put(pick(docs.importance), pick(docs.observedAt), pick(docs.expiresAt), pick(docs.len));
  w.put(postings.count.slice(0, terms), slots, tfs, docCount, docTerms);
  w.put(
    order.order.subarray(0, order.size).map((slot) => map[slot] as number),
    order.reach.subarray(0, order.size),
  );
  return w.bytes();
}

/**
 * Fills the empty parts of a new partition from `bytes` (from {@link encodeSnapshot}) and returns
 * its total length. Throws `VALIDATION` when the bytes are not a snapshot of
 * {@link KEYWORD_SNAPSHOT_VERSION}, are cut short or do not hold together: rebuild instead.
 */
export function decodeSnapshot(bytes: Uint8Array, docs: DocColumns, postings: Postings, order: TimeNeighbours): number {
  const refuse = (why: string) =>
    new CortexMemError(ErrorCode.VALIDATION, `not a keyword snapshot of version ${KEYWORD_SNAPSHOT_VERSION}: ${why}`);
  if (!isKeywordSnapshot(bytes)) throw refuse("wrong magic or version");
  const r = new SnapshotReader(bytes, refuse);
  const strings = JSON.parse(r.json()) as Strings;
  const termList = r.strings();
  const ids = r.strings();
  const n = ids.length;
  const terms = termList.length;
  const totalLen = r.f64(1)[0] as number;
  [docs.rid, docs.flags, docs.agent, docs.run, docs.speaker] = [r.i32(n), r.u8(n), r.i32(n), r.i32(n), r.i32(n)];
  [docs.importance, docs.observedAt, docs.expiresAt, docs.len] = [r.f64(n), r.f64(n), r.f64(n), r.f64(n)];
  const count = r.i32(terms);
  const slots = r.i32();
  const tfs = r.f32(slots.length);
  const docCount = r.i32(n);
  const docTerms = r.i32();
  const timeOrder = r.i32(n);
  const reach = r.u8(n);
  r.end();
  // Plain loops, not destructuring or `every` callbacks: a cold process runs this once, unoptimized.
  const start = new Int32Array(terms);
  let at = 0;
  for (let tid = 0; tid < terms; tid++) {
    start[tid] = at;
    at += count[tid] as number;
  }
  const docStart = new Int32Array(n);
  let d = 0;
  for (let slot = 0; slot < n; slot++) {
    docStart[slot] = d;
    d += docCount[slot] as number;
  }
  if (at !== slots.length || d !== docTerms.length) throw refuse("postings and counts disagree");
  if (!allBelow(slots, n) || !allBelow(docTerms, terms)) throw refuse("bad index");
  if (!allBelow(timeOrder, n)) throw refuse("bad time order");
  docs.used = docs.live = n;
  docs.ids = ids;
  for (const name of strings.names) docs.names.of(name, name);
  for (const list of strings.speakers.slice(1)) docs.speakers.of(list.join("\0"), list);
  for (let slot = 0; slot < n; slot++) docs.slot.set(docs.rid[slot] as number, slot);
  postings.terms = termList;
  for (let tid = 0; tid < terms; tid++) postings.ids.set(termList[tid] as string, tid);
  Object.assign(postings, { start, count, cap: count.slice(), slots, tfs, end: at });
  Object.assign(postings, { docStart, docCount, docTerms, docEnd: d });
  order.load(timeOrder, reach);
  return totalLen;
}

/** True when every value of `values` is in [0, `limit`). */
function allBelow(values: Int32Array, limit: number): boolean {
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (v < 0 || v >= limit) return false;
  }
  return true;
}
