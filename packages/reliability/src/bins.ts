import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);

/** The built entry points the suite spawns: the three doors, and this package's crash writer. */
export interface BinPaths {
  cli: string;
  service: string;
  mcp: string;
  crashWriter: string;
}

const packageBin = (name: string): string => join(dirname(require.resolve(`${name}/package.json`)), "dist", "bin.js");

/** Where the built bins are (`packages/<pkg>/dist/bin.js`, resolved through the workspace dependencies). */
export function binPaths(): BinPaths {
  return {
    cli: packageBin("cortex-mem"),
    service: packageBin("@cortex-mem/service"),
    mcp: packageBin("@cortex-mem/mcp"),
    crashWriter: fileURLToPath(new URL("../dist/crash-writer.js", import.meta.url)),
  };
}

/** Throws one clear error naming every bin that is not built yet (the suite drives built code only). */
export function assertBuilt(paths: BinPaths = binPaths()): void {
  const missing = Object.values(paths).filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new Error(`Not built: ${missing.join(", ")}. Run: pnpm turbo run build --filter=@cortex-mem/reliability...`);
  }
}
