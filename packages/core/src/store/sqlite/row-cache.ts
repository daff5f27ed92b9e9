import type Database from "better-sqlite3";

/** Rows held at most (about 1 KB each): the results of a few thousand recent searches. */
const CAPACITY = 8_192;
/** Reads of more ids than this (bulk work) go to the file and are not kept: they would push out the hot rows. */
const SMALL_READ = 256;

/**
 * The raw `memories` rows (arrays of `MEMORY_COLUMNS`) that recent small reads returned — the
 * memories each search shows — so showing them again costs no read of the file. Kept current the
 * way the search cache is, through `change_log`: before rows are handed out, every row changed
 * since the last look (by any process) is forgotten, and everything is when the log was trimmed
 * past that look or reset. A row handed out is therefore the file's row as of that look, and a
 * row missed is read from the file after it. Least recently used rows leave first.
 */
export class RowCache {
  readonly #rows = new Map<string, readonly unknown[]>();
  /** rid → id of the rows held, to forget a row by the rid the log names. */
  readonly #ids = new Map<number, string>();
  #seq = -1;
  readonly #at: { rid: number; id: number };
  readonly #capacity: number;

  /** `at` locates a raw row's rid and id. */
  constructor(at: { rid: number; id: number }, capacity = CAPACITY) {
    this.#at = at;
    this.#capacity = capacity;
  }

  /** How many rows are held (for tests). */
  get size(): number {
    return this.#rows.size;
  }

  /**
   * The rows of `ids` that exist, by id: held ones (once the log up to `head` says they are
   * unchanged) and the others read by `read` (kept when the read is small). `head` is the newest
   * `change_log` position as the caller's search saw it (the store's one look per search).
   */
  rows(
    sql: (sql: string) => Database.Statement,
    head: number,
    ids: readonly string[],
    read: (ids: string[]) => readonly (readonly unknown[])[],
  ): Map<string, readonly unknown[]> {
    this.#refresh(sql, head);
    const found = new Map<string, readonly unknown[]>();
    const missing: string[] = [];
    for (const id of ids) {
      const row = this.#rows.get(id);
      if (row === undefined) missing.push(id);
      else {
        // Most recently used last: re-inserted at the end of the map's order.
        this.#rows.delete(id);
        this.#rows.set(id, row);
        found.set(id, row);
      }
    }
    if (missing.length === 0) return found;
    const keep = ids.length <= SMALL_READ;
    for (const row of read(missing)) {
      const id = row[this.#at.id] as string;
      found.set(id, row);
      if (keep) this.#put(id, row);
    }
    return found;
  }

  #put(id: string, row: readonly unknown[]): void {
    this.#rows.delete(id);
    this.#rows.set(id, row);
    this.#ids.set(row[this.#at.rid] as number, id);
    while (this.#rows.size > this.#capacity) {
      const [oldest, old] = this.#rows.entries().next().value as [string, readonly unknown[]];
      this.#rows.delete(oldest);
      this.#ids.delete(old[this.#at.rid] as number);
    }
  }

  /**
   * Forgets the rows changed since the last look at the log up to `head` (all of them when it
   * cannot tell which). A `head` behind the last look (a search that looked before another one
   * did) changes nothing: the rows held are as new as that look, or newer.
   */
  #refresh(sql: (sql: string) => Database.Statement, head: number): void {
    if (head <= this.#seq) return;
    if (this.#rows.size > 0) {
      const low = sql("SELECT COALESCE(MIN(seq), 0) FROM change_log").pluck().get() as number;
      // A long backlog costs more to read than the rows cost to read again.
      if (this.#seq < 0 || low > this.#seq + 1 || head - this.#seq > this.#capacity) this.#clear();
      else {
        // Only up to the head read above: later changes are forgotten on the next look.
        const changes = sql("SELECT rid, op FROM change_log WHERE seq > ? AND seq <= ?")
          .raw(true)
          .all(this.#seq, head) as [number, string][];
        for (const [rid, op] of changes) {
          if (op === "reset") {
            this.#clear();
            break;
          }
          this.#forget(rid);
        }
      }
    }
    this.#seq = head;
  }

  #forget(rid: number): void {
    const id = this.#ids.get(rid);
    if (id === undefined) return;
    this.#ids.delete(rid);
    this.#rows.delete(id);
  }

  #clear(): void {
    this.#rows.clear();
    this.#ids.clear();
  }
}
