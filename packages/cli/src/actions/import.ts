import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { countLines, readLines } from "../input/read-text.js";
import { createProgress } from "../runtime/progress.js";
import type { ScopeFlags } from "./scope-flags.js";
import { importMcpMemory } from "./import-mcp-memory.js";

type ImportFlags = ScopeFlags & { fromMcpMemory?: boolean; batchSize?: number };

/**
 * `cortex-mem import <file>`: reads a cortex-mem export (idempotent: known memories and history
 * rows are skipped), or with `--from-mcp-memory` the MCP memory server's knowledge graph.
 */
export async function run(input: ActionInput<ImportFlags>): Promise<void> {
  if (input.opts.fromMcpMemory) return importMcpMemory(input);
  const { args, opts } = input;
  const out = outputFor(opts);
  const file = args[0] as string;
  const total = await countLines(file);
  const lines = readLines(file);
  const progress = createProgress("import");
  const summary = await withMemory(opts, (m) =>
    m.import(lines, { ...(opts.batchSize ? { batchSize: opts.batchSize } : {}), onProgress: (p) => progress.update(p.lines, total) }),
  );
  progress.finish(`Imported ${summary.imported} memories (${summary.skipped} already present) from ${file === "-" ? "stdin" : file}`);
  if (out.json) await out.data(summary);
}
