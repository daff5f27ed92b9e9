import { releasePageCache, withSmallPageCache } from "./page-cache.js";
import type { KeywordFileCache } from "./search-cache-keyword-files.js";
import { LOAD_SQL, META_SQL } from "./search-cache-rows.js";
import type { CacheRow, Part } from "./search-cache-rows.js";
import type { CacheState } from "./search-cache-state.js";
import type { VectorCache } from "./search-cache-vectors.js";

/**
 * Loads the search cache's partitions in one piece, one part (keywords or vectors) at a time, when
 * a search needs them now (`CacheFiller` loads them slice by slice ahead of it).
 */
export class CacheLoader {
  readonly #state: CacheState;
  readonly #keywordFiles: KeywordFileCache;
  readonly #vectors: VectorCache;

  constructor(state: CacheState, keywordFiles: KeywordFileCache, vectors: VectorCache) {
    this.#state = state;
    this.#keywordFiles = keywordFiles;
    this.#vectors = vectors;
  }

  /**
   * Makes the partitions a search of `userId` reads present (all of them for an unscoped search),
   * for one part: keywords or vectors. A user's rows are read on the first search that needs them,
   * so opening a store with many users costs nothing until they search, a process holds only the
   * users it serves, and vectors are never read by a process whose searches don't use them (the
   * offline default is BM25 alone). Rows read here may already include changes the log will
   * replay; replaying is idempotent.
   */
  ensureLoaded(part: Part, userId: string | undefined): void {
    const state = this.#state;
    const loaded = state.loaded[part];
    if (loaded.all) return;
    const vectors = part === "vectors";
    const sql = vectors ? `${LOAD_SQL.vectors} AND v.embedder = ?` : `${LOAD_SQL.keywords} WHERE 1`;
    const params = vectors ? [state.o.embedder] : [];
    if (userId === undefined) {
      const already = new Set(loaded.keys);
      loaded.all = true;
      if (vectors) {
        const counts = state
          .sql("SELECT COALESCE(user_id, '') AS k, COUNT(*) AS n FROM memories GROUP BY user_id")
          .all();
        for (const { k, n } of counts as { k: string; n: number }[])
          if (!already.has(k)) this.#vectors.deferIfLarge(k, n);
      }
      const readAll = () => {
        for (const row of state.sql(sql).iterate(...params) as Iterable<CacheRow>)
          if (!already.has(row.user_id ?? "")) state.put(row, part);
      };
      withSmallPageCache(state.db, readAll);
      releasePageCache(state.db);
      if (vectors) for (const key of state.partitions.keys()) if (!already.has(key)) state.dirty.set(key, 0);
      return;
    }
    if (loaded.keys.has(userId)) return;
    loaded.keys.add(userId);
    state.partial[part].delete(userId); // a sliced load still running finds it complete and stops
    if (!vectors && this.#keywordFiles.restore(userId)) return;
    if (!vectors) state.reserveKeywords(userId, this.#rowCount(userId));
    const deferred = vectors && this.#vectors.deferIfLarge(userId, this.#rowCount(userId));
    const from = deferred ? `${META_SQL} AND v.embedder = ?` : sql;
    const readAll = () => {
      const rows = (
        userId === ""
          ? state.sql(`${from} AND m.user_id IS NULL`).iterate(...params)
          : state.sql(`${from} AND m.user_id = ?`).iterate(...params, userId)
      ) as Iterable<CacheRow>;
      for (const row of rows) state.put(row, part);
    };
    withSmallPageCache(state.db, readAll);
    releasePageCache(state.db);
    if (vectors) state.dirty.set(userId, 0);
    else this.#keywordFiles.built(userId);
  }

  /** Rows of one partition in the file (by the scope index, reading no vector). */
  #rowCount(userId: string): number {
    return (
      userId === ""
        ? this.#state.sql("SELECT COUNT(*) FROM memories WHERE user_id IS NULL").pluck().get()
        : this.#state.sql("SELECT COUNT(*) FROM memories WHERE user_id = ?").pluck().get(userId)
    ) as number;
  }
}
