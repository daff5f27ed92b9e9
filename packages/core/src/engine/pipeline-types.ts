import type { JobStepMark } from "../jobs/job-types.js";
import type { Embedder } from "../embedder/embedder.js";
import type { Llm } from "../llm/llm.js";
import type { StoreReader, StoreRetriever, StoreWriter } from "../store/memory-store.js";
import type { Memory, MemoryEvent, Metadata, Scope } from "../types/memory.js";
import type { Fact } from "./facts.js";
import type { TtlSettings } from "./expiry.js";

/** What the add pipeline needs besides the facts. */
export interface PipelineContext {
  /** The roles the pipeline plays on the store: dedup reads, neighbour retrieval, one write. */
  store: StoreReader & StoreRetriever & StoreWriter;
  embedder: Embedder;
  llm: Llm;
  scope: Scope;
  metadata: Metadata;
  now: Date;
  /** Near-duplicate and contradiction handling (the `infer: true` ladder); exact duplicates are always dropped. */
  ladder: boolean;
  duplicateThreshold: number;
  relatedThreshold: number;
  signal?: AbortSignal;
  /** The job step this add is (async add): recorded with the writes, and its job id on every history row. */
  step?: JobStepMark;
  /** `memory.ttl`: the default expiry of new memories by type. */
  ttl?: TtlSettings;
}

/** A fact after the ladder: its decision and the vector it was embedded to. */
export interface Planned {
  fact: Fact;
  vector: Float32Array;
  event: MemoryEvent;
  target?: Memory;
  content?: string;
}

/** A fact in the ambiguous band with the memories it may concern. */
export interface AmbiguousFact {
  fact: Fact;
  candidates: Memory[];
}

/**
 * What the decision call made of one ambiguous fact (by its index in the list given): the event,
 * the memory it concerns, and for a merged UPDATE the new text with its vector.
 */
export interface Decision {
  index: number;
  event: MemoryEvent;
  target?: Memory;
  content?: string;
  vector?: Float32Array;
}
