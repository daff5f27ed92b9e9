import { CortexMemError, ErrorCode } from "../errors.js";
import type { Embedder } from "../embedder/embedder.js";
import type { ExportRecord, StoreHistory, StoreTransfer } from "../store/memory-store.js";
import type { HistoryEntry, Scope } from "../types/memory.js";
import { historyFromWire, historyToWire, memoryToWire } from "../wire/memory-wire.js";
import type { WireHistoryEntry } from "../wire/memory-wire.js";
import type { ImportIssue } from "./import-record.js";
import { vectorToBase64 } from "../indexing/vector-bytes.js";
import { decodeVector, parseImportLine, recordOf } from "./import-record.js";
import { embeddingText } from "./embedding-text.js";
import { usagePhase, withUsageContext } from "../usage/usage-context.js";

/** First line of every export. */
export const EXPORT_FORMAT = "cortex-mem-export";

/** Progress callback, batch size and what to do with invalid records. */
export interface ImportOptions {
  batchSize?: number;
  onProgress?: (progress: { lines: number; imported: number; skipped: number }) => void;
  /** Import the valid records and report the invalid ones; by default one invalid record aborts the import before anything is written. */
  skipInvalid?: boolean;
}

/** What an import did: memories written, true duplicates (id already there), invalid records and why. */
export interface ImportSummary {
  imported: number;
  /** Records whose id was already stored (or seen earlier in the file): true duplicates only. */
  skipped: number;
  /** Lines that failed validation (nothing of them was stored). */
  invalid: number;
  /** Each problem, with its line number and field (at most {@link MAX_REPORTED_ISSUES}). */
  issues: ImportIssue[];
  lines: number;
}

/** How many issues an import reports at most (the count of invalid lines is always exact). */
export const MAX_REPORTED_ISSUES = 100;

/** What an export reads: the store's records and orphan history, and which embedder made the vectors. */
export interface ExportSource {
  store: Pick<StoreTransfer, "exportAll"> & Pick<StoreHistory, "orphanHistory">;
  embedder: Pick<Embedder, "id" | "dimensions">;
}

/** What an import writes with: the store's bulk write and the embedder for records without a usable vector. */
export interface ImportTarget {
  store: Pick<StoreTransfer, "importRecords">;
  embedder: Pick<Embedder, "id" | "dimensions" | "embed">;
}

/** The export stream of a store (see `MemoryManager.export`). */
export async function* exportLines(manager: ExportSource, scope: Scope): AsyncIterable<string> {
  const dimensions = await manager.embedder.dimensions();
  yield JSON.stringify({
    type: "header",
    format: EXPORT_FORMAT,
    version: 1,
    embedder: manager.embedder.id,
    dimensions,
    exported_at: new Date().toISOString(),
  });
  for await (const r of manager.store.exportAll(scope)) {
    yield JSON.stringify({
      type: "memory",
      memory: memoryToWire(r.memory),
      vector: r.vector ? vectorToBase64(r.vector) : null,
      history: r.history.map(historyToWire),
    });
  }
  for (const h of await manager.store.orphanHistory(scope))
    yield JSON.stringify({ type: "history", entry: historyToWire(h) });
}

/** Import lines, or a function that reads them afresh (lets a large file be read twice instead of held in memory). */
export type ImportSource = AsyncIterable<string> | Iterable<string> | (() => AsyncIterable<string> | Iterable<string>);

type Valid = Exclude<ReturnType<typeof parseImportLine>, ImportIssue[]>;

/** Validates one line (shape, header, vector size); returns the issues, empty when the line is good. */
function checkLine(
  raw: string,
  n: number,
  state: { reuse: boolean; ours: string; dims: number },
): { line?: Valid; issues: ImportIssue[] } {
  const line = parseImportLine(raw, n);
  if (Array.isArray(line)) return { issues: line };
  if (line.type === "header") {
    if (line.format !== EXPORT_FORMAT)
      return { issues: [{ line: n, path: "format", message: `not a cortex-mem export (format ${line.format})` }] };
    state.reuse = line.embedder === state.ours;
  } else if (line.type === "memory" && state.reuse && typeof line.vector === "string") {
    const vector = decodeVector(line.vector, state.dims, n);
    if (!(vector instanceof Float32Array)) return { issues: [vector] };
  }
  return { line, issues: [] };
}

