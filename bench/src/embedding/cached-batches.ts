/** Embeds texts in one call: one vector per text, in order. */
export type BatchEmbed = (texts: string[]) => Promise<Float32Array[]>;

/** Settings of {@link cachedBatches}. */
export interface CachedBatchesOptions {
  /** Most texts per call of the model. */
  batchSize: number;
  /** Most vectors kept (the oldest go first); default 200,000. */
  maxEntries?: number;
}

/** What {@link cachedBatches} has done so far: texts asked for, texts the model embedded, model calls. */
export interface BatchStats {
  requested: number;
  embedded: number;
  batches: number;
}

/** A cached, batching front of a model: `embed` as the model's, and its counts. */
export interface CachedBatches {
  embed: BatchEmbed;
  stats: () => BatchStats;
}

/**
 * Puts a cache by text and batching in front of a slow embedding model (the bench's USE endpoint,
 * where a LoCoMo probe embeds the same turns once per ingestion mode): each distinct text is
 * embedded once (duplicates within a request, texts already cached, and texts another request is
 * embedding at the moment share one vector), the rest go to `model` in calls of at most
 * `batchSize` texts, one call at a time. A failed call caches nothing, so a retry embeds again.
 */
export function cachedBatches(model: BatchEmbed, o: CachedBatchesOptions): CachedBatches {
  if (!(o.batchSize >= 1)) throw new RangeError(`batchSize must be at least 1, not ${o.batchSize}`);
  const maxEntries = o.maxEntries ?? 200_000;
  const cache = new Map<string, Promise<Float32Array>>();
  const stats: BatchStats = { requested: 0, embedded: 0, batches: 0 };
  let tail: Promise<unknown> = Promise.resolve();

  const call = (chunk: string[]): Promise<Float32Array[]> => {
    const run = tail.then(async () => {
      stats.batches++;
      const vectors = await model(chunk);
      if (vectors.length !== chunk.length)
        throw new Error(`the model returned ${vectors.length} vectors for ${chunk.length} texts`);
      stats.embedded += chunk.length;
      return vectors;
    });
    tail = run.catch(() => undefined);
    return run;
  };

  const embed: BatchEmbed = async (texts) => {
    stats.requested += texts.length;
    const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
    for (let i = 0; i < missing.length; i += o.batchSize) {
      const chunk = missing.slice(i, i + o.batchSize);
      const vectors = call(chunk);
      chunk.forEach((text, j) => {
        const one = vectors.then((v) => v[j] as Float32Array);
        one.catch(() => {
          if (cache.get(text) === one) cache.delete(text);
        });
        cache.set(text, one);
      });
    }
    const pending = new Map(texts.map((t) => [t, cache.get(t) as Promise<Float32Array>]));
    while (cache.size > maxEntries) cache.delete(cache.keys().next().value as string);
    return Promise.all(texts.map((t) => pending.get(t) as Promise<Float32Array>));
  };
  return { embed, stats: () => ({ ...stats }) };
}
