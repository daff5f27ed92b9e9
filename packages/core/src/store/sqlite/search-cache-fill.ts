import { yieldToLoop } from "../../util/yield.js";
import type { KeywordFileCache } from "./search-cache-keyword-files.js";
import { releasePageCache, withSmallPageCache } from "./page-cache.js";
import { SLICE } from "./search-cache-options.js";
import { LOAD_SQL, META_SQL } from "./search-cache-rows.js";
import type { CacheRow, Part } from "./search-cache-rows.js";
import type { CacheState } from "./search-cache-state.js";
import { replaySliced } from "./search-cache-sync.js";
import type { VectorCache } from "./search-cache-vectors.js";

/**
 * Loads the search cache's partitions ahead of a search, slice by slice, yielding to the event
 * loop between slices; the search then finds them in place (`CacheLoader` is its one-piece twin).
 */
export class CacheFiller {
  readonly #state: CacheState;
  readonly #keywordFiles: KeywordFileCache;
  readonly #vectors: VectorCache;
  /** Loads in flight, by part and partition, so concurrent searches wait for one load. */
  readonly #filling = new Map<string, Promise<void>>();

  constructor(state: CacheState, keywordFiles: KeywordFileCache, vectors: VectorCache) {
    this.#state = state;
    this.#keywordFiles = keywordFiles;
    this.#vectors = vectors;
  }

  /**
   * Does ahead of a search what the search would do in one piece — replay the change log, load
   * the user's partition of `part` — reading the file in slices of {@link SLICE} rows and yielding
   * to the event loop, so a large partition or a long backlog of changes never stalls other
   * requests. Unscoped (all users) searches still load in one piece. `head`: a `change_log`
   * position read after the search began (read here when not given).
   */
  async prepare(part: Part, userId: string | undefined, head?: number): Promise<void> {
    await replaySliced(this.#state, head);
    const loaded = this.#state.loaded[part];
    if (userId === undefined || loaded.all || loaded.keys.has(userId)) return;
    const key = `${part}\u0000${userId}`;
    let filling = this.#filling.get(key);
    if (!filling) {
      filling = this.#fill(part, userId).finally(() => this.#filling.delete(key));
      this.#filling.set(key, filling);
    }
    await filling;
  }

  /**
   * Loads one partition of one part slice by slice. It is marked partial first, so changes replayed
   * meanwhile go into it; rows are read as they are when their slice comes, so it ends up current.
   */
  async #fill(part: Part, userId: string): Promise<void> {
    const state = this.#state;
    if (part === "keywords" && this.#keywordFiles.restore(userId)) {
      state.loaded.keywords.keys.add(userId);
      return;
    }
    const generation = state.generation;
    const partial = state.partial[part];
    partial.add(userId);
    const rids = withSmallPageCache(state.db, () =>
      userId === ""
        ? state.sql("SELECT rid FROM memories WHERE user_id IS NULL").pluck().all()
        : state.sql("SELECT rid FROM memories WHERE user_id = ?").pluck().all(userId),
    ) as number[];
    const vectors = part === "vectors";
    if (!vectors) state.reserveKeywords(userId, rids.length);
    const deferred = vectors && this.#vectors.deferIfLarge(userId, rids.length);
    const sql = vectors
      ? `${deferred ? META_SQL : LOAD_SQL.vectors} AND v.embedder = ?`
      : `${LOAD_SQL.keywords} WHERE 1`;
    const slice = state.sql(`${sql} AND m.rid IN (SELECT value FROM json_each(?))`);
    const params = vectors ? [state.o.embedder] : [];
    for (let i = 0; i < rids.length; i += SLICE) {
      if (i > 0) await yieldToLoop();
      // Stop when a reload dropped everything, or a search loaded the partition in one piece meanwhile.
      if (generation !== state.generation || !partial.has(userId)) return;
      const read = () => slice.all(...params, JSON.stringify(rids.slice(i, i + SLICE))) as CacheRow[];
      const rows = withSmallPageCache(state.db, read);
      for (const row of rows) state.put(row, part);
    }
    if (generation !== state.generation || !partial.has(userId)) return;
    partial.delete(userId);
    state.loaded[part].keys.add(userId);
    releasePageCache(state.db);
    if (vectors) state.dirty.set(userId, 0);
    else this.#keywordFiles.built(userId);
  }
}
