import { CortexMemError, ErrorCode, toCortexMemError } from "../errors.js";
import { probeReason } from "../providers/probe.js";
import type { ProbeReason, ProbeResult } from "../providers/probe.js";
import type { MemoryStore } from "./memory-store.js";

/** What a store probe checks besides reaching the store: the vectors a caller is about to bring. */
export interface StoreProbeOptions {
  /** Gives up (reason `timeout`) when it aborts; {@link STORE_PROBE_TIMEOUT_MS} when absent. */
  signal?: AbortSignal;
  /**
   * The embedder the caller would open the store with: a store holding vectors of another
   * embedder or dimension fails with reason `incompatible` (the `CONFIG` error `init` would throw).
   */
  expect?: { dimensions: number; embedder: string };
}

/** What a store probe found out about the data, each null when the probe did not get that far. */
export interface StoreProbeState {
  /** The file or collection exists (a missing one is created at first use: not a failure). */
  exists: boolean | null;
  /** The on-disk layout version (SQLite's `meta.schema_version`); null for stores without one. */
  schemaVersion: number | null;
  /** The store accepts writes (SQLite: the connection, the file and its folder are writable). */
  writable: boolean | null;
  /** Memories in every scope. */
  memories: number | null;
}

/**
 * A store's {@link ProbeResult}: `provider` is the store kind, `baseUrl` its server (null for a
 * file), `location` the file or collection, `state` what it found.
 */
export interface StoreProbeResult extends ProbeResult {
  location: string;
  state: StoreProbeState;
}

/** The part of a store probe's result known before it runs. */
export type StoreProbeTarget = Pick<StoreProbeResult, "provider" | "baseUrl" | "location">;

/** How long a store probe waits at most when the caller gives no signal. */
export const STORE_PROBE_TIMEOUT_MS = 10_000;

const UNREADABLE = /SQLITE_(NOTADB|CORRUPT|CANTOPEN|IOERR)|EACCES|EISDIR|ENOTDIR/;
const READ_ONLY = /SQLITE_READONLY|EROFS|EPERM/;

/** The driver's code behind a store error (`SQLITE_NOTADB`, `EACCES`…), or its message. */
function driverCode(error: CortexMemError): string {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? code : error.message;
}

/**
 * Why a store failed its probe: a file that cannot be opened or is not a database → `unreadable`,
 * one that cannot be written → `read_only`, a newer layout or another embedder's vectors →
 * `incompatible`, a refused key → `unauthorized`; else the provider reasons of {@link probeReason}.
 */
export function storeProbeReason(error: CortexMemError): ProbeReason {
  type Details = { stored?: unknown; schemaVersion?: unknown; status?: unknown; readOnly?: unknown };
  const details = error.details as Details | undefined;
  if (error.code === ErrorCode.CONFIG && (details?.stored !== undefined || details?.schemaVersion !== undefined))
    return "incompatible";
  if (details?.status === 401 || details?.status === 403) return "unauthorized";
  const code = driverCode(error);
  if (details?.readOnly === true || READ_ONLY.test(code)) return "read_only";
  if (UNREADABLE.test(code)) return "unreadable";
  return probeReason(error);
}

/** Rejects with `TIMEOUT` when the signal aborts first. */
function raceSignal<T>(work: Promise<T>, signal: AbortSignal, provider: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void =>
      reject(new CortexMemError(ErrorCode.TIMEOUT, `The ${provider} store did not answer its probe in time`));
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

/**
 * Runs a store's checks and times them: `check` fills in `state` as it learns and throws the first
 * failure, which becomes the reason. Never throws.
 */
export async function runStoreProbe(
  target: StoreProbeTarget,
  check: (state: StoreProbeState) => Promise<string | void>,
  signal?: AbortSignal,
): Promise<StoreProbeResult> {
  const state: StoreProbeState = { exists: null, schemaVersion: null, writable: null, memories: null };
  const base = { ...target, model: null, state };
  const started = performance.now();
  const latency = (): number => Math.round(performance.now() - started);
  try {
    const note = await raceSignal(check(state), signal ?? AbortSignal.timeout(STORE_PROBE_TIMEOUT_MS), target.provider);
    return { ok: true, reason: null, ...base, latencyMs: latency(), ...(note ? { note } : {}), error: null };
  } catch (error) {
    const e = toCortexMemError(error);
    return { ok: false, reason: storeProbeReason(e), ...base, latencyMs: latency(), error: e };
  }
}

/** A failed probe of a store that could not even be built (its file, its settings). */
export function failedStoreProbe(target: StoreProbeTarget, error: unknown): StoreProbeResult {
  const e = toCortexMemError(error);
  const state: StoreProbeState = { exists: null, schemaVersion: null, writable: null, memories: null };
  return { ok: false, reason: storeProbeReason(e), ...target, model: null, state, latencyMs: null, error: e };
}

/** Probes a store: its own `probe()`, else a timed `count()` (it answers a read). */
export function probeStore(store: MemoryStore, options: StoreProbeOptions = {}): Promise<StoreProbeResult> {
  if (store.probe) return store.probe(options);
  return runStoreProbe(
    { provider: store.kind, baseUrl: null, location: store.kind },
    async (state) => {
      state.memories = await store.count();
    },
    options.signal,
  );
}
