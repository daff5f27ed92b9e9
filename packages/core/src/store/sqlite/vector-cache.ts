import type Database from "better-sqlite3";
import type { Scope } from "../../types/memory.js";
import type { StoreHit } from "../memory-store.js";
import { blobToVector } from "./rows.js";
import type { RowPredicate } from "./vector-partition.js";
import { VectorPartition } from "./vector-partition.js";

interface CacheRow {
  rid: number;
  id: string;
  user_id: string | null;
  agent_id: string | null;
  run_id: string | null;
  superseded_by: string | null;
  vector: Buffer | null;
  vector_embedder: string | null;
}

const ROW_SQL = "SELECT m.rid, m.id, m.user_id, m.agent_id, m.run_id, m.superseded_by, v.vector, v.embedder AS vector_embedder FROM memories m LEFT JOIN vectors v ON v.rid = m.rid";

/**
 * An in-process copy of the store's vectors, partitioned by user, kept in step with the file
 * through the `change_log` table: every process's writes (ours and others') are replayed on the
 * next search, and a full reload happens when the log was trimmed past what we have seen.
 */
export class VectorCache {
  readonly #db: Database.Database;
  readonly #dims: number;
  readonly #embedder: string;
  readonly #partitions = new Map<string, VectorPartition>();
  readonly #home = new Map<number, string>();
  #lastSeq = -1;

  constructor(db: Database.Database, dims: number, embedder: string) {
    this.#db = db;
    this.#dims = dims;
    this.#embedder = embedder;
  }

  /** Brings the cache up to date with the file (cheap when nothing changed). */
  sync(): void {
    const head = this.#db.prepare("SELECT COALESCE(MAX(seq), 0) AS seq, COALESCE(MIN(seq), 0) AS low FROM change_log").get() as { seq: number; low: number };
    if (head.seq === this.#lastSeq) return;
    if (this.#lastSeq < 0 || head.low > this.#lastSeq + 1) return this.#reload();
    const changes = this.#db.prepare("SELECT seq, rid, op FROM change_log WHERE seq > ? ORDER BY seq").all(this.#lastSeq) as { seq: number; rid: number; op: string }[];
    const rowStmt = this.#db.prepare(`${ROW_SQL} WHERE m.rid = ?`);
    const touched = new Set<number>();
    for (const change of changes) touched.add(change.rid);
    for (const rid of touched) {
      const row = rowStmt.get(rid) as CacheRow | undefined;
      if (row) this.#put(row);
      else this.#drop(rid);
    }
    this.#lastSeq = changes.length ? (changes[changes.length - 1] as { seq: number }).seq : head.seq;
  }

  #reload(): void {
    this.#partitions.clear();
    this.#home.clear();
    const read = this.#db.transaction(() => {
      const head = this.#db.prepare("SELECT COALESCE(MAX(seq), 0) AS seq FROM change_log").get() as { seq: number };
      for (const row of this.#db.prepare(`${ROW_SQL} WHERE v.embedder = ?`).iterate(this.#embedder) as Iterable<CacheRow>) this.#put(row);
      return head.seq;
    });
    this.#lastSeq = read();
  }

  #put(row: CacheRow): void {
    this.#drop(row.rid);
    if (!row.vector || row.vector_embedder !== this.#embedder) return;
    const vector = blobToVector(row.vector);
    if (vector.length !== this.#dims) return;
    const key = row.user_id ?? "";
    let partition = this.#partitions.get(key);
    if (!partition) {
      partition = new VectorPartition(this.#dims);
      this.#partitions.set(key, partition);
    }
    partition.upsert({ rid: row.rid, id: row.id, agentId: row.agent_id, runId: row.run_id, superseded: row.superseded_by !== null }, vector);
    this.#home.set(row.rid, key);
  }

  #drop(rid: number): void {
    const key = this.#home.get(rid);
    if (key === undefined) return;
    this.#partitions.get(key)?.remove(rid);
    this.#home.delete(rid);
  }

  /** Best `k` memories in `scope` by cosine similarity; `allowed` narrows to rows other filters let through. */
  search(query: Float32Array, scope: Scope, k: number, includeSuperseded: boolean, allowed?: ReadonlySet<number>): StoreHit[] {
    this.sync();
    const pass: RowPredicate = { includeSuperseded, ...(allowed ? { allowed } : {}) };
    if (scope.agentId !== undefined) pass.agentId = scope.agentId;
    if (scope.runId !== undefined) pass.runId = scope.runId;
    const top: StoreHit[] = [];
    if (scope.userId !== undefined) this.#partitions.get(scope.userId)?.scan(query, pass, k, top);
    else for (const partition of this.#partitions.values()) partition.scan(query, pass, k, top);
    return top;
  }

  /** Rows currently held (for tests and stats). */
  get size(): number {
    return this.#home.size;
  }
}
