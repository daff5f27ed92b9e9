import { createHash, randomBytes } from "node:crypto";
import {
  closeSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import { BM25, TAG_WEIGHT, searchTags, termFrequencies } from "../../indexing/search-tags.js";
import { speakerTerms } from "../../indexing/query-speaker.js";

/** First bytes of every keyword partition file. */
const MAGIC = "CMKW";
/** Version of the file layout around the partition's own bytes (header, checksum). */
export const KEYWORD_FILE_VERSION = 1;
/** magic (4) + version (4) + SHA-256 (32) + header length (4). */
const PREFIX = 44;
/** A temp file older than this was left by a killed save and is removed by the next save. */
const STALE_TEMP_MS = 10 * 60_000;

/** What a saved file says about itself, checked before its partition bytes are used. */
interface Header {
  /** The user the partition belongs to ("" for memories without one). */
  partition: string;
  /** The `change_log` position the partition reflects: changes after it are replayed on load. */
  seq: number;
  /** {@link tokenizerFingerprint} when it was written. */
  tokenizer: string;
  /** Memories it holds. */
  size: number;
}

/** A saved partition that passed every check of the file: its bytes and the position they reflect. */
export interface SavedKeywords {
  seq: number;
  size: number;
  bytes: Uint8Array;
}

/** Why a file was not used: missing, or refused (then rebuilt from the rows and written again). */
export type KeywordFileMiss = "missing" | "corrupt" | "version" | "foreign" | "tokenizer" | "ahead";

let fingerprint: string | undefined;

/** Writes all of `bytes` at the file's current position. */
function writeAll(fd: number, bytes: Uint8Array): void {
  for (let at = 0; at < bytes.length;) at += writeSync(fd, bytes, at, bytes.length - at);
}

/**
 * A digest of what the tokenizer, the stemmer and the tag and speaker rules make of a fixed text,
 * and of BM25's settings: a file written by a build that indexed words differently is refused,
 * whatever its version says (its terms would silently miss the query's).
 */
export function tokenizerFingerprint(): string {
  if (fingerprint) return fingerprint;
  const content =
    "Caroline: I'm running to the Café Müller on 7 May 2023 — the bakers' 3rd-floor studios, aren't they?";
  const tags = searchTags({ actorId: "Mélanie O'Neil", entities: ["Berlin", "LGBTQ"], topics: ["hobbies"] });
  const { tf, length } = termFrequencies(content, tags);
  const parts = [[...tf], length, speakerTerms(null, content), speakerTerms("Mélanie O'Neil", ""), BM25, TAG_WEIGHT];
  fingerprint = createHash("sha256").update(JSON.stringify(parts)).digest("hex").slice(0, 16);
  return fingerprint;
}

/**
 * Where the keyword (BM25) partitions of one store are kept between processes:
 * `<db>-ann/<key>.keywords`, one file per user, beside the HNSW indexes. A file holds a header (the
 * user, the `change_log` position it reflects, the tokenizer's fingerprint), a SHA-256 of all that
 * follows it, and the partition's own bytes (`KeywordPartition.snapshot`). Writers rename a
 * complete temp file into place, so readers see a whole file or none; several processes may
 * write the same one, the last rename wins and each is valid. A file failing any check is not
 * used ({@link read} says why): the partition is rebuilt from the rows and saved again.
 */
export class KeywordFiles {
  readonly #dir: string;

  constructor(dbPath: string) {
    this.#dir = `${dbPath}-ann`;
  }

  /** The file of one user's partition. */
  pathOf(partition: string): string {
    const key = createHash("sha1").update(`keywords\0${partition}`).digest("hex").slice(0, 20);
    return join(this.#dir, `${key}.keywords`);
  }

  /**
   * The saved partition of `partition` if its file is whole, of this layout and tokenizer, of this
   * user and not ahead of the log (`head`: the newest `change_log` position); else why not.
   */
  read(partition: string, head: number): SavedKeywords | KeywordFileMiss {
    let file: Buffer;
    try {
      file = readFileSync(this.pathOf(partition));
    } catch {
      return "missing";
    }
    if (file.length < PREFIX || file.toString("latin1", 0, 4) !== MAGIC) return "corrupt";
    if (file.readUInt32LE(4) !== KEYWORD_FILE_VERSION) return "version";
    const sum = createHash("sha256").update(file.subarray(0, 8)).update(file.subarray(40)).digest();
    if (!sum.equals(file.subarray(8, 40))) return "corrupt";
    const headerLength = file.readUInt32LE(40);
    if (PREFIX + headerLength > file.length) return "corrupt";
    let header: Header;
    try {
      header = JSON.parse(file.toString("utf8", PREFIX, PREFIX + headerLength)) as Header;
    } catch {
      return "corrupt";
    }
    if (header.partition !== partition) return "foreign";
    if (header.tokenizer !== tokenizerFingerprint()) return "tokenizer";
    if (!Number.isSafeInteger(header.seq) || !Number.isSafeInteger(header.size)) return "corrupt";
    // A file ahead of the log belongs to another database (or one since recreated at this path).
    if (header.seq > head) return "ahead";
    const bytes = file.subarray(PREFIX + headerLength);
    return { seq: header.seq, size: header.size, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length) };
  }

  /** Writes the partition's bytes as reflecting `seq` (temp file, then rename). */
  write(partition: string, seq: number, size: number, bytes: Uint8Array): void {
    mkdirSync(this.#dir, { recursive: true });
    const path = this.pathOf(partition);
    const header: Header = { partition, seq, size, tokenizer: tokenizerFingerprint() };
    const headerBytes = Buffer.from(JSON.stringify(header), "utf8");
    const prefix = Buffer.alloc(PREFIX);
    prefix.write(MAGIC, 0, "latin1");
    prefix.writeUInt32LE(KEYWORD_FILE_VERSION, 4);
    prefix.writeUInt32LE(headerBytes.length, 40);
    const sum = createHash("sha256").update(prefix.subarray(0, 8)).update(prefix.subarray(40));
    sum.update(headerBytes).update(bytes).digest().copy(prefix, 8);
    const temp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
    try {
      // Three writes, not one concatenation: a 100k-memory partition is ~20 MB, copied once is enough.
      const fd = openSync(temp, "w");
      try {
        for (const part of [prefix, headerBytes, bytes]) writeAll(fd, part);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, path);
    } finally {
      rmSync(temp, { force: true });
    }
    this.#removeStaleTemps(path);
  }

  /** Removes the file of one partition (a later load rebuilds it). */
  remove(partition: string): void {
    rmSync(this.pathOf(partition), { force: true });
  }

  /** Temp files of this partition left by saves killed before their rename. */
  #removeStaleTemps(path: string): void {
    const name = path.slice(this.#dir.length + 1);
    let names: string[];
    try {
      names = readdirSync(this.#dir);
    } catch {
      return;
    }
    for (const other of names) {
      if (!other.startsWith(`${name}.`) || !other.endsWith(".tmp")) continue;
      try {
        if (Date.now() - statSync(join(this.#dir, other)).mtimeMs > STALE_TEMP_MS) rmSync(join(this.#dir, other));
      } catch {
        // Gone already, or another process's: only disk space is at stake.
      }
    }
  }
}
