import * as z from "zod";
import { lazySchema } from "../util/lazy-schema.js";
import { memoryInsights } from "../insights/memory-insights.js";
import type { InsightsOptions, MemoryInsights } from "../insights/insights-types.js";
import { importV1Qdrant } from "./v1-qdrant-import.js";
import type { V1ImportSummary, V1PointSource } from "./v1-qdrant-import.js";
import { probeEmbedder, probeLlm } from "../providers/probe.js";
import type { ProbeResult } from "../providers/probe.js";
import { probeStore } from "../store/store-probe.js";
import type { StoreProbeResult } from "../store/store-probe.js";
import { randomUUID } from "node:crypto";
import type { Embedder } from "../embedder/embedder.js";
import { CortexMemError, ErrorCode, isCortexMemError } from "../errors.js";
import type { Llm } from "../llm/llm.js";
import type { MemoryStore } from "../store/memory-store.js";
import type {
  AddResult,
  AddResultItem,
  HistoryEntry,
  Memory,
  MemoryPage,
  MemoryStats,
  Scope,
  ScoredMemory,
} from "../types/memory.js";
import { scopeSchema } from "../types/memory.js";
import { LIMITS } from "../types/limits.js";
import type { Message, MessageInput } from "../types/message.js";
import type { AddOptions, ListOptions, SearchOptions, UpdateInput } from "../types/options.js";
import {
  addInputSchema,
  addOptionsSchema,
  guardSchema,
  listOptionsSchema,
  memoryIdSchema,
  searchOptionsSchema,
  updateInputSchema,
} from "../types/options.js";
import { parseOptionalDate } from "../util/dates.js";
import { isExpired } from "../util/duration.js";
import type { ReadLook, StoreFilters } from "../store/memory-store.js";
import { requestedExpiry } from "./expiry.js";
import { expireMemories, expireOptionsSchema } from "./expire.js";
import type { ExpireOptions, ExpireResult } from "./expire.js";
import type { RequestedExpiry } from "./expiry.js";
import { contentHash } from "../util/text.js";
import { parseOrThrow, rejectUnknownKeys } from "../util/zod-error.js";
import { plainSearchOptions, plainSearchText } from "../types/plain-search-options.js";
import { versionConflict } from "../store/write-conditions.js";
import { memoryVersion } from "../types/version.js";
import { laterThan, runPipeline } from "./add-pipeline.js";
import type { PipelineContext } from "./add-pipeline.js";
import { embeddingText } from "./embedding-text.js";
import { describeAttributeChange } from "./update-change.js";
import type { EngineSettings } from "./engine-settings.js";
import { inScope, requireScope, scopeOf, toStoreFilters, weightsOf } from "./engine-settings.js";
import type { Fact, FactOverrides } from "./facts.js";
import { llmFacts, ruleFacts, verbatimFacts } from "./facts.js";
import { providerOf } from "./provider-fault.js";
import { rank, rankingInputs } from "./scoring.js";
import type { RankingInputs } from "./scoring.js";
import { queryFactors } from "./query-weights.js";
import type { ImportOptions, ImportSource, ImportSummary } from "./transfer.js";
import { exportLines, importLines } from "./transfer.js";
import type { JobQueue } from "../jobs/job-queue.js";
import type { JobListQuery, JobPage, JobRecord, JobStepMark } from "../jobs/job-types.js";
import { ADD_JOB_KIND } from "./async-add.js";
import type { AddJobPayload } from "./async-add.js";
import type { UsageLedger } from "../usage/usage-ledger.js";
import { usagePhase, withUsageContext } from "../usage/usage-context.js";
import { usageReport } from "../usage/usage-report.js";
import type { UsagePrice, UsageQuery, UsageReport } from "../usage/usage-types.js";

/** The messages argument of `add`, parsed under its name so an issue's path reads `messages.0.role`. */
const messagesArgSchema = lazySchema(() => z.object({ messages: addInputSchema.options[1] }));
/** What a {@link MemoryManager} is made of; {@link createMemory} builds it from a config. */
export interface MemoryManagerDeps {
  store: MemoryStore;
  embedder: Embedder;
  llm: Llm;
  settings: EngineSettings;
  /** The clock (tests pin it). */
  now?: () => Date;
  /** The durable job queue (async adds, expiry, optimizer); {@link createMemory} opens it beside the store. */
  jobs?: JobQueue;
  /** Where the (metered) LLM and embedder count their tokens; {@link createMemory} opens it beside the store. */
  usage?: UsageLedger;
}

