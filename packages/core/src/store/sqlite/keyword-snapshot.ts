import { CortexMemError, ErrorCode } from "../../errors.js";

/**
 * The bytes of a keyword partition (`KeywordPartition.snapshot`/`restore`): its memories in the
 * order the partition holds them, each with its metadata, index terms, weighted term frequencies
 * and length, so a restored partition ranks exactly like the one saved. Layout, little-endian:
 * "CMKP", format version (u32), byte length of a JSON string table (u32) and the table, padded to
 * 8; counts (u32 docs, u32 term entries, u32 speaker entries, u32 0); then columns: f64 importance,
 * observedAt, expiresAt (NaN: never), length; f32 term frequencies; i32 rid, id, agent, run
 * (-1: null), flags (1: superseded), term count, speaker count, term strings, speaker strings.
 */

/** Bumped whenever the layout changes: bytes of another version are refused (and rebuilt), never misread. */
export const KEYWORD_SNAPSHOT_VERSION = 1;
const MAGIC = 0x504b4d43; // "CMKP" read as a little-endian u32

/** One memory as a snapshot holds it. */
export interface SnapshotDoc {
  rid: number;
  id: string;
  importance: number;
  observedAt: number;
  agentId: string | null;
  runId: string | null;
  superseded: boolean;
  expiresAt: number | null;
  len: number;
  speaker: readonly string[];
  terms: readonly string[];
  tfs: readonly number[];
}

/** True when `bytes` start like a keyword snapshot of the version this build reads. */
export function isKeywordSnapshot(bytes: Uint8Array): boolean {
  if (bytes.byteLength < 8) return false;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return view.getUint32(0, true) === MAGIC && view.getUint32(4, true) === KEYWORD_SNAPSHOT_VERSION;
}

/** The bytes of `docs` (in order). Throws `INTERNAL` for a term frequency a 32-bit float cannot hold exactly. */
export function encodeSnapshot(docs: readonly SnapshotDoc[]): Uint8Array {
  const strings: string[] = [];
  const index = new Map<string, number>();
  const ref = (s: string | null): number => {
    if (s === null) return -1;
    let at = index.get(s);
    if (at === undefined) index.set(s, (at = strings.push(s) - 1));
    return at;
  };
  let terms = 0;
  let speakers = 0;
  for (const d of docs) {
    terms += d.terms.length;
    speakers += d.speaker.length;
  }
  const d64 = new Float64Array(docs.length * 4);
  const tf = new Float32Array(terms);
  const i32 = new Int32Array(docs.length * 7 + terms + speakers);
  const n = docs.length;
  let t = 0;
  let s = 0;
  docs.forEach((d, i) => {
    d64[i] = d.importance;
    d64[n + i] = d.observedAt;
    d64[2 * n + i] = d.expiresAt ?? NaN;
    d64[3 * n + i] = d.len;
    const row = [
      d.rid,
      ref(d.id),
      ref(d.agentId),
      ref(d.runId),
      d.superseded ? 1 : 0,
      d.terms.length,
      d.speaker.length,
    ];
    row.forEach((v, c) => (i32[c * n + i] = v));
    d.terms.forEach((term, j) => {
      const f = d.tfs[j] as number;
      if (Math.fround(f) !== f) throw new CortexMemError(ErrorCode.INTERNAL, `term frequency ${f} has no exact f32`);
      tf[t] = f;
      i32[7 * n + t++] = ref(term);
    });
    for (const name of d.speaker) i32[7 * n + terms + s++] = ref(name);
  });
  const table = new TextEncoder().encode(JSON.stringify(strings));
  const head = 12 + table.byteLength + ((8 - ((12 + table.byteLength) % 8)) % 8);
  const out = new Uint8Array(head + 16 + d64.byteLength + tf.byteLength + i32.byteLength);
  const view = new DataView(out.buffer);
  view.setUint32(0, MAGIC, true);
  view.setUint32(4, KEYWORD_SNAPSHOT_VERSION, true);
  view.setUint32(8, table.byteLength, true);
  out.set(table, 12);
  [n, terms, speakers, 0].forEach((v, i) => view.setUint32(head + 4 * i, v, true));
  let at = head + 16;
  for (const part of [d64, tf, i32]) {
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += part.byteLength;
  }
  return out;
}

/**
 * The memories of `bytes` (from {@link encodeSnapshot}), in order. Throws `VALIDATION` when the
 * bytes are not a snapshot of {@link KEYWORD_SNAPSHOT_VERSION} or are cut short: rebuild instead.
 */
export function decodeSnapshot(bytes: Uint8Array): SnapshotDoc[] {
  const refuse = (why: string) =>
    new CortexMemError(ErrorCode.VALIDATION, `not a keyword snapshot of version ${KEYWORD_SNAPSHOT_VERSION}: ${why}`);
  if (!isKeywordSnapshot(bytes)) throw refuse("wrong magic or version");
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const tableLen = view.getUint32(8, true);
  const head = 12 + tableLen + ((8 - ((12 + tableLen) % 8)) % 8);
  if (bytes.byteLength < head + 16) throw refuse("cut short");
  const strings = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + tableLen))) as string[];
  const [n, terms, speakers] = [0, 1, 2].map((i) => view.getUint32(head + 4 * i, true)) as [number, number, number];
  const size = head + 16 + n * 32 + terms * 4 + (n * 7 + terms + speakers) * 4;
  if (bytes.byteLength !== size) throw refuse(`${bytes.byteLength} bytes, expected ${size}`);
  let at = head + 16;
  const take = (length: number) => bytes.slice(at, (at += length)).buffer;
  const d64 = new Float64Array(take(n * 32));
  const tf = new Float32Array(take(terms * 4));
  const i32 = new Int32Array(take((n * 7 + terms + speakers) * 4));
  const str = (i: number): string | null => (i < 0 ? null : (strings[i] as string));
  const docs: SnapshotDoc[] = new Array<SnapshotDoc>(n);
  let t = 0;
  let s = 7 * n + terms;
  for (let i = 0; i < n; i++) {
    const col = (c: number) => i32[c * n + i] as number;
    const termCount = col(5);
    const docTerms: string[] = new Array<string>(termCount);
    const tfs: number[] = new Array<number>(termCount);
    for (let j = 0; j < termCount; j++, t++) {
      docTerms[j] = strings[i32[7 * n + t] as number] as string;
      tfs[j] = tf[t] as number;
    }
    const speaker: string[] = [];
    for (let j = col(6); j > 0; j--) speaker.push(strings[i32[s++] as number] as string);
    const expiresAt = d64[2 * n + i] as number;
    docs[i] = {
      rid: col(0),
      id: str(col(1)) as string,
      importance: d64[i] as number,
      observedAt: d64[n + i] as number,
      agentId: str(col(2)),
      runId: str(col(3)),
      superseded: col(4) === 1,
      expiresAt: Number.isNaN(expiresAt) ? null : expiresAt,
      len: d64[3 * n + i] as number,
      speaker,
      terms: docTerms,
      tfs,
    };
  }
  return docs;
}
