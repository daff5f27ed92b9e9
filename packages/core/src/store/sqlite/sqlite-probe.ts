import { accessSync, constants } from "node:fs";
import { dirname } from "node:path";
import type Database from "better-sqlite3";
import { CortexMemError, ErrorCode } from "../../errors.js";
import { runStoreProbe } from "../store-probe.js";
import type { StoreProbeOptions, StoreProbeResult } from "../store-probe.js";
import { SCHEMA_VERSION } from "./schema.js";
import { guard } from "./sqlite-errors.js";

/** The embedder and dimension a store's vectors came from (`meta`), and whether it holds any. */
export interface StoredVectors {
  dimensions: number | undefined;
  embedder: string | undefined;
  hasVectors: boolean;
}

/** Reads {@link StoredVectors} from the `meta` table. */
export function storedVectors(db: Database.Database): StoredVectors {
  const rows = db.prepare("SELECT key, value FROM meta WHERE key IN ('dimensions', 'embedder')").all() as {
    key: string;
    value: string;
  }[];
  const meta = Object.fromEntries(rows.map((r) => [r.key, r.value]));
  // EXISTS, not COUNT(*): counting reads one page per vector row (each model-size vector fills a
  // page), which at 100k × 1536 read 400 MB at every open.
  const hasVectors = db.prepare("SELECT EXISTS (SELECT 1 FROM vectors)").pluck().get() === 1;
  const dimensions = meta.dimensions === undefined ? undefined : Number(meta.dimensions);
  return { dimensions, embedder: meta.embedder, hasVectors };
}

/**
 * The `CONFIG` error for a store holding vectors another embedder or dimension made than the one it
 * is opened with (details `stored` / `configured`, which `explainEmbedderSwitch` reads), or null.
 */
export function embedderMismatch(
  path: string,
  stored: StoredVectors,
  configured: { dimensions: number; embedder: string },
): CortexMemError | null {
  const { dimensions, embedder } = stored;
  if (dimensions === undefined || !stored.hasVectors) return null;
  if (dimensions === configured.dimensions && embedder === configured.embedder) return null;
  return new CortexMemError(
    ErrorCode.CONFIG,
    `The store ${path} holds vectors of dimension ${dimensions} from embedder "${embedder}", but the configured embedder "${configured.embedder}" gives dimension ${configured.dimensions}. Run \`cortex-mem reembed\` to re-embed every memory, or point CORTEX_MEM_HOME at another store.`,
    { details: { stored: { dimensions, embedder }, configured } },
  );
}

/** True when this process may write the file and create the WAL files beside it. */
function canWrite(db: Database.Database, path: string): boolean {
  if (db.readonly) return false;
  if (path === ":memory:" || path === "") return true;
  try {
    accessSync(path, constants.W_OK);
    accessSync(dirname(path), constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Probes an open SQLite store without writing: the layout version is one this build reads, the
 * file and its folder are writable, the vectors (with `expect`) are the caller's embedder's, and
 * it answers a count.
 */
export function probeSqlite(
  db: Database.Database,
  path: string,
  options: StoreProbeOptions = {},
): Promise<StoreProbeResult> {
  return runStoreProbe(
    { provider: "sqlite", baseUrl: null, location: path },
    async (state) =>
      guard(path, "probe the store", () => {
        state.exists = true;
        const version = Number(db.prepare("SELECT value FROM meta WHERE key = 'schema_version'").pluck().get() ?? 0);
        state.schemaVersion = version;
        if (version > SCHEMA_VERSION)
          throw new CortexMemError(
            ErrorCode.CONFIG,
            `The store ${path} has layout version ${version}, written by a newer cortex-mem (this one reads up to ${SCHEMA_VERSION}); upgrade cortex-mem`,
            { details: { schemaVersion: version, supported: SCHEMA_VERSION } },
          );
        state.writable = canWrite(db, path);
        if (!state.writable)
          throw new CortexMemError(ErrorCode.STORE, `The store ${path} is read-only for this process`, {
            details: { path, readOnly: true },
          });
        const mismatch = options.expect ? embedderMismatch(path, storedVectors(db), options.expect) : null;
        if (mismatch) throw mismatch;
        state.memories = (db.prepare("SELECT COUNT(*) AS n FROM memories").get() as { n: number }).n;
      }),
    options.signal,
  );
}
