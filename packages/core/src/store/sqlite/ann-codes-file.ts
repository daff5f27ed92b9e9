import { closeSync, openSync, readSync, renameSync, writeSync } from "node:fs";
import { crc32 } from "node:zlib";

/** File magic and version of a codes file. */
const MAGIC = Buffer.from("CMCODES1", "latin1");
/** Rows read or written per system call. */
const CHUNK_ROWS = 1_024;

/** CRC-32 of `bytes` continuing `crc`; zlib's gives 0 for an empty view of an empty buffer, so those are skipped. */
const crcOf = (bytes: Uint8Array, crc = 0): number => (bytes.byteLength === 0 ? crc : crc32(bytes, crc));

/**
 * Writes the re-ranking codes of a binary HNSW index's partition (`rerank-codes.ts`) beside the
 * index (`<index>.codes`), so a process that loads the index re-ranks its shortlist at once instead
 * of reading every float vector from the file. Layout: magic, u32 bytes per row, u32 rows, f64 row
 * ids, the codes row by row, then a CRC-32 of all of it; written to a temp file and renamed into
 * place. `codes` holds row `i` of `rids` at `i × dims` (`dims`: bytes per row).
 */
export function writeCodes(path: string, rids: readonly number[], codes: Int8Array, dims: number): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  let crc = 0;
  const put = (bytes: Uint8Array) => {
    crc = crcOf(bytes, crc);
    for (let done = 0; done < bytes.byteLength;) done += writeSync(fd, bytes, done);
  };
  try {
    const head = Buffer.alloc(16);
    MAGIC.copy(head);
    head.writeUInt32LE(dims, 8);
    head.writeUInt32LE(rids.length, 12);
    put(head);
    put(new Uint8Array(Float64Array.from(rids).buffer));
    const bytes = rids.length * dims;
    for (let at = 0; at < bytes; at += CHUNK_ROWS * dims)
      put(new Uint8Array(codes.buffer, codes.byteOffset + at, Math.min(CHUNK_ROWS * dims, bytes - at)));
    const tail = Buffer.alloc(4);
    tail.writeUInt32LE(crc >>> 0);
    put(tail);
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/**
 * Reads a codes file written by {@link writeCodes}, handing each row to `take(rid, code)` (`code` is
 * reused: copy it); false, with nothing guaranteed about rows already taken, when the file is
 * missing, has rows of another size than `dims` bytes, or fails its checksum — the caller then
 * drops what it took.
 */
export function readCodes(path: string, dims: number, take: (rid: number, code: Int8Array) => void): boolean {
  let fd: number;
  try {
    fd = openSync(path, "r");
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(16);
    if (readSync(fd, head, 0, 16, 0) !== 16 || !head.subarray(0, 8).equals(MAGIC)) return false;
    if (head.readUInt32LE(8) !== dims) return false;
    const rows = head.readUInt32LE(12);
    let crc = crcOf(head);
    const ridBytes = new Uint8Array(rows * 8);
    if (readSync(fd, ridBytes, 0, ridBytes.byteLength, 16) !== ridBytes.byteLength) return false;
    crc = crcOf(ridBytes, crc);
    const rids = new Float64Array(ridBytes.buffer);
    const chunk = new Int8Array(Math.min(rows, CHUNK_ROWS) * dims);
    let position = 16 + ridBytes.byteLength;
    for (let row = 0; row < rows; row += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows - row);
      const view = new Uint8Array(chunk.buffer, 0, n * dims);
      if (readSync(fd, view, 0, view.byteLength, position) !== view.byteLength) return false;
      position += view.byteLength;
      crc = crcOf(view, crc);
      for (let i = 0; i < n; i++) take(rids[row + i] as number, chunk.subarray(i * dims, (i + 1) * dims));
    }
    const tail = Buffer.alloc(4);
    return readSync(fd, tail, 0, 4, position) === 4 && tail.readUInt32LE(0) === crc >>> 0;
  } finally {
    closeSync(fd);
  }
}
