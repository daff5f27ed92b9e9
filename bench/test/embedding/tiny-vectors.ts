import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Four words in frequency order with 2-d vectors, in the wink file format. */
export const TINY = { the: [1, 0], cat: [0, 1], kitten: [0.2, 1], stock: [1, 1] } as const;

/** Writes {@link TINY} as a wink-format file (components, L2 norm, rank) and returns its path and a cleanup. */
export function tinyVectorsFile(rows: Readonly<Record<string, readonly number[]>> = TINY): {
  path: string;
  remove: () => void;
} {
  const dir = mkdtempSync(join(tmpdir(), "sif-"));
  const words = Object.keys(rows);
  const vectors = Object.fromEntries(words.map((w, r) => [w, [...(rows[w] ?? []), Math.hypot(...(rows[w] ?? [])), r]]));
  const path = join(dir, "vectors.json");
  writeFileSync(
    path,
    JSON.stringify({ precision: 8, l2NormIndex: 2, wordIndex: 3, size: words.length, dimensions: 2, words, vectors }),
  );
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** SIF weight a / (a + p) of the word at 0-based rank r of 4, with Zipf's p = 1 / ((r + 1) · H_4), written out. */
export const tinyWeight = (r: number, a = 1e-3): number => a / (a + 1 / ((r + 1) * (1 + 1 / 2 + 1 / 3 + 1 / 4)));
