import { CortexMemError, ErrorCode } from "@cortex-mem/core";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { countLines, readLines } from "../input/read-text.js";
import { createProgress } from "../runtime/progress.js";
import type { ScopeFlags } from "./scope-flags.js";
import { importMcpMemory } from "./import-mcp-memory.js";

type ImportFlags = ScopeFlags & { fromMcpMemory?: boolean; batchSize?: number; skipInvalid?: boolean };

/**
 * `cortex-mem import <file>`: reads a cortex-mem export (idempotent: known memories and history
 * rows are skipped), or with `--from-mcp-memory` the MCP memory server's knowledge graph. Every
 * record is validated first: an invalid one aborts before anything is written (exit 3, each
 * problem with its line and field); `--skip-invalid` imports the rest and still exits 3.
 */
export async function run(input: ActionInput<ImportFlags>): Promise<void> {
  if (input.opts.fromMcpMemory) return importMcpMemory(input);
  const { args, opts } = input;
  const out = outputFor(opts);
  const file = args[0] as string;
  const total = await countLines(file);
  // A file is read twice (validate, then write) rather than held in memory; stdin is read once.
  const lines = file === "-" ? readLines(file) : () => readLines(file);
  const progress = createProgress("import");
  const summary = await withMemory(opts, (m) =>
    m.import(lines, {
      ...(opts.batchSize ? { batchSize: opts.batchSize } : {}),
      ...(opts.skipInvalid ? { skipInvalid: true } : {}),
      onProgress: (p) => progress.update(p.lines, total),
    }),
  );
  const invalid = summary.invalid > 0 ? `, ${summary.invalid} invalid and not imported` : "";
  progress.finish(
    `Imported ${summary.imported} memories (${summary.skipped} already present${invalid}) from ${file === "-" ? "stdin" : file}`,
  );
  if (out.json) await out.data(summary);
  if (summary.invalid > 0) {
    throw new CortexMemError(ErrorCode.VALIDATION, `${summary.invalid} invalid lines were skipped`, {
      details: summary.issues.map((i) => ({
        path: `line ${i.line}${i.path ? `: ${i.path}` : ""}`,
        message: i.message,
      })),
    });
  }
}
