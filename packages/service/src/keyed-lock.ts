/**
 * Runs async sections one at a time per key (here: per memory id), so that a conditional write
 * (`If-Match`) checks and writes without another write of the same id in between, in this process.
 */
export class KeyedLock {
  readonly #tails = new Map<string, Promise<unknown>>();

  /** Runs `fn` after every earlier section holding `key` has finished. */
  async run<T>(key: string, fn: () => Promise<T>): Promise<T> {
    const previous = this.#tails.get(key) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(fn);
    const tail = current.catch(() => undefined);
    this.#tails.set(key, tail);
    try {
      return await current;
    } finally {
      if (this.#tails.get(key) === tail) this.#tails.delete(key);
    }
  }

  /** Number of keys with a section running or queued (for tests and metrics). */
  get size(): number {
    return this.#tails.size;
  }
}