/** Extras of `add` that are not input: cancellation, and for the job runner the step and the provider-failure policy. */
export interface AddRunOptions {
  signal?: AbortSignal;
  /** The job step this add is: recorded in the add's transaction, its job id on every history row. */
  step?: JobStepMark;
  /** Overrides `memory.on_llm_error` (a job retries with `fail` and falls back to `store_raw` only at the end). */
  onLlmError?: "fail" | "store_raw";
  /** The embedder for this add instead of the memory's (the job worker's, holding vectors it fetched ahead). */
  embedder?: Embedder;
}

/**
 * Runs the pipeline; when a memory it decided about changed before its transaction (`CONFLICT`
 * from the store), it runs again on the fresh state.
 */
async function settle(facts: Fact[], ctx: PipelineContext): Promise<AddResultItem[]> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await runPipeline(facts, ctx);
    } catch (error) {
      if (attempt >= WRITE_ATTEMPTS || !isConflict(error)) throw error;
    }
  }
}

/** Options every operation on one memory accepts: the scope it must lie in (else `NOT_FOUND`). */
export interface ScopeGuard {
  scope?: Scope;
  signal?: AbortSignal;
}

/** Options of `get`: the scope, and whether an expired memory is returned (else `NOT_FOUND`). */
export interface ReadGuard extends ScopeGuard {
  includeExpired?: boolean;
}

/**
 * Options of `update` and `delete`: besides the scope, `ifVersion` makes the write conditional —
 * it happens only while the memory is still at this version ({@link memoryVersion}; one of them
 * when several), checked inside the store's write transaction so it holds across processes; else
 * `CONFLICT` and nothing is written.
 */
export interface WriteGuard extends ScopeGuard {
  ifVersion?: string | readonly string[];
}

/** How often a write whose memory changed underneath it (without `ifVersion`) is redone on the fresh state. */
const WRITE_ATTEMPTS = 5;

/** A write lost a race (not a job step applied before: redoing that would only conflict again). */
const isConflict = (error: unknown): boolean =>
  isCortexMemError(error) &&
  error.code === ErrorCode.CONFLICT &&
  (error.details as { stepApplied?: boolean } | undefined)?.stepApplied !== true;

function versionsOf(ifVersion: WriteGuard["ifVersion"]): readonly string[] | undefined {
  if (ifVersion === undefined) return undefined;
  const list = typeof ifVersion === "string" ? [ifVersion] : ifVersion;
  if (list.length === 0 || list.some((v) => typeof v !== "string" || v.length === 0)) {
    throw new CortexMemError(ErrorCode.VALIDATION, "ifVersion must be a version string (or a non-empty list of them)", {
      details: [{ path: "ifVersion", message: "expected a version string" }],
    });
  }
  return list;
}

/**
 * The memory engine: add (verbatim or extracting), hybrid search, CRUD with history, listing,
 * stats and export/import. Every door (CLI, REST, MCP) calls this and nothing else.
 */
export class MemoryManager {
  readonly store: MemoryStore;
  readonly embedder: Embedder;
  readonly llm: Llm;
  readonly settings: EngineSettings;
  /** The job queue, when the manager was built with one. */
  readonly jobs: JobQueue | undefined;
  /** The token usage ledger, when the manager was built with one. */
  readonly usageLedger: UsageLedger | undefined;
  readonly #now: () => Date;
  readonly #queued = new Set<(job: JobRecord) => void>();

  constructor(deps: MemoryManagerDeps) {
    this.store = deps.store;
    this.jobs = deps.jobs;
    this.usageLedger = deps.usage;
    this.embedder = deps.embedder;
    this.llm = deps.llm;
    this.settings = deps.settings;
    this.#now = deps.now ?? (() => new Date());
  }

