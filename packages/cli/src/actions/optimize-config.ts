import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";

const snake = (k: string): string => k.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `cortex-mem optimize-config --show`: the `[optimizer]` settings and where each came from. */
export async function run({ opts }: ActionInput): Promise<void> {
  const out = outputFor(opts);
  const loaded = loadCliConfig(opts);
  const values = Object.entries(loaded.config.optimizer).map(([k, v]) => ({
    key: `optimizer.${snake(k)}`,
    value: v,
    source: loaded.sources[`optimizer.${k}`] ?? "default",
  }));
  await out.result({ file: loaded.file, values }, () =>
    values.map((v) => `${v.key.padEnd(36)} ${String(v.value).padEnd(8)} ${v.source}`),
  );
}
