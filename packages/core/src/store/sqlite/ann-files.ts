import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { AnnCode } from "./ann-index.js";

/** The index format of the files written now for each code (see {@link AnnFiles.key}). */
const FORMATS: Record<AnnCode, string> = { i8: "i8max-cos", b1: "b1-hamming" };
/** Formats written by earlier versions, whose files are deleted once the partition is saved anew. */
const FORMER_FORMATS = ["i8-cos"] as const;

const keyOf = (embedder: string, partition: string, format: string): string =>
  createHash("sha1").update(`${embedder}\0${partition}\0${format}`).digest("hex").slice(0, 20);

/**
 * Where HNSW indexes of one store are kept: `<db>-ann/<partition>.<seq>.usearch`, the sequence
 * number being the change-log position the index reflects. Writers rename into place, so a
 * reader only ever sees whole files; older generations are removed after a save.
 */
export class AnnFiles {
  readonly #dir: string;

  constructor(dbPath: string) {
    this.#dir = `${dbPath}-ann`;
  }

  /**
   * A short stable file key for one partition of one embedder and index format (`i8max-cos`: int8
   * codes scaled by the largest component, cosine metric; `b1-hamming`: sign bits, Hamming
   * distance; `i8-cos` files held usearch's own truncated codes); indexes of another format are
   * simply not found, and rebuilt.
   */
  key(embedder: string, partition: string, code: AnnCode): string {
    return keyOf(embedder, partition, FORMATS[code]);
  }

  /**
   * The keys the same partition has in the formats other than `code`'s: their files are never read
   * again, so {@link pruneFormer} deletes them instead of leaving a dead index (~180 MB at
   * 100k × 1536) on disk.
   */
  formerKeys(embedder: string, partition: string, code: AnnCode): string[] {
    const others = [...FORMER_FORMATS, ...Object.values(FORMATS)].filter((f) => f !== FORMATS[code]);
    return others.map((format) => keyOf(embedder, partition, format));
  }

  /** Removes every generation of the partition's other formats (see {@link formerKeys}). */
  pruneFormer(embedder: string, partition: string, code: AnnCode): void {
    for (const key of this.formerKeys(embedder, partition, code)) this.prune(key, Number.POSITIVE_INFINITY);
  }

  /** The newest saved generation not newer than `maxSeq`, if any. */
  latest(key: string, maxSeq: number): { path: string; seq: number } | undefined {
    let best: { path: string; seq: number } | undefined;
    for (const name of this.#list()) {
      const m = name.match(/^([0-9a-f]+)\.(\d+)\.usearch$/);
      if (!m || m[1] !== key) continue;
      const seq = Number(m[2]);
      if (seq <= maxSeq && (!best || seq > best.seq)) best = { path: join(this.#dir, name), seq };
    }
    return best;
  }

  /** Path for a new generation (the directory is created). */
  pathFor(key: string, seq: number): string {
    mkdirSync(this.#dir, { recursive: true });
    return join(this.#dir, `${key}.${seq}.usearch`);
  }

  /**
   * Removes generations of `key` older than `seq`, with their digests, codes (`ann-codes-file.ts`)
   * and temp files left by killed saves.
   */
  prune(key: string, seq: number): void {
    for (const name of this.#list()) {
      const m = name.match(/^([0-9a-f]+)\.(\d+)\.usearch(\.sum|\.codes|\.codes\.\d+\.tmp|\.\d+\.tmp(\.sum)?)?$/);
      if (m && m[1] === key && Number(m[2]) < seq) rmSync(join(this.#dir, name), { force: true });
    }
  }

  #list(): string[] {
    try {
      return readdirSync(this.#dir);
    } catch {
      return [];
    }
  }
}
