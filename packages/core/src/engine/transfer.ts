import { CortexMemError, ErrorCode } from "../errors.js";
import type { ExportRecord } from "../store/memory-store.js";
import type { HistoryEntry, Scope } from "../types/memory.js";
import { historyFromWire, historyToWire, memoryFromWire, memoryToWire } from "../wire/memory-wire.js";
import type { WireHistoryEntry, WireMemory } from "../wire/memory-wire.js";
import { embeddingText } from "./embedding-text.js";
import type { MemoryManager } from "./memory-manager.js";

/** First line of every export. */
export const EXPORT_FORMAT = "cortex-mem-export";

/** Progress callback and batch size of an import. */
export interface ImportOptions {
  batchSize?: number;
  onProgress?: (progress: { lines: number; imported: number; skipped: number }) => void;
}

/** What an import did: memories written, lines that were already there. */
export interface ImportSummary {
  imported: number;
  skipped: number;
  lines: number;
}

const toBase64 = (v: Float32Array): string => Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString("base64");
const fromBase64 = (s: string): Float32Array => {
  const bytes = Buffer.from(s, "base64");
  const copy = new Uint8Array(bytes.byteLength);
  copy.set(bytes);
  return new Float32Array(copy.buffer);
};

/** The export stream of a manager (see `MemoryManager.export`). */
export async function* exportLines(manager: MemoryManager, scope: Scope): AsyncIterable<string> {
  const dimensions = await manager.embedder.dimensions();
  yield JSON.stringify({ type: "header", format: EXPORT_FORMAT, version: 1, embedder: manager.embedder.id, dimensions, exported_at: new Date().toISOString() });
  for await (const r of manager.store.exportAll(scope)) {
    yield JSON.stringify({ type: "memory", memory: memoryToWire(r.memory), vector: r.vector ? toBase64(r.vector) : null, history: r.history.map(historyToWire) });
  }
  for (const h of await manager.store.orphanHistory(scope)) yield JSON.stringify({ type: "history", entry: historyToWire(h) });
}

function parseLine(line: string, n: number): Record<string, unknown> {
  try {
    const value = JSON.parse(line) as unknown;
    if (typeof value === "object" && value !== null && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw new CortexMemError(ErrorCode.VALIDATION, `Line ${n} of the import is not a JSON object`, { details: [{ path: `line ${n}`, message: "invalid JSON" }] });
}

/**
 * Imports an export. Vectors are reused when the export's embedder matches ours, else the
 * content is re-embedded. Each batch is one transaction; re-running adds nothing.
 */
export async function importLines(manager: MemoryManager, lines: AsyncIterable<string> | Iterable<string>, options: ImportOptions): Promise<ImportSummary> {
  const ourEmbedder = manager.embedder.id;
  let reuseVectors = false;
  let batch: ExportRecord[] = [];
  let orphans: HistoryEntry[] = [];
  const summary: ImportSummary = { imported: 0, skipped: 0, lines: 0 };
  const flush = async (): Promise<void> => {
    if (batch.length === 0 && orphans.length === 0) return;
    const missing = batch.filter((r) => r.vector === null);
    if (missing.length) {
      const vectors = await manager.embedder.embed(missing.map((r) => embeddingText(r.memory)));
      missing.forEach((r, i) => (r.vector = vectors[i] as Float32Array));
    }
    const added = await manager.store.importRecords(batch, orphans);
    summary.imported += added;
    summary.skipped += batch.length - added;
    batch = [];
    orphans = [];
    options.onProgress?.({ ...summary });
  };
  let n = 0;
  for await (const raw of lines) {
    n += 1;
    if (raw.trim() === "") continue;
    summary.lines = n;
    const line = parseLine(raw, n);
    if (line.type === "header") {
      if (line.format !== EXPORT_FORMAT) throw new CortexMemError(ErrorCode.VALIDATION, `Line ${n}: not a cortex-mem export (format ${String(line.format)})`);
      reuseVectors = line.embedder === ourEmbedder;
    } else if (line.type === "memory") {
      const memory = memoryFromWire(line.memory as WireMemory);
      if (!memory.id || !memory.content || Number.isNaN(memory.createdAt.getTime())) {
        throw new CortexMemError(ErrorCode.VALIDATION, `Line ${n}: memory is missing id, content or created_at`);
      }
      const vector = reuseVectors && typeof line.vector === "string" ? fromBase64(line.vector) : null;
      batch.push({ memory, vector, history: ((line.history as WireHistoryEntry[]) ?? []).map(historyFromWire) });
    } else if (line.type === "history") {
      orphans.push(historyFromWire(line.entry as WireHistoryEntry));
    } else {
      throw new CortexMemError(ErrorCode.VALIDATION, `Line ${n}: unknown line type ${JSON.stringify(line.type)}`);
    }
    if (batch.length + orphans.length >= (options.batchSize ?? 500)) await flush();
  }
  await flush();
  return summary;
}
