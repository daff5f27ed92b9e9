import { sentences } from "../corpus.js";
import { tempHome } from "../home.js";
import { fmt, table } from "../stats.js";
import { fillHome, runProbe } from "./scale.js";
import type { ProbeResult } from "./scale.js";

/** What the probe reports of an analyze run. */
interface AnalyzeFigures {
  ms: number;
  scanned: number;
  issues: number;
  actions: number;
  byKind: Record<string, number>;
  llmCalls: number;
}

/** One size of the optimizer suite. */
export interface OptimizerAnalyzeRow {
  memories: number;
  analyze: AnalyzeFigures;
  rssMb: number;
}

/**
 * The optimizer's dry run (`full` strategy, rules only) over every memory of one user, in a probe
 * process: `memories` synthetic sentences of which one in twenty is a near-copy of another (a word
 * appended), so duplicate detection through the vector index has real work. Time and RSS of the
 * probe after the run.
 */
export async function optimizerAnalyze(sizes: number[]): Promise<OptimizerAnalyzeRow[]> {
  const rows: OptimizerAnalyzeRow[] = [];
  for (const memories of sizes) {
    const { home, remove } = tempHome(`analyze-${memories}`);
    const base = sentences(memories - Math.floor(memories / 20), 171);
    const copies = Array.from({ length: Math.floor(memories / 20) }, (_, i) => `${base[(i * 7) % base.length]} again`);
    await fillHome(home, [...base, ...copies], () => "bench");
    const result = (await runProbe(home, { analyze: { userId: "bench", strategy: "full" } })) as ProbeResult & {
      analyze: AnalyzeFigures;
      rssAfterAnalyzeMb: number;
    };
    remove();
    rows.push({ memories, analyze: result.analyze, rssMb: result.rssAfterAnalyzeMb });
  }
  table(
    "Optimizer analyze (dry run, strategy full, rules only, one user; probe process)",
    ["memories", "seconds", "scanned", "issues", "actions", "issues by kind", "RSS MB"],
    rows.map((r) => [
      r.memories,
      fmt(r.analyze.ms / 1000, 1),
      r.analyze.scanned,
      r.analyze.issues,
      r.analyze.actions,
      Object.entries(r.analyze.byKind)
        .map(([k, n]) => `${k} ${n}`)
        .join(", "),
      fmt(r.rssMb, 0),
    ]),
  );
  return rows;
}
