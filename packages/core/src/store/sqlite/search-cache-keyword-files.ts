import { KeywordFiles } from "./keyword-files.js";
import { releasePageCache, withSmallPageCache } from "./page-cache.js";
import { restoreKeywords } from "./keyword-restore.js";
import type { KeywordRestoreMiss } from "./keyword-restore.js";
import { KEYWORD_FILE_MIN_ROWS, KEYWORD_SAVE_AFTER } from "./search-cache-options.js";
import type { CacheState } from "./search-cache-state.js";

/** Keyword partitions loaded from their files, built from rows, saved, and files refused (by reason). */
export interface KeywordFileStats {
  restored: number;
  built: number;
  saved: number;
  refused: Partial<Record<KeywordRestoreMiss, number>>;
}

/**
 * The search cache's keyword partitions on disk: a partition is restored from its file beside the
 * database when one fits (replayed forward), and saved again when built from rows or far enough
 * behind — after the search that needed it has answered, never on the add path.
 */
export class KeywordFileCache {
  readonly #state: CacheState;
  readonly #files: KeywordFiles | null;
  /** Brings the whole cache up to date with the file (a save writes what the log position says). */
  readonly #sync: () => void;
  /** Keyword partitions to save on the next turn of the event loop (or on `close`). */
  readonly #saves = new Set<string>();
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #stats: KeywordFileStats = { restored: 0, built: 0, saved: 0, refused: {} };

  constructor(state: CacheState, sync: () => void) {
    this.#state = state;
    this.#sync = sync;
    const { dbPath } = state.o;
    this.#files = dbPath && dbPath !== ":memory:" ? new KeywordFiles(dbPath) : null;
  }

  /**
   * Loads the keyword partition of `userId` from its file beside the database, replayed forward
   * (`keyword-restore.ts`). False when there is no file fit to use: the caller then builds the
   * partition from the rows, and {@link built} saves it.
   */
  restore(userId: string): boolean {
    const state = this.#state;
    if (!this.#files || state.keywords.has(userId)) return false;
    let restored: ReturnType<typeof restoreKeywords>;
    try {
      restored = withSmallPageCache(state.db, () => restoreKeywords(state.db, this.#files as KeywordFiles, userId));
    } catch {
      return false; // a read the file refused (busy, I/O): the rows are read the usual way
    } finally {
      releasePageCache(state.db);
    }
    if (typeof restored === "string") {
      if (restored !== "missing") this.#stats.refused[restored] = (this.#stats.refused[restored] ?? 0) + 1;
      return false;
    }
    this.#stats.restored += 1;
    state.keywords.set(userId, restored.partition);
    for (const rid of restored.rids) state.home.set(rid, userId);
    state.keywordChanges.set(userId, restored.replayed);
    this.saveIfDue(userId);
    return true;
  }

  /** A keyword partition just built from the rows: saved soon, when large enough to be worth a file. */
  built(userId: string): void {
    this.#stats.built += 1;
    if (!this.#files || (this.#state.keywords.get(userId)?.size ?? 0) < KEYWORD_FILE_MIN_ROWS) return;
    this.#state.keywordChanges.set(userId, Number.POSITIVE_INFINITY);
    this.saveIfDue(userId);
  }

  /**
   * Schedules a save of the keyword partition of `key` when its file is missing or this many
   * changes behind. The save runs after the current search has answered (a timer that holds no
   * process open), or on {@link saveDue}, whichever comes first: the add path never pays it.
   */
  saveIfDue(key: string): void {
    if ((this.#state.keywordChanges.get(key) ?? 0) < KEYWORD_SAVE_AFTER || this.#saves.has(key)) return;
    this.#saves.add(key);
    this.#saveTimer ??= setTimeout(() => this.saveDue(), 0);
    this.#saveTimer.unref?.();
  }

  /** Writes the keyword partitions due, each as of the log position it reflects once caught up. */
  saveDue(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = undefined;
    const keys = [...this.#saves];
    this.#saves.clear();
    const state = this.#state;
    if (!this.#files || !state.db.open) return;
    try {
      this.#sync(); // every change up to lastSeq is then in the partitions
    } catch {
      return;
    }
    for (const key of keys) {
      const partition = state.keywords.get(key);
      const whole = state.loaded.keywords.all || state.loaded.keywords.keys.has(key);
      if (!partition || !whole || state.partial.keywords.has(key)) continue;
      try {
        this.#files.write(key, state.lastSeq, partition.size, partition.snapshot());
        state.keywordChanges.set(key, 0);
        this.#stats.saved += 1;
      } catch {
        // A cache file that cannot be written only costs a rebuild next time.
      }
    }
  }

  /** True when saves are scheduled and not yet written. */
  get pending(): boolean {
    return this.#saves.size > 0;
  }

  /** A copy of the counts of partitions restored, built, saved and refused. */
  get stats(): KeywordFileStats {
    return { ...this.#stats, refused: { ...this.#stats.refused } };
  }
}