  /**
   * Stores content as given, or extracts facts from a conversation (`infer`, default from config)
   * and reconciles them with what the scope already holds. Returns what happened to each fact.
   */
  async add(input: string | MessageInput[], options: AddOptions & AddRunOptions): Promise<AddResult> {
    return withUsageContext(usagePhase("add", options), () => this.#add(input, options));
  }

  async #add(input: string | MessageInput[], options: AddOptions & AddRunOptions): Promise<AddResult> {
    const { signal, step, onLlmError, embedder, ...addOptions } = options;
    const now = this.#now();
    // A queued job replays an expiry checked when it was accepted: it may have passed since.
    const { data, o, scope, expiresAt } = this.#checkAdd(input, addOptions, now, !step);
    const fallback = parseOptionalDate(o.timestamp, "timestamp") ?? now;
    const messages: Message[] =
      typeof data === "string"
        ? [{ role: o.role ?? "user", content: data }]
        : data.map((m) => ({ ...m, timestamp: parseOptionalDate(m.timestamp, "timestamp") }));
    const overrides: FactOverrides = {
      ...(o.memoryType ? { memoryType: o.memoryType } : {}),
      ...(o.importance !== undefined ? { importance: o.importance } : {}),
      ...(o.topics ? { topics: o.topics } : {}),
      ...(o.role ? { role: o.role } : {}),
      ...(o.actorId ? { actorId: o.actorId } : {}),
      ...(expiresAt !== undefined ? { expiresAt } : {}),
    };
    const infer = o.infer ?? this.settings.infer;
    const ctx: Omit<PipelineContext, "ladder"> = {
      store: this.store,
      embedder: embedder ?? this.embedder,
      llm: this.llm,
      scope,
      metadata: o.metadata ?? {},
      now,
      duplicateThreshold: this.settings.duplicateThreshold,
      relatedThreshold: this.settings.relatedThreshold,
      ttl: this.settings.ttl,
      ...(signal ? { signal } : {}),
      ...(step ? { step } : {}),
    };
    if (!infer)
      return { results: await settle(await verbatimFacts(messages, fallback, overrides), { ...ctx, ladder: false }) };
    if (!this.llm.available)
      return { results: await settle(await ruleFacts(messages, fallback, overrides), { ...ctx, ladder: true }) };
    let facts: Fact[];
    try {
      facts = await llmFacts(this.llm, messages, fallback, overrides, signal);
      return { results: await settle(facts, { ...ctx, ladder: true }) };
    } catch (error) {
      // store_raw covers LLM failures only: the raw text needs an embedding too, so an embedding
      // failure (or any other) fails the add, and nothing is labelled `llm_error` that was not one.
      if (providerOf(error) !== "llm" || (onLlmError ?? this.settings.onLlmError) !== "store_raw") throw error;
      const raw = await verbatimFacts(messages, fallback, overrides);
      return {
        results: await settle(raw, {
          ...ctx,
          ladder: false,
          metadata: { ...ctx.metadata, llm_error: (error as CortexMemError).code },
        }),
      };
    }
  }

