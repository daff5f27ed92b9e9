import { summarize, fmt, table } from "../stats.js";
import type { LocomoQuestion, RetrievalScores } from "../locomo/data.js";
import { LOCOMO_PATH, loadLocomo, score } from "../locomo/data.js";
import type { IngestMode, SystemUnderTest } from "../locomo/rest-run.js";
import { restRun } from "../locomo/rest-run.js";
import { LOCAL_BONUS, LOCAL_HYBRID, OFFLINE_DEFAULT, endpointSystem } from "../locomo/systems.js";

/** The two halves of the development split: tuned on, and never looked at while tuning. */
const SPLITS: [string, (conv: number) => boolean][] = [
  ["0–2 (tuned)", (c) => c <= 2],
  ["3–4 (held out)", (c) => c >= 3],
];
const CATEGORIES: [string, string][] = [
  ["all", "all"],
  ["cat 1", "multi-hop"],
  ["cat 2", "temporal"],
  ["cat 3", "open-domain"],
  ["cat 4", "single-hop"],
];
const MODES: [IngestMode, string][] = [
  ["session", "one add per session"],
  ["turn", "one add per turn"],
];

/** Scores of one system in one mode, per split. */
export type LocomoFigures = Record<string, Record<string, Record<string, RetrievalScores>>>;

function bySplit(questions: LocomoQuestion[], ranked: string[][][]): Record<string, RetrievalScores> {
  const out: Record<string, RetrievalScores> = {};
  for (const [name, keep] of SPLITS) {
    const idx = questions.map((q, i) => (keep(q.conv) ? i : -1)).filter((i) => i >= 0);
    if (idx.length)
      out[name] = score(
        idx.map((i) => questions[i] as LocomoQuestion),
        idx.map((i) => ranked[i] ?? []),
      );
  }
  return out;
}

/**
 * LoCoMo evidence recall through the REST service, both ingestion modes, per split and category:
 * the offline default (keyword only) against the local-vector hybrids (0.3/0.7 and 0.05/0.95), plus a real embedding
 * model when `CORTEX_BENCH_EMBEDDING_BASE_URL` names one. `CORTEX_BENCH_LOCOMO_CONVS`
 * (e.g. "0,1,2") limits the conversations, for tuning without looking at the held-out half.
 */
export async function locomoEval(): Promise<LocomoFigures | null> {
  const data = loadLocomo();
  if (!data) {
    console.log(`\n## LoCoMo: skipped, ${LOCOMO_PATH} not found`);
    return null;
  }
  const convs = process.env.CORTEX_BENCH_LOCOMO_CONVS?.split(",").map(Number);
  if (convs) data.questions = data.questions.filter((q) => convs.includes(q.conv));
  if (convs) data.sessions = data.sessions.map((s, i) => (convs.includes(i) ? s : []));
  const endpoint = endpointSystem();
  if ("skipped" in endpoint) console.log(`\nLoCoMo with an embedding model: skipped, ${endpoint.skipped}`);
  const systems: SystemUnderTest[] = [
    OFFLINE_DEFAULT,
    LOCAL_HYBRID,
    LOCAL_BONUS,
    ...("skipped" in endpoint ? [] : [endpoint]),
  ];
  const figures: LocomoFigures = {};
  const latency: (string | number)[][] = [];
  for (const [mode, label] of MODES) {
    figures[mode] = {};
    for (const system of systems) {
      const { ranked, searchMs } = await restRun(data, mode, system);
      (figures[mode] as Record<string, Record<string, RetrievalScores>>)[system.name] = bySplit(data.questions, ranked);
      const s = summarize(searchMs);
      latency.push([label, system.name, fmt(s.median), fmt(s.p99)]);
    }
    const rows: string[][] = [];
    for (const [split] of SPLITS) {
      for (const [key, name] of CATEGORIES) {
        const n = figures[mode]?.[OFFLINE_DEFAULT.name]?.[split]?.[key]?.n;
        if (!n) continue;
        rows.push([
          split,
          `${key === "all" ? "" : `${key} `}${name}`,
          String(n),
          ...systems.flatMap((sys) => {
            const r = figures[mode]?.[sys.name]?.[split]?.[key];
            return r ? [fmt(r.r5, 3), fmt(r.r10, 3), fmt(r.r20, 3), fmt(r.mrr, 3)] : ["n/a", "n/a", "n/a", "n/a"];
          }),
        ]);
      }
    }
    const header = [
      "split",
      "category",
      "n",
      ...systems.flatMap((s, i) => [`${i === 0 ? "" : `[${i}] `}${s.name} r@5`, "r@10", "r@20", "MRR"]),
    ];
    table(`LoCoMo evidence recall through REST, ${label} (infer off, limit 20)`, header, rows);
  }
  table("LoCoMo search round trip through REST (ms, client side)", ["mode", "system", "p50", "p99"], latency);
  hybridVersusKeyword(figures, systems.slice(1));
  return figures;
}

/** Issue 13's "hybrid never below keyword only": recall@10 of each hybrid minus keyword only, per mode, split and category. */
function hybridVersusKeyword(figures: LocomoFigures, hybrids: SystemUnderTest[]): void {
  const rows: string[][] = [];
  for (const [mode, label] of MODES)
    for (const [split] of SPLITS)
      for (const [key, name] of CATEGORIES) {
        const base = figures[mode]?.[OFFLINE_DEFAULT.name]?.[split]?.[key];
        if (!base) continue;
        rows.push([
          label,
          split,
          `${key === "all" ? "" : `${key} `}${name}`,
          fmt(base.r10, 3),
          ...hybrids.map((sys) => {
            const r = figures[mode]?.[sys.name]?.[split]?.[key];
            if (!r) return "n/a";
            const d = r.r10 - base.r10;
            return `${d >= 0 ? "+" : "−"}${fmt(Math.abs(d), 3)}${d < -1e-9 ? " below" : ""}`;
          }),
        ]);
      }
  table(
    "LoCoMo recall@10: each hybrid minus keyword only (issue 13: never below)",
    ["mode", "split", "category", "keyword only r@10", ...hybrids.map((s) => s.name)],
    rows,
  );
}
