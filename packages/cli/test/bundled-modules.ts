import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The modules behind the file URLs a process loaded: a file of the bundled bin (`dist/bin.js`,
 * `dist/chunks/*`) stands for the modules esbuild put into it (`dist/bin.meta.json`, written by
 * `scripts/bundle-bin.mjs`), as absolute paths; any other URL is kept as it is.
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
