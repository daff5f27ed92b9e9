import type Database from "better-sqlite3";

/** SQLite's page cache during a bulk read, in KiB (`cache_size` takes it negated). */
export const BULK_READ_CACHE_KIB = 2_048;

/**
 * Runs a bulk read of the file (loading a partition's keyword or vector rows, building an index)
 * with SQLite's page cache held to {@link BULK_READ_CACHE_KIB}, then sets the connection's size
 * back. Each page of such a read is read once; left to the connection's 64 MB cache, they filled
 * it, and the pages given back later stayed in the RSS as holes in the C allocator's heap.
 */
export function withSmallPageCache<T>(db: Database.Database, run: () => T): T {
  let size: number;
  try {
    size = db.pragma("cache_size", { simple: true }) as number;
    db.pragma(`cache_size = -${BULK_READ_CACHE_KIB}`);
  } catch {
    return run(); // a statement of this connection is mid-iteration: only memory is at stake
  }
  try {
    return run();
  } finally {
    db.pragma(`cache_size = ${size}`);
  }
}

/**
 * Gives back SQLite's page cache after a bulk load: the pages it read will not be read again
 * soon, and the cache would otherwise keep what it holds until the connection closes.
 */
export function releasePageCache(db: Database.Database): void {
  try {
    db.pragma("shrink_memory");
  } catch {
    // Only memory is at stake; a connection that refuses keeps its cache.
  }
}
