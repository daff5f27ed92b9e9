import type Database from "better-sqlite3";
import type { Scope } from "../../types/memory.js";
import type { StoreHit } from "../memory-store.js";
import { queryTerms } from "../../indexing/tokenizer.js";
import { queryFactor } from "../../indexing/query-factor.js";
import { corpusStats } from "./keyword-partition.js";
import { KeywordFileCache } from "./search-cache-keyword-files.js";
import type { KeywordFileStats } from "./search-cache-keyword-files.js";
import { CacheFiller } from "./search-cache-fill.js";
import { CacheLoader } from "./search-cache-load.js";
import type { SearchCacheOptions } from "./search-cache-options.js";
import type { Part } from "./search-cache-rows.js";
import { CacheState } from "./search-cache-state.js";
import { syncCache } from "./search-cache-sync.js";
import { VectorReads } from "./search-cache-vector-reads.js";
import { VectorCache } from "./search-cache-vectors.js";
import type { RowPredicate } from "./vector-partition.js";

export type { KeywordFileStats } from "./search-cache-keyword-files.js";
export type { SearchCacheOptions } from "./search-cache-options.js";

/**
 * An in-process copy of what search reads — vectors and a BM25 keyword index — partitioned by
 * user, kept in step with the file through the `change_log` table: every process's writes (ours
 * and others') are replayed on the next search, and a full reload happens when the log was
 * trimmed past what we have seen. Large partitions get an HNSW index, saved beside the database
 * and replayed forward on load. Its parts: `search-cache-state.ts` (what is held), `-sync.ts`
 * (replaying the log), `-load.ts` and `-fill.ts` (loading partitions), `-vectors.ts` and
 * `-vector-reads.ts` (the vector half), `-keyword-files.ts` (keyword partitions on disk); every bulk
 * read goes through `page-cache.ts`.
 */
export class SearchCache {
  readonly #state: CacheState;
  readonly #keywordFiles: KeywordFileCache;
  readonly #vectors: VectorCache;
  readonly #loader: CacheLoader;
  readonly #filler: CacheFiller;

  constructor(db: Database.Database, options: SearchCacheOptions) {
    this.#state = new CacheState(db, options);
    const reads = new VectorReads(this.#state);
    this.#keywordFiles = new KeywordFileCache(this.#state, () => this.sync());
    this.#vectors = new VectorCache(this.#state, reads);
    this.#loader = new CacheLoader(this.#state, this.#keywordFiles, this.#vectors);
    this.#filler = new CacheFiller(this.#state, this.#keywordFiles, this.#vectors);
  }

  /**
   * Brings the cache up to date with the file (cheap when nothing changed): with the changes up to
   * `head` at least (a `change_log` position the caller read after its search began; read here
   * when not given).
   */
  sync(head?: number): void {
    syncCache(this.#state, head);
  }

  /**
   * Does ahead of a search what {@link search} (`vectors`) or {@link keywordSearch} (`keywords`)
   * would do in one piece — replay the change log, load the user's partition — reading the file
   * in slices and yielding to the event loop every few milliseconds, so a large partition or a
   * long backlog of changes never stalls other requests. The search itself then finds everything
   * in place. Unscoped (all users) searches still load in one piece. `head` as for {@link sync}.
   */
  prepare(part: Part, userId: string | undefined, head?: number): Promise<void> {
    return this.#filler.prepare(part, userId, head);
  }

  /**
   * Best `k` memories in `scope` by cosine similarity; `allowed` narrows to rows other filters let
   * through. Partitions propose twice `k` by approximate (int8 / HNSW) cosine; that shortlist is
   * re-scored with the float vectors read from the file, so returned scores are exact cosines.
   * `liveAt` (epoch ms) hides the rows expired at that instant; `head` as for {@link sync}.
   */
  search(
    query: Float32Array,
    scope: Scope,
    k: number,
    includeSuperseded: boolean,
    allowed?: ReadonlySet<number>,
    liveAt?: number,
    head?: number,
  ): StoreHit[] {
    this.sync(head);
    this.#loader.ensureLoaded("vectors", scope.userId);
    const pass = predicate(scope, includeSuperseded, allowed, liveAt);
    const keys = scope.userId !== undefined ? [scope.userId] : [...this.#state.partitions.keys()];
    return this.#vectors.search(query, keys, pass, k);
  }

  /**
   * Best `k` BM25 matches for the words of `text` in `scope`; `allowed` as for {@link search};
   * `neighbours` credits the memories said around each match (see `TimeNeighbours`); `liveAt` and
   * `head` as for {@link search}.
   */
  keywordSearch(
    text: string,
    scope: Scope,
    k: number,
    includeSuperseded: boolean,
    allowed?: ReadonlySet<number>,
    neighbours = false,
    liveAt?: number,
    head?: number,
  ): StoreHit[] {
    this.sync(head);
    this.#loader.ensureLoaded("keywords", scope.userId);
    const query = queryTerms(text);
    if (query.length === 0) return [];
    const pass = predicate(scope, includeSuperseded, allowed, liveAt);
    // Dates the query names ("in May 2023") favour what was said then (`indexing/query-dates.ts`),
    // and names in it what those people said (`indexing/query-speaker.ts`).
    const top: Required<StoreHit>[] = [];
    if (scope.userId !== undefined) {
      this.#keywordFiles.saveIfDue(scope.userId);
      const partition = this.#state.keywords.get(scope.userId);
      const factor = partition && queryFactor(text, query, (t) => partition.speaks(t));
      partition?.search(query, pass, k, top, undefined, neighbours, factor);
      return top;
    }
    // Every user's partition at once: one set of statistics, as if they were one index.
    const partitions = [...this.#state.keywords.values()];
    const corpus = corpusStats(partitions, query);
    const factor = queryFactor(text, query, (t) => partitions.some((p) => p.speaks(t)));
    for (const partition of partitions) partition.search(query, pass, k, top, corpus, neighbours, factor);
    return top;
  }

  /** Saves HNSW indexes that changed since they were last written, and keyword partitions due a save. */
  close(): void {
    if (this.#keywordFiles.pending) this.#keywordFiles.saveDue();
    this.#vectors.saveChanged();
  }

  /** How this cache's keyword partitions were loaded and saved (for tests and stats). */
  get keywordFileStats(): KeywordFileStats {
    return this.#keywordFiles.stats;
  }

  /** Rows whose vectors are currently held (for tests and stats). */
  get vectorSize(): number {
    let n = 0;
    for (const partition of this.#state.partitions.values()) n += partition.size;
    return n;
  }

  /** Rows currently held (for tests and stats). */
  get size(): number {
    return this.#state.home.size;
  }
}

/** The row filter of a search: its scope below the user, and the caller's other conditions. */
function predicate(
  scope: Scope,
  includeSuperseded: boolean,
  allowed?: ReadonlySet<number>,
  liveAt?: number,
): RowPredicate {
  return {
    includeSuperseded,
    ...(allowed ? { allowed } : {}),
    ...(liveAt !== undefined ? { liveAt } : {}),
    ...(scope.agentId !== undefined ? { agentId: scope.agentId } : {}),
    ...(scope.runId !== undefined ? { runId: scope.runId } : {}),
  };
}
