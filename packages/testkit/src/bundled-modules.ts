// What a bundled bin loaded, for the start-up tests of the packages that ship one (cli, mcp).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The modules behind the file URLs a process loaded: a file of the bundled bin (`dist/bin.js`,
 * `dist/chunks/*`) stands for the modules esbuild put into it (`dist/bin.meta.json`, written by
 * `scripts/bundle-bin.mjs`), as absolute paths; any other URL is kept as it is. `bin` is the bundled
 * bin's path (`<package>/dist/bin.js`); without a `bin.meta.json` beside it every URL is kept as it is.
 * Lets a start-up test ask "was package X loaded?" of a bin that loads X from inside its own chunks.
 */
export function bundledModules(urls: string[], bin: string): string[] {
  const dist = dirname(bin);
  const metaFile = join(dist, "bin.meta.json");
  const meta = existsSync(metaFile) ? (JSON.parse(readFileSync(metaFile, "utf8")) as Record<string, string[]>) : {};
  return urls.flatMap((url) => {
    const inputs = url.startsWith("file:") ? meta[relative(dist, fileURLToPath(url))] : undefined;
    return inputs ? [url, ...inputs.map((input) => resolve(dist, "..", input))] : [url];
  });
}
