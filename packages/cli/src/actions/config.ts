import { maskSecrets } from "@cortex-mem/core";
import { table, terminalWidth } from "../format/table.js";
import type { ActionInput } from "../runtime/context.js";
import { loadCliConfig, outputFor } from "../runtime/context.js";

const snake = (path: string): string => path.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Dotted leaves of a config object (arrays are leaves), in file order. */
function leaves(value: unknown, prefix = "", out: [string, unknown][] = []): [string, unknown][] {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) leaves(v, prefix ? `${prefix}.${k}` : k, out);
  } else out.push([prefix, value]);
  return out;
}

/**
 * `cortex-mem config`: the effective configuration with secrets masked, and for each value where
 * it came from (default, file, env or flag, and the Rust v1 key that set it). Keys are shown as in
 * the TOML file (snake_case).
 */
export async function run({ opts }: ActionInput): Promise<void> {
  const out = outputFor(opts);
  const loaded = loadCliConfig(opts);
  const rows = leaves(maskSecrets(loaded.config)).filter(([, v]) => v !== undefined);
  const values = rows.map(([path, value]) => {
    const v1Key = loaded.origins[path];
    return { key: snake(path), value, source: loaded.sources[path] ?? "default", ...(v1Key ? { v1_key: v1Key } : {}) };
  });
  await out.result({ file: loaded.file, values, warnings: loaded.warnings }, () => [
    `${out.c.bold("file")}  ${loaded.file ?? out.c.dim("(none: defaults and environment only)")}`,
    "",
    ...table(
      [{ header: "KEY" }, { header: "SOURCE", color: out.c.cyan }, { header: "VALUE" }],
      values.map((v) => [
        v.key,
        v.v1_key ? `${v.source} (v1 ${v.v1_key})` : v.source,
        typeof v.value === "string" ? v.value : JSON.stringify(v.value),
      ]),
      { width: terminalWidth() ?? 0, bold: out.c.bold },
    ),
  ]);
}
