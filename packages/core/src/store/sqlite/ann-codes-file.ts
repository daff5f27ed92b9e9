import { createHash } from "node:crypto";
import type { Hash } from "node:crypto";
import { closeSync, fstatSync, openSync, readSync, renameSync, writeSync } from "node:fs";

/** File magic and version of a codes file. */
const MAGIC = Buffer.from("CMCODES1", "latin1");
/** Rows read or written per system call. */
const CHUNK_ROWS = 1_024;

/** Bytes of the SHA-1 digest that ends the file (zlib's CRC-32 needs Node 20.15; we support 20.10). */
const DIGEST = 20;

/**
 * Writes the re-ranking codes of a binary HNSW index's partition (`rerank-codes.ts`) beside the
 * index (`<index>.codes`), so a process that loads the index re-ranks its shortlist at once instead
 * of reading every float vector from the file. Layout: magic, u32 bytes per row, u32 rows, f64 row
 * ids, the codes row by row, then the SHA-1 of all of it; written to a temp file and renamed into
 * place. `codes` holds row `i` of `rids` at `i × dims` (`dims`: bytes per row).
 */
export function writeCodes(path: string, rids: readonly number[], codes: Int8Array, dims: number): void {
  const temp = `${path}.${process.pid}.tmp`;
  const fd = openSync(temp, "w");
  const hash = createHash("sha1");
  const write = (bytes: Uint8Array) => {
    for (let done = 0; done < bytes.byteLength;) done += writeSync(fd, bytes, done);
  };
  const put = (bytes: Uint8Array) => {
    hash.update(bytes);
    write(bytes);
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
    write(hash.digest());
  } finally {
    closeSync(fd);
  }
  renameSync(temp, path);
}

/**
 * Reads a codes file written by {@link writeCodes}, handing each row to `take(rid, code)` (`code` is
 * reused: copy it); false, with nothing guaranteed about rows already taken, when the file is
 * missing, has rows of another size than `dims` bytes, is not as long as its header says, or fails
 * its checksum — the caller then drops what it took.
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
    // A damaged header must not size the buffers: the file's length has to be what it announces.
    if (fstatSync(fd).size !== 16 + rows * (8 + dims) + DIGEST) return false;
    const hash: Hash = createHash("sha1").update(head);
    const ridBytes = new Uint8Array(rows * 8);
    if (readSync(fd, ridBytes, 0, ridBytes.byteLength, 16) !== ridBytes.byteLength) return false;
    hash.update(ridBytes);
    const rids = new Float64Array(ridBytes.buffer);
    const chunk = new Int8Array(Math.min(rows, CHUNK_ROWS) * dims);
    let position = 16 + ridBytes.byteLength;
    for (let row = 0; row < rows; row += CHUNK_ROWS) {
      const n = Math.min(CHUNK_ROWS, rows - row);
      const view = new Uint8Array(chunk.buffer, 0, n * dims);
      if (readSync(fd, view, 0, view.byteLength, position) !== view.byteLength) return false;
      position += view.byteLength;
      hash.update(view);
      for (let i = 0; i < n; i++) take(rids[row + i] as number, chunk.subarray(i * dims, (i + 1) * dims));
    }
    const tail = Buffer.alloc(DIGEST);
    return readSync(fd, tail, 0, DIGEST, position) === DIGEST && tail.equals(hash.digest());
  } finally {
    closeSync(fd);
  }
}
