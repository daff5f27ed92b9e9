import type { MemoryManager } from "@cortex-mem/core";
import { addRequestFromWire } from "@cortex-mem/core/wire";
import type { McpMemoryGraph } from "../input/mcp-memory.js";
import { observationContent, parseMcpMemoryGraph, relationContent } from "../input/mcp-memory.js";
import { readTextFile } from "../input/read-text.js";
import type { ActionInput } from "../runtime/context.js";
import { outputFor, withMemory } from "../runtime/context.js";
import { createProgress } from "../runtime/progress.js";
import type { Progress } from "../runtime/progress.js";
import type { ScopeFlags } from "./scope-flags.js";
import { requireScopeFlags, wireScope } from "./scope-flags.js";

/** What an MCP memory import did. */
export interface McpImportSummary {
  entities: number;
  relations: number;
  imported: number;
  skipped: number;
}

/** Adds one batch verbatim (no LLM) through core; exact duplicates come back as NONE. */
async function addVerbatim(
  memory: MemoryManager,
  contents: string[],
  scope: Record<string, string>,
  metadata: Record<string, unknown>,
): Promise<number> {
  const { input, options } = addRequestFromWire({
    messages: contents.map((content) => ({ role: "user", content })),
    ...scope,
    metadata,
    infer: false,
  });
  const result = await memory.add(input, options);
  return result.results.filter((r) => r.event !== "NONE").length;
}

async function importGraph(
  memory: MemoryManager,
  graph: McpMemoryGraph,
  scope: Record<string, string>,
  progress: Progress,
): Promise<McpImportSummary> {
  const total = graph.entities.reduce((n, e) => n + e.observations.length, 0) + graph.relations.length;
  const summary: McpImportSummary = {
    entities: graph.entities.length,
    relations: graph.relations.length,
    imported: 0,
    skipped: 0,
  };
  let done = 0;
  const count = (added: number, of: number): void => {
    summary.imported += added;
    summary.skipped += of - added;
    progress.update((done += of), total);
  };
  for (const entity of graph.entities) {
    const contents = [
      ...new Set(entity.observations.filter((o) => o.trim() !== "").map((o) => observationContent(entity, o))),
    ];
    if (contents.length === 0) continue;
    count(
      await addVerbatim(memory, contents, scope, {
        origin: "mcp-memory",
        entity: entity.name,
        entity_type: entity.entityType,
      }),
      contents.length,
    );
  }
  for (const relation of graph.relations) {
    const metadata = { origin: "mcp-memory", relation: relation.relationType, from: relation.from, to: relation.to };
    count(await addVerbatim(memory, [relationContent(relation)], scope, metadata), 1);
  }
  return summary;
}

/**
 * `cortex-mem import --from-mcp-memory memory.jsonl -u …`: every observation of an entity becomes
 * a memory `<entity>: <observation>`, every relation a memory `<from> <relation> <to>`, added
 * verbatim with metadata recording the origin. Re-running adds nothing (core's exact-duplicate dedup).
 */
export async function importMcpMemory({ args, opts }: ActionInput<ScopeFlags>): Promise<void> {
  const out = outputFor(opts);
  requireScopeFlags(opts, "import --from-mcp-memory");
  const file = args[0] as string;
  const graph = parseMcpMemoryGraph(await readTextFile(file));
  const progress = createProgress("import");
  const summary = await withMemory(opts, (m) => importGraph(m, graph, wireScope(opts), progress));
  const skippedLines = graph.skipped ? `; ${graph.skipped} lines of other types ignored` : "";
  progress.finish(
    `Imported ${summary.imported} memories (${summary.skipped} already present) from ${summary.entities} entities and ${summary.relations} relations${skippedLines}`,
  );
  if (out.json) await out.data(summary);
}