async function* linesOf(source: AsyncIterable<string> | Iterable<string>): AsyncIterable<[string, number]> {
  let n = 0;
  for await (const raw of source) {
    n += 1;
    if (raw.trim() !== "") yield [raw, n];
  }
}

/**
 * Imports an export in two passes. The first validates every line against the wire memory's
 * schema (defaults filled where the format allows); unless `skipInvalid`, one invalid line aborts
 * with `VALIDATION` (line and field of each problem) before anything is written. The second
 * writes the valid records, a transaction per batch; vectors are reused when the export's
 * embedder matches ours (else, or when missing, the content is embedded). Re-running adds nothing.
 */
export async function importLines(
  manager: ImportTarget,
  source: ImportSource,
  options: ImportOptions,
): Promise<ImportSummary> {
  const state = { reuse: false, ours: manager.embedder.id, dims: await manager.embedder.dimensions() };
  const summary: ImportSummary = { imported: 0, skipped: 0, invalid: 0, issues: [], lines: 0 };
  const reread = typeof source === "function";
  const kept: [Valid, number][] = []; // a one-shot source keeps its parsed lines for the write pass
  const bad = new Set<number>();
  for await (const [raw, n] of linesOf(reread ? source() : source)) {
    summary.lines = n;
    const { line, issues } = checkLine(raw, n, state);
    if (issues.length > 0 || !line) {
      bad.add(n);
      summary.invalid += 1;
      summary.issues.push(...issues.slice(0, MAX_REPORTED_ISSUES - summary.issues.length));
    } else if (!reread) kept.push([line, n]);
  }
  if (summary.invalid > 0 && !options.skipInvalid) {
    throw new CortexMemError(
      ErrorCode.VALIDATION,
      `${summary.invalid} of ${summary.lines} lines are invalid; nothing was imported (fix them, or skip them with --skip-invalid)`,
      {
        details: summary.issues.map((i) => ({
          path: `line ${i.line}${i.path ? `: ${i.path}` : ""}`,
          message: i.message,
          line: i.line,
          field: i.path,
        })),
      },
    );
  }
  state.reuse = false;
  let batch: ExportRecord[] = [];
  let orphans: HistoryEntry[] = [];
  const flush = async (): Promise<void> => {
    if (batch.length === 0 && orphans.length === 0) return;
    const missing = batch.filter((r) => r.vector === null);
    if (missing.length) {
      const texts = missing.map((r) => embeddingText(r.memory));
      const vectors = await withUsageContext(usagePhase("import"), () => manager.embedder.embed(texts));
      missing.forEach((r, i) => (r.vector = vectors[i] as Float32Array));
    }
    const added = await manager.store.importRecords(batch, orphans);
    summary.imported += added;
    summary.skipped += batch.length - added;
    batch = [];
    orphans = [];
    options.onProgress?.({ lines: summary.lines, imported: summary.imported, skipped: summary.skipped });
  };
  const rows = reread ? linesOf(source()) : kept;
  for await (const [item, n] of rows) {
    if (bad.has(n)) continue;
    const line = typeof item === "string" ? checkLine(item, n, state).line : item;
    if (line?.type === "header") state.reuse = line.embedder === state.ours;
    if (line?.type === "memory") {
      const vector =
        state.reuse && typeof line.vector === "string"
          ? (decodeVector(line.vector, state.dims, n) as Float32Array)
          : null;
      batch.push(recordOf(line, vector));
    } else if (line?.type === "history") {
      orphans.push(historyFromWire(line.entry as WireHistoryEntry));
    }
    if (batch.length + orphans.length >= (options.batchSize ?? 500)) await flush();
  }
  await flush();
  return summary;
}