  /** Validates an add up front (input, options, scope, lengths), so an async add is refused at once, not failed later. */
  #checkAdd(
    input: string | MessageInput[],
    options: AddOptions,
    now: Date,
    fresh: boolean,
  ): {
    data: string | MessageInput[];
    o: ReturnType<typeof addOptionsSchema.parse>;
    scope: Scope;
    expiresAt: RequestedExpiry;
  } {
    // Parsed by shape, so a bad message names its field instead of a union's "Invalid input".
    const data = Array.isArray(input)
      ? parseOrThrow(messagesArgSchema, { messages: input }, "messages").messages
      : parseOrThrow(addInputSchema.options[0], input, "content");
    const o = parseOrThrow(addOptionsSchema, options, "add options");
    const scope = scopeOf(o);
    requireScope(scope, "add");
    for (const content of typeof data === "string" ? [data] : data.map((m) => m.content)) this.#checkLength(content);
    const characters = (typeof data === "string" ? [data] : data.map((m) => m.content)).reduce(
      (n, c) => n + c.length,
      0,
    );
    if (characters > LIMITS.charactersPerAdd) {
      throw new CortexMemError(
        ErrorCode.PAYLOAD_TOO_LARGE,
        `One add carries ${characters} characters; the limit is ${LIMITS.charactersPerAdd} (split it, or use import for bulk loads)`,
        {
          details: [
            { path: typeof data === "string" ? "content" : "messages", message: "too much content for one add" },
          ],
        },
      );
    }
    parseOptionalDate(o.timestamp, "timestamp");
    if (typeof data !== "string") for (const m of data) parseOptionalDate(m.timestamp, "timestamp");
    return { data, o, scope, expiresAt: requestedExpiry(o, now, fresh) };
  }

  /**
   * Queues an add as a durable job and returns it at once (status `queued`); a worker
   * ({@link createJobWorker}) runs it later, exactly once. Input is validated now: bad input is
   * `VALIDATION` here, never a failed job. `RATE_LIMITED` when the queue is full.
   */
  async addAsync(input: string | MessageInput[], options: AddOptions): Promise<JobRecord<AddJobPayload>> {
    const { data, o, scope, expiresAt } = this.#checkAdd(input, options, this.#now(), true);
    // A TTL counts from now, not from when a worker runs the job: the job carries the date.
    const { ttl: _ttl, expiresAt: _asked, ...rest } = o;
    const payloadOptions: AddOptions = {
      ...rest,
      ...(expiresAt !== undefined ? { expiresAt: expiresAt?.toISOString() ?? null } : {}),
    };
    const job = await this.#queue().enqueue<AddJobPayload>({
      kind: ADD_JOB_KIND,
      scope,
      payload: { input: data, options: payloadOptions },
    });
    for (const listener of this.#queued) listener(job);
    return job;
  }

  /** Calls `listener` after every job this manager queues (workers in the same process wake at once). Returns the unsubscribe. */
  onJobQueued(listener: (job: JobRecord) => void): () => void {
    this.#queued.add(listener);
    return () => this.#queued.delete(listener);
  }

  /** One job by id; `NOT_FOUND` when unknown or outside `guard.scope`. */
  async job(id: string, guard: ScopeGuard = {}): Promise<JobRecord> {
    parseOrThrow(guardSchema, guard, "job options");
    const job = await this.#queue().get(parseOrThrow(memoryIdSchema, id, "job id"));
    if (!job || !inScope(job.scope, guard.scope))
      throw new CortexMemError(ErrorCode.NOT_FOUND, `Job ${id} not found`, { details: { id } });
    return job;
  }

  /** Jobs, newest first, filtered by status, kind and scope (the scope is a hard filter). */
  async listJobs(query: JobListQuery = {}): Promise<JobPage> {
    rejectUnknownKeys(query, ["status", "kind", "scope", "limit", "cursor"], "job list query");
    if (query.scope) parseOrThrow(scopeSchema, query.scope, "job list query");
    return this.#queue().list(query);
  }

  /** Cancels a job (see {@link JobQueue.cancel}); `NOT_FOUND` outside `guard.scope`. */
  async cancelJob(id: string, guard: ScopeGuard = {}): Promise<JobRecord> {
    const job = await this.job(id, guard);
    return this.#queue().cancel(job.id);
  }

  #queue(): JobQueue {
    if (!this.jobs)
      throw new CortexMemError(
        ErrorCode.CONFIG,
        "This memory has no job queue (build it with createMemory, or pass `jobs` to MemoryManager)",
      );
    return this.jobs;
  }

  #checkLength(content: string): void {
    if (content.length > this.settings.maxContentLength) {
      throw new CortexMemError(
        ErrorCode.VALIDATION,
        `Content is ${content.length} characters; the limit is ${this.settings.maxContentLength} (memory.max_content_length)`,
        {
          details: [{ path: "content", message: "too long" }],
        },
      );
    }
  }

  /**
   * True when {@link search} calls a provider (it embeds the query: `vectorWeight` above 0), the
   * only part of a search a `signal` can stop. A caller that would build an abort signal for each
   * search (a REST request's closed connection) needs one only then.
   */
  get searchCallsProvider(): boolean {
    return this.settings.vectorWeight > 0;
  }

  /**
   * Hybrid search (vectors + BM25, weighted by importance and recency) inside a scope; BM25 alone
   * when `vectorWeight` is 0 (the offline default). Only memories with some relevance come back
   * (an unrelated query gives `[]`); `threshold` cuts further on `score`, which lies in 0..1
   * (relevance times the importance/recency factor).
   */
  async search(query: string, options: SearchOptions & { signal?: AbortSignal } = {}): Promise<ScoredMemory[]> {
    const text = plainSearchText(query) ?? parseOrThrow(addInputSchema.options[0], query, "query");
    if (text.length > LIMITS.queryLength)
      throw new CortexMemError(ErrorCode.VALIDATION, `A query holds at most ${LIMITS.queryLength} characters`, {
        details: [{ path: "query", message: `longer than ${LIMITS.queryLength} characters` }],
      });
    const o = plainSearchOptions(options) ?? parseOrThrow(searchOptionsSchema, options, "search options");
    const limit = o.limit ?? this.settings.searchLimit;
    // One look at the store serves every read of this search (candidates, then the rows shown).
    const look: ReadLook = {};
    const storeQuery = { scope: scopeOf(o), filters: this.#visible(o.filters), look };
    const pool = Math.max(limit * 2, 20);
    // With no weight on vectors (the offline default), the query is not embedded and no vector is read.
    const embed = (): Promise<Float32Array[]> => this.embedder.embed([text], options.signal);
    const [vector] = this.searchCallsProvider ? await withUsageContext(usagePhase("search", o), embed) : [];
    const [vectorHits, keywordHits] = await Promise.all([
      vector ? this.store.vectorSearch(vector, storeQuery, pool) : [],
      this.store.keywordSearch(text, Object.assign({}, storeQuery, { neighbourContext: true }), pool),
    ]);
    const threshold = o.threshold ?? this.settings.searchThreshold;
    const weights = Object.assign(weightsOf(this.settings), { vectorFloor: this.embedder.noiseFloor ?? 0 });
    // Every hit carries its ranking inputs: rank first, then load only the memories shown.
    const inputs = rankingInputs([...vectorHits, ...keywordHits]);
    // The query's dates and names weigh the vector part too (the store weighed BM25 by them already).
    const vectorIds = vectorHits.map((h) => h.id);
    const said = vectorIds.length ? await this.store.getMany(vectorIds, look) : [];
    // (Without vector hits there is nothing to weigh: the query is not parsed for dates and names again.)
    const factors = said.length ? queryFactors(text, said) : undefined;
    for (const [id, f] of factors ?? []) (inputs.get(id) as RankingInputs).vectorFactor = f;
    const top = rank(vectorHits, keywordHits, inputs, weights, this.#now())
      .filter((r) => r.score >= threshold)
      .slice(0, limit);
    const memories = new Map(said.map((m) => [m.id, m]));
    const missing = top.filter((r) => !memories.has(r.id)).map((r) => r.id);
    for (const m of missing.length ? await this.store.getMany(missing, look) : []) memories.set(m.id, m);
    // A loop, not flatMap: V8's flatMap spent ~2 µs on 10 hits (a one-element array per hit).
    const hits: ScoredMemory[] = [];
    for (const r of top) {
      const m = memories.get(r.id) as ScoredMemory | undefined;
      if (!m || !inScope(m, storeQuery.scope)) continue;
      // The store's objects are this search's own (StoreReader.getMany): the score is set on them
      // (keys in the order a spread gives) rather than copying every memory shown.
      m.score = r.score;
      m.scoreParts = r.scoreParts;
      hits.push(m);
    }
    return hits;
  }

  /** Store filters of a read: the caller's, and unless `includeExpired`, only memories not expired now. */
  #visible(filters: SearchOptions["filters"]): StoreFilters {
    const out = toStoreFilters(filters);
    if (filters?.includeExpired !== true) out.liveAt = this.#now();
    return out;
  }

  /**
   * One memory by id; `NOT_FOUND` when it does not exist, lies outside `guard.scope`, or has
   * expired (details `expires_at`) unless `guard.includeExpired`.
   */
  async get(id: string, guard: ReadGuard = {}): Promise<Memory> {
    parseOrThrow(guardSchema, guard, "options");
    const memoryId = parseOrThrow(memoryIdSchema, id, "memory id");
    const memory = await this.store.get(memoryId);
    if (!memory || !inScope(memory, guard.scope))
      throw new CortexMemError(ErrorCode.NOT_FOUND, `Memory ${memoryId} not found`, { details: { id: memoryId } });
    if (guard.includeExpired !== true && isExpired(memory, this.#now())) {
      const at = (memory.expiresAt as Date).toISOString();
      throw new CortexMemError(
        ErrorCode.NOT_FOUND,
        `Memory ${memoryId} expired at ${at} (ask with include_expired to read it)`,
        { details: { id: memoryId, expires_at: at } },
      );
    }
    return memory;
  }

  /**
   * Runs a read-then-write: with `ifVersion` the first conflict is the caller's (`CONFLICT`);
   * without it, a memory changed by another writer between read and write is read again and the
   * change redone on the fresh state (nothing is lost and nothing overwritten blindly).
   */
  async #conditional<T>(ifVersion: readonly string[] | undefined, write: () => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await write();
      } catch (error) {
        if (ifVersion !== undefined || attempt >= WRITE_ATTEMPTS || !isConflict(error)) throw error;
      }
    }
  }

  /** The memory, checked against `ifVersion` (a fast `CONFLICT`; the store checks again in its transaction). */
  async #current(
    id: string,
    guard: ScopeGuard,
    ifVersion: readonly string[] | undefined,
  ): Promise<{ current: Memory; version: string }> {
    // Writes by id reach expired memories too: they are kept until cleaned, and may be revived.
    const current = await this.get(id, { ...guard, includeExpired: true });
    const version = memoryVersion(current);
    if (ifVersion && !ifVersion.includes(version)) throw versionConflict(current.id, ifVersion, version);
    return { current, version };
  }

  /**
   * Changes a memory (re-embedding only when the content changes) and appends an UPDATE row.
   * `guard.ifVersion` makes it conditional (see {@link WriteGuard}).
   */
  async update(id: string, input: UpdateInput, guard: WriteGuard = {}): Promise<Memory> {
    parseOrThrow(guardSchema, guard, "update options");
    const change = parseOrThrow(updateInputSchema, input, "update");
    if (change.content) this.#checkLength(change.content);
    requestedExpiry(change, this.#now()); // both given, or a date in the past: refused before any read
    const ifVersion = versionsOf(guard.ifVersion);
    return this.#conditional(ifVersion, () => this.#update(id, change, guard, ifVersion));
  }

  async #update(
    id: string,
    change: ReturnType<typeof updateInputSchema.parse>,
    guard: ScopeGuard,
    ifVersion: readonly string[] | undefined,
  ): Promise<Memory> {
    const { current, version } = await this.#current(id, guard, ifVersion);
    const now = this.#now();
    const expiresAt = requestedExpiry(change, now);
    const content = change.content ?? current.content;
    const next: Memory = {
      ...current,
      content,
      hash: contentHash(content),
      updatedAt: laterThan(now, current.updatedAt),
      ...(change.memoryType ? { memoryType: change.memoryType } : {}),
      ...(change.metadata ? { metadata: change.metadata } : {}),
      ...(change.importance !== undefined ? { importance: change.importance } : {}),
      ...(change.topics ? { topics: change.topics } : {}),
      ...(change.entities ? { entities: change.entities } : {}),
      ...(change.actorId ? { actorId: change.actorId } : {}),
    };
    if (expiresAt) next.expiresAt = expiresAt;
    else if (expiresAt === null) delete next.expiresAt;
    const vector =
      content !== current.content
        ? (
            await withUsageContext(usagePhase("update", current), () =>
              this.embedder.embed([embeddingText(next)], guard.signal),
            )
          )[0]
        : undefined;
    const reason = describeAttributeChange(current, next);
    const history: HistoryEntry = {
      id: randomUUID(),
      memoryId: current.id,
      event: "UPDATE",
      oldContent: current.content,
      newContent: content,
      ...scopeOf(current),
      ...(change.actorId ? { actorId: change.actorId } : {}),
      ...(reason ? { reason } : {}),
      at: now,
    };
    await this.store.apply(
      [{ op: "update", memory: next, ...(vector ? { vector } : {}), ifVersion: [version] }],
      [history],
    );
    return next;
  }

  /** Deletes a memory for real (its history row stays); `guard.ifVersion` makes it conditional. */
  async delete(id: string, guard: WriteGuard = {}): Promise<void> {
    parseOrThrow(guardSchema, guard, "delete options");
    const ifVersion = versionsOf(guard.ifVersion);
    await this.#conditional(ifVersion, async () => {
      const { current, version } = await this.#current(id, guard, ifVersion);
      await this.store.apply([{ op: "delete", id: current.id, ifVersion: [version] }], [this.#deleteRow(current)]);
    });
  }

  #deleteRow(m: Memory): HistoryEntry {
    return {
      id: randomUUID(),
      memoryId: m.id,
      event: "DELETE",
      oldContent: m.content,
      newContent: null,
      ...scopeOf(m),
      at: this.#now(),
    };
  }

  /** Deletes every memory of a scope (which must be given) in one transaction. */
  async deleteAll(scope: Scope): Promise<{ deleted: number }> {
    const s = scopeOf(parseOrThrow(scopeSchema, scope, "scope"));
    requireScope(s, "deleteAll");
    const ids = await this.store.ids({ scope: s, filters: { includeSuperseded: true } });
    const memories = await this.store.getMany(ids);
    if (memories.length > 0)
      await this.store.apply(
        memories.map((m) => ({ op: "delete" as const, id: m.id })),
        memories.map((m) => this.#deleteRow(m)),
      );
    return { deleted: memories.length };
  }

  /**
   * Removes the memories expired by now (in `options`' scope; none given: every scope), each with
   * an `EXPIRE` history row; `dryRun` only counts them. Returns how many, with their ids.
   */
  async expire(options: ExpireOptions = {}): Promise<ExpireResult> {
    const o = parseOrThrow(expireOptionsSchema, options, "expire options");
    return expireMemories(this.store, scopeOf(o), this.#now(), o.dryRun === true);
  }

  /** A page of memories, newest first; pass `nextCursor` back for the next page. */
  async list(options: ListOptions = {}): Promise<MemoryPage> {
    const o = parseOrThrow(listOptionsSchema, options, "list options");
    return this.store.list(
      { scope: scopeOf(o), filters: this.#visible(o.filters) },
      { limit: o.limit ?? 100, ...(o.cursor ? { cursor: o.cursor } : {}) },
    );
  }

  /** Every change of a memory, oldest first — also for deleted memories. */
  async history(id: string, guard: ScopeGuard = {}): Promise<HistoryEntry[]> {
    parseOrThrow(guardSchema, guard, "history options");
    const memoryId = parseOrThrow(memoryIdSchema, id, "memory id");
    const rows = await this.store.history(memoryId);
    if (rows.length === 0 || !rows.every((r) => inScope(r, guard.scope)))
      throw new CortexMemError(ErrorCode.NOT_FOUND, `No history for memory ${memoryId}`, { details: { id: memoryId } });
    return rows;
  }

  /** Counts by type, user and agent, for a scope or for everything. */
  async stats(scope: Scope = {}): Promise<MemoryStats> {
    return this.store.stats(scopeOf(parseOrThrow(scopeSchema, scope, "scope")));
  }

  /** Removes every memory and all history. */
  async reset(): Promise<void> {
    await this.store.reset();
  }

  /** Short name of the store (`sqlite`, `qdrant`), for logs and health answers. */
  get storeKind(): string {
    return this.store.kind;
  }

  /** Number of memories in every scope (health, metrics); fails when the store does not answer. */
  async count(): Promise<number> {
    return this.store.count();
  }

  /**
   * Probes the LLM, the embedder and the store at once: the providers with their smallest real
   * request (offline providers answer without one), the store with its own checks (opens, layout,
   * writable, the embedder's vectors). Reachable and authorised or the reason not, latency. Never throws.
   */
  async probe(signal?: AbortSignal): Promise<{ llm: ProbeResult; embedding: ProbeResult; store: StoreProbeResult }> {
    const [llm, embedding, store] = await Promise.all([
      this.probeLlm(signal),
      this.probeEmbedder(signal),
      this.probeStore(signal),
    ]);
    return { llm, embedding, store };
  }

  /**
   * Probes the store alone (see {@link probe}): that it answers, reads this layout, takes writes and
   * holds this embedder's vectors; `state` says what it found (memories, schema version).
   */
  async probeStore(signal?: AbortSignal): Promise<StoreProbeResult> {
    const expect = { dimensions: await this.embedder.dimensions(), embedder: this.embedder.id };
    return probeStore(this.store, { expect, ...(signal ? { signal } : {}) });
  }

  /** Probes the LLM alone (see {@link probe}). */
  probeLlm(signal?: AbortSignal): Promise<ProbeResult> {
    return withUsageContext(usagePhase("probe"), () => probeLlm(this.llm, signal));
  }

  /** Probes the embedder alone (see {@link probe}): one real one-word embedding for a network provider. */
  probeEmbedder(signal?: AbortSignal): Promise<ProbeResult> {
    return withUsageContext(usagePhase("probe"), () => probeEmbedder(this.embedder, signal));
  }

  /** The embedder's vector size (asks the provider once when it was not configured). */
  embedderDimensions(): Promise<number> {
    return this.embedder.dimensions();
  }

  /** Memories by id, any scope, in no particular order (tools that list what a plan touches). */
  getMany(ids: string[]): Promise<Memory[]> {
    return this.store.getMany(ids);
  }

  /** Dashboard aggregates of a scope (everything when empty): counts, growth, importance, recent changes. */
  insights(scope: Scope, options: InsightsOptions = {}): Promise<MemoryInsights> {
    return memoryInsights(this.store, scope, options);
  }

  /**
   * Copies a Rust v1 Qdrant collection into this store, keeping v1's vectors when this embedder is an
   * OpenAI-compatible model of the same size (else the memories need `reembed`; see the summary).
   */
  async importV1Qdrant(
    source: V1PointSource,
    options: { batchSize?: number; onProgress?: (read: number) => void } = {},
  ): Promise<V1ImportSummary> {
    const dimensions = await this.embedder.dimensions();
    const sameModel = this.embedder.id.startsWith("openai:");
    return importV1Qdrant(source, this.store, {
      keepVector: (v) => sameModel && v.length === dimensions,
      ...options,
    });
  }

  /** Id of the embedder (model and dimension), for status answers. */
  get embedderId(): string {
    return this.embedder.id;
  }

  /**
   * Tokens spent by LLM and embedding calls in a query's days and scope, with a cost estimate from
   * the user's price table (`[usage]` config); empty when usage accounting is off.
   */
  async usage(query: UsageQuery, pricing: { prices: readonly UsagePrice[]; currency: string }): Promise<UsageReport> {
    if (this.usageLedger) return usageReport(this.usageLedger, query, pricing);
    const totals = { calls: 0, tokensIn: 0, tokensOut: 0, cost: null };
    return { query, currency: pricing.currency, rows: [], totals, unpricedModels: [] };
  }

  /** Closes the job queue, the usage ledger (writing what it holds) and the store. */
  async close(): Promise<void> {
    await this.jobs?.close();
    await this.usageLedger?.close();
    await this.store.close();
  }

  /**
   * Re-embeds, batch by batch, every memory whose vector is missing or from another embedder
   * (after switching models; open with `createMemory(config, { reembed: true })`). Each batch is
   * committed on its own, so an interrupted run resumes where it stopped. Returns how many.
   */
  async reembed(
    options: { batchSize?: number; onProgress?: (done: number, total: number) => void } = {},
  ): Promise<number> {
    rejectUnknownKeys(options, ["batchSize", "onProgress"], "reembed options");
    const total = await this.store.count();
    const batchSize = options.batchSize ?? 64;
    let done = 0;
    for (;;) {
      const stale = await this.store.staleVectors(this.embedder.id, batchSize);
      if (stale.length === 0) return done;
      const texts = stale.map(embeddingText);
      const vectors = await withUsageContext(usagePhase("reembed"), () => this.embedder.embed(texts));
      await this.store.setVectors(
        stale.map((m, i) => ({ id: m.id, vector: vectors[i] as Float32Array })),
        this.embedder.id,
      );
      done += stale.length;
      options.onProgress?.(done, Math.max(total, done));
    }
  }

  /** Streams the scope (or everything) as JSONL lines: a header, each memory with vector and history, then orphan history. */
  export(scope: Scope = {}): AsyncIterable<string> {
    return exportLines(this, scopeOf(parseOrThrow(scopeSchema, scope, "scope")));
  }

  /**
   * Reads JSONL lines of {@link export} (or a function re-reading them, so a large file is not held
   * in memory); idempotent (known ids and history rows are skipped). Every record is validated
   * first: an invalid one aborts with `VALIDATION` before anything is written, unless `skipInvalid`.
   */
  async import(lines: ImportSource, options: ImportOptions = {}): Promise<ImportSummary> {
    rejectUnknownKeys(options, ["batchSize", "onProgress", "skipInvalid"], "import options");
    return importLines(this, lines, options);
  }
}
