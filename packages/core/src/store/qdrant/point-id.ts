import { createHash } from "node:crypto";
import { fnv1a } from "../../indexing/fnv1a.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Buckets of the tie-breaker folded into a sort key: ms × 1024 stays an exact integer until the year 2248. */
const TIE_BUCKETS = 1024;

/**
 * The Qdrant point id of a record id. Qdrant accepts only UUIDs and unsigned integers, so a UUID
 * is used as is (lowercased, as Qdrant returns it) and any other id (an imported one) is mapped to
 * a stable name-based UUID; the real id always travels in the payload.
 */
export function pointId(id: string): string {
  if (UUID.test(id)) return id.toLowerCase();
  const h = createHash("sha1").update(`cortex-mem:${id}`).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/**
 * The integer a memory is ordered by: its creation time in ms with a hash of its id below, so
 * memories created in the same millisecond rarely tie (list and export page on it).
 */
export function sortKey(createdAt: Date, id: string): number {
  const key = createdAt.getTime() * TIE_BUCKETS + (fnv1a(id) % TIE_BUCKETS);
  return Math.max(Number.MIN_SAFE_INTEGER, Math.min(Number.MAX_SAFE_INTEGER, key));
}

let lastSeq = 0;

/** A history sequence number: microsecond clock, strictly increasing within this process (orders rows like SQLite's `seq`). */
export function nextSeq(now = Date.now()): number {
  lastSeq = Math.max(lastSeq + 1, now * 1000);
  return lastSeq;
}
