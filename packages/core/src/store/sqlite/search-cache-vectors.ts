import { dot } from "../../embedder/embedder.js";
import type { StoreHit } from "../memory-store.js";
import { AnnIndex, annCodeFor } from "./ann-index.js";
import { readCodes, writeCodes } from "./ann-codes-file.js";
import { AnnFiles } from "./ann-files.js";
import { releasePageCache, withSmallPageCache } from "./page-cache.js";
import { SparseIndex, density } from "./sparse-index.js";
import { DEFAULT_SPARSE_DENSITY, SAVE_EVERY } from "./search-cache-options.js";
import type { CacheState } from "./search-cache-state.js";
import type { VectorReads } from "./search-cache-vector-reads.js";
import type { RowPredicate, VectorHit } from "./vector-partition.js";
import { VectorPartition } from "./vector-partition.js";

/**
 * The vector half of the search cache: cosine search over the vector partitions, and the index of
 * each large one — inverted lists for sparse vectors, else an HNSW index saved beside the database
 * and replayed forward on load.
 */
export class VectorCache {
  readonly #state: CacheState;
  readonly #reads: VectorReads;
  readonly #files: AnnFiles | null;

  constructor(state: CacheState, reads: VectorReads) {
    this.#state = state;
    this.#reads = reads;
    const { dbPath } = state.o;
    this.#files = dbPath && dbPath !== ":memory:" ? new AnnFiles(dbPath) : null;
  }

