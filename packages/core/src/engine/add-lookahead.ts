import type { Embedder } from "../embedder/embedder.js";
import { FetchAheadEmbedder } from "../embedder/fetch-ahead-embedder.js";
import type { JobRecord } from "../jobs/job-types.js";
import type { AddJobPayload } from "./async-add.js";
import type { MemoryManager } from "./memory-manager.js";

/** Thrown by the text collector once it knows what an add would embed: stops the dry run before any read or write. */
class Collected extends Error {}

/** Vectors fetched ahead are dropped after this long (a job taken by another process, or cancelled). */
const KEEP_MS = 10 * 60_000;

/**
 * Batches the embeddings of queued adds. When the worker runs an add that extracts no facts with
 * an LLM (`infer: false`, or no LLM), it looks at the adds queued behind it in its lane (same
 * scope, in order), learns the texts each would embed by running it up to its embedding call (no
 * store access), and sends them in the same embedding request as its own. Those adds, run next,
 * find their vectors here and make no request. Every job keeps its own claim, step and store
 * transaction, so each still completes exactly once; a job another process takes simply embeds itself.
 */
export class AddLookahead {
  readonly #memory: MemoryManager;
  readonly #size: number;
  readonly #ahead = new Map<string, { vectors: Map<string, Float32Array>; embedder: string; at: number }>();

  /** `size`: adds per embedding request (1 turns batching off). */
  constructor(memory: MemoryManager, size: number) {
    this.#memory = memory;
    this.#size = Math.max(1, Math.floor(size));
  }

  /** The embedder to run `job` with; undefined for the memory's own. */
  async embedderFor(job: JobRecord<AddJobPayload>): Promise<Embedder | undefined> {
    const now = Date.now();
    for (const [id, entry] of this.#ahead) if (now - entry.at > KEEP_MS) this.#ahead.delete(id);
    const inner = this.#memory.embedder;
    const fetched = this.#ahead.get(job.id);
    this.#ahead.delete(job.id);
    if (fetched && fetched.embedder === inner.id) return new FetchAheadEmbedder(inner, fetched.vectors);
    const queue = this.#memory.jobs;
    if (this.#size <= 1 || !this.#eligible(job) || !queue?.following) return undefined;
    const queued = (await queue.following(job.id, this.#size - 1)) as JobRecord<AddJobPayload>[];
    const behind = queued.filter((j) => j.kind === job.kind && this.#eligible(j) && !this.#ahead.has(j.id));
    const texts = new Map<string, string[]>();
    for (const j of behind) texts.set(j.id, await this.#textsOf(j));
    return new FetchAheadEmbedder(inner, new Map(), {
      texts: [...texts.values()].flat(),
      onVectors: (vectors) => {
        for (const [id, own] of texts) {
          const mine = new Map(own.flatMap((t) => (vectors.has(t) ? [[t, vectors.get(t) as Float32Array]] : [])));
          this.#ahead.set(id, { vectors: mine, embedder: inner.id, at: Date.now() });
        }
      },
    });
  }

  /** Adds whose embedding texts are known without a model: verbatim, or rule-based when there is no LLM. */
  #eligible(job: JobRecord<AddJobPayload>): boolean {
    const infer = job.payload.options.infer ?? this.#memory.settings.infer;
    return !infer || !this.#memory.llm.available;
  }

  /** The texts `job`'s add would embed: the add itself, run with an embedder that stops it at its embedding call. */
  async #textsOf(job: JobRecord<AddJobPayload>): Promise<string[]> {
    const seen: string[] = [];
    const collector: Embedder = {
      id: this.#memory.embedder.id,
      dimensions: (signal) => this.#memory.embedder.dimensions(signal),
      embed: async (texts) => {
        seen.push(...texts);
        throw new Collected();
      },
    };
    try {
      await this.#memory.add(job.payload.input, { ...job.payload.options, embedder: collector });
    } catch (error) {
      if (!(error instanceof Collected)) return []; // it will fail on its own turn, with its own error
    }
    return seen;
  }
}
