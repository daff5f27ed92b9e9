/** Settings of `SearchCache`. */
export interface SearchCacheOptions {
  dims: number;
  embedder: string;
  /** Partitions at least this large are searched through an HNSW index (0 disables it). */
  annThreshold: number;
  /** Database file, for persisting HNSW indexes beside it; null keeps them in memory only. */
  dbPath: string | null;
  /**
   * Largest share of non-zero components at which a large partition's vectors get inverted lists
   * (`SparseIndex`, exact, built on each load) instead of an HNSW index; 0: always HNSW. Default 0.2.
   */
  sparseDensity?: number;
}

/**
 * Vectors at most this dense get inverted lists: the local embedder's fill 12–35% of their
 * components; model embeddings all of them. Past ~0.3 the lists outgrow an int8 HNSW index at 384-d.
 */
export const DEFAULT_SPARSE_DENSITY = 0.2;
/** Save a partition's HNSW index again after this many changes to it. */
export const SAVE_EVERY = 5_000;
/** Rows read from the file at once by `SearchCache.prepare`, between two chances to yield. */
export const SLICE = 256;
/** Keyword partitions smaller than this are rebuilt from the rows on load, never saved (cheaper than a file). */
export const KEYWORD_FILE_MIN_ROWS = 200;
/** Save a keyword partition again once this many of its changes were replayed since its file was written. */
export const KEYWORD_SAVE_AFTER = 500;
