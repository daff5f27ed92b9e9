import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** A throwaway CORTEX_MEM_HOME: its directory, the SQLite file the doors will use, and a remover. */
export interface TempHome {
  dir: string;
  dbPath: string;
  /** Environment that points every door at this home (and nowhere else: no user config, no keys). */
  env: Record<string, string>;
  remove(): void;
}

/**
 * Creates a fresh home under the OS temp dir. `toml` becomes `<home>/cortex-mem.toml`, which every
 * door reads (e.g. `[memory]\nann_threshold = 40`).
 */
export function makeHome(prefix: string, toml?: string): TempHome {
  const dir = mkdtempSync(join(tmpdir(), `cortex-mem-rel-${prefix}-`));
  if (toml !== undefined) writeFileSync(join(dir, "cortex-mem.toml"), toml);
  return {
    dir,
    dbPath: join(dir, "memories.db"),
    env: { CORTEX_MEM_HOME: dir, HOME: dir, PATH: process.env.PATH ?? "/usr/bin:/bin", CORTEX_MEM_LOG_LEVEL: "info" },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}
