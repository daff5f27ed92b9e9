import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type * as Usearch from "usearch";

const require = createRequire(import.meta.url);
let loaded: typeof Usearch | undefined;
/** usearch's JavaScript module, loaded on first use so commands that never search do not pay for it. */
export function lib(): typeof Usearch {
  // usearch's ESM build cannot find its native binary under pnpm; its CommonJS build can.
  loaded ??= require("usearch") as typeof Usearch;
  return loaded;
}

/**
 * usearch's native index, below its JavaScript wrapper. The wrapper turns every vector into
 * float32, and the native float → int8 cast then truncates `x × 127 / ‖x‖`: at 1536-d the
 * components of a unit vector are ~±0.025, so codes of ±3 carry ~18% noise, and the graph built
 * and searched on them needed ef=256 for 0.98 recall. Given int8 codes (`vector-codes.ts`: scaled
 * by the largest component, rounded; ~1% noise), the native index stores them as they are. A
 * binary index (`b1`) is given float vectors: the native cast keeps one bit per component, `x > 0`.
 */
export interface NativeIndex {
  add(keys: BigUint64Array, vectors: Int8Array | Float32Array, threads: number): void;
  search(query: Int8Array | Float32Array, k: number, threads: number): [BigUint64Array, Float32Array, BigUint64Array];
  remove(keys: BigUint64Array): boolean[];
  contains(keys: BigUint64Array): boolean[];
  size(): number;
  connectivity(): number;
  save(path: string): void;
  load(path: string): void;
}
type NativeAddon = {
  CompiledIndex: new (
    dimensions: number,
    metric: string,
    quantization: string,
    connectivity: number,
    expansionAdd: number,
    expansionSearch: number,
    multi: boolean,
  ) => NativeIndex;
};
let addon: NativeAddon | undefined;
/** The addon the wrapper itself loads (same file, so the same module), found the way the wrapper finds it. */
export function native(): NativeAddon {
  if (addon) return addon;
  const main = require.resolve("usearch");
  let root = dirname(main);
  while (!existsSync(join(root, "prebuilds")) && !existsSync(join(root, "build")) && dirname(root) !== root)
    root = dirname(root);
  const build = createRequire(main)("node-gyp-build") as (dir: string) => NativeAddon;
  addon = build(root);
  return addon;
}