  /**
   * Best `k` of the partitions `keys` by cosine similarity among the rows `pass` lets through.
   * Each partition proposes twice `k` by approximate (int8 / HNSW) cosine, or more when its index
   * ranks by a coarser estimate (binary codes: `AnnIndex.shortlist`); the shortlists are re-scored
   * with the float vectors read from the file, so returned scores are exact cosines. Each partition
   * fills its own list, so estimates of different indexes are never ranked against each other.
   */
  search(query: Float32Array, keys: readonly string[], pass: RowPredicate, k: number): Required<StoreHit>[] {
    const shortlist: VectorHit[] = [];
    for (const key of keys) {
      const partition = this.#state.partitions.get(key);
      if (!partition) continue;
      this.#ensureAnn(key, partition);
      if (partition.ann && (this.#state.dirty.get(key) ?? 0) >= SAVE_EVERY) this.#save(key, partition);
      const own: VectorHit[] = [];
      partition.search(query, pass, 2 * k, own, this.#reads.vectors);
      for (const hit of own) shortlist.push(hit);
    }
    const vectors = this.#reads.vectors(shortlist.map((h) => h.rid));
    return shortlist
      .map(({ id, score, importance, observedAt, rid }) => {
        const vector = vectors.get(rid);
        return { id, score: vector ? dot(query, vector) : score, importance, observedAt };
      })
      .sort((a, b) => b.score - a.score)
      .slice(0, k);
  }

  /** Saves the HNSW indexes that changed since they were last written. */
  saveChanged(): void {
    for (const [key, partition] of this.#state.partitions)
      if (partition.ann && (this.#state.dirty.get(key) ?? 0) > 0) this.#save(key, partition);
  }

  /**
   * Creates the vector partition of `key` without codes when it is about to load `rows` rows, at
   * least the ANN threshold: its HNSW index is then loaded or built from the file on its first
   * search, and the codes of every row are never held beside it. True when deferred.
   */
  deferIfLarge(key: string, rows: number): boolean {
    const { o, partitions } = this.#state;
    if (o.annThreshold <= 0 || rows < o.annThreshold) return false;
    let partition = partitions.get(key);
    if (!partition) partitions.set(key, (partition = new VectorPartition(o.dims)));
    if (partition.size === 0 && !partition.ann) partition.deferCodes();
    return !partition.holdsCodes;
  }

  /**
   * Gives a large partition its index: inverted lists when its vectors are sparse (built from the
   * file, in memory only), else its HNSW index — the saved one replayed forward, or a fresh build
   * (then saved).
   */
  #ensureAnn(key: string, partition: VectorPartition): void {
    const { o, db } = this.#state;
    const reads = this.#reads;
    if (partition.ann) return;
    if (partition.holdsCodes && (o.annThreshold <= 0 || partition.size < o.annThreshold)) return;
    if (this.#sparse(partition)) {
      const index = new SparseIndex(o.dims);
      if (partition.holdsCodes) partition.buildAnn(index);
      else withSmallPageCache(db, () => partition.buildAnnFrom(reads.readInto, undefined, index));
      return releasePageCache(db);
    }
    const fileKey = this.#files?.key(o.embedder, key, annCodeFor(o.dims));
    const saved = fileKey ? this.#files?.latest(fileKey, this.#state.lastSeq) : undefined;
    if (!(saved && this.#replay(partition, saved))) {
      if (partition.holdsCodes) partition.buildAnn();
      else withSmallPageCache(db, () => partition.buildAnnFrom(reads.readInto));
      this.#save(key, partition);
    }
    releasePageCache(db);
  }

  /** True when a sample of the partition's vectors is sparse enough for inverted lists. */
  #sparse(partition: VectorPartition): boolean {
    const limit = this.#state.o.sparseDensity ?? DEFAULT_SPARSE_DENSITY;
    if (limit <= 0) return false;
    const sample = this.#reads.vectors(partition.sampleRids(64));
    return sample.size > 0 && density(sample.values()) <= limit;
  }

  /** Loads a saved HNSW index and replays the logged changes since; false when it can't be trusted. */
  #replay(partition: VectorPartition, saved: { path: string; seq: number }): boolean {
    const { sql, lastSeq, o } = this.#state;
    try {
      const low = this.#state.lowSeq();
      if (saved.seq + 1 < low) return false;
      const changes = sql("SELECT DISTINCT rid, op FROM change_log WHERE seq > ? AND seq <= ?").all(
        saved.seq,
        lastSeq,
      ) as { rid: number; op: string }[];
      if (changes.some((c) => c.op === "reset")) return false;
      const ann = AnnIndex.load(saved.path, o.dims);
      const changed = [...new Set(changes.map((c) => c.rid))];
      const vectors = this.#reads.vectors(changed.filter((rid) => partition.has(rid)));
      for (const rid of changed) {
        const vector = vectors.get(rid);
        if (vector) ann.upsert(rid, vector);
        else ann.remove(rid);
      }
      if (!partition.annAgrees(ann, this.#reads.vectors)) return false;
      partition.useAnn(ann);
      // A binary index re-ranks its shortlist with the codes saved beside it; without them (an
      // older or damaged file) the whole shortlist is re-scored from the file instead.
      if (ann.code === "b1")
        partition.adoptCodes(
          (rowBytes, take) => readCodes(`${saved.path}.codes`, rowBytes, take),
          vectors,
          this.#reads.vectors,
        );
      return true;
    } catch {
      return false;
    }
  }

  /** Writes the partition's HNSW index beside the database as of the log position reached. */
  #save(key: string, partition: VectorPartition): void {
    if (!this.#files || !(partition.ann instanceof AnnIndex)) return;
    const { embedder } = this.#state.o;
    const { code } = partition.ann;
    const fileKey = this.#files.key(embedder, key, code);
    try {
      const path = this.#files.pathFor(fileKey, this.#state.lastSeq);
      const held = code === "b1" ? partition.heldCodes() : undefined;
      // The codes first: a reader finds the index only once both are in place.
      if (held) writeCodes(`${path}.codes`, held.rids, held.codes, held.rowBytes);
      partition.ann.save(path);
      this.#files.prune(fileKey, this.#state.lastSeq);
      this.#files.pruneFormer(embedder, key, code);
      this.#state.dirty.set(key, 0);
    } catch {
      // A cache file that cannot be written only costs a rebuild next time.
    }
  }
}
