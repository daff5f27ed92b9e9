/**
 * Fusion probe (issue 13): LoCoMo recall@10 of keyword only against fusions of BM25 with the local
 * vectors, per category and ingestion mode, through the library on the same store hits (captured
 * once per question, `locomo/fusion-capture.ts`). Reproduces the REST suite's figures for the
 * weighted sums. For tuning: `CORTEX_BENCH_LOCOMO_CONVS` picks the conversations (default 0,1,2,
 * the tuning half; the held-out half is for checking a finished candidate, in aggregate).
 *
 * Model mode: with `CORTEX_BENCH_EMBEDDING_BASE_URL` (and optionally `…_MODEL`, `…_API_KEY`, as the
 * locomo suite reads them) the vectors come from that OpenAI-compatible endpoint, and the variants
 * are the weighted sums at the vector weights of `CORTEX_BENCH_FUSION_WEIGHTS` (comma-separated,
 * default 0.05,0.1,0.2,0.3,0.4,0.6; the model-mode default is 0.01), for each family of
 * `CORTEX_BENCH_FUSION_FAMILIES` (default `weighted`; `min`, `median`, `min-both`: the vector part
 * normalised per query over the pool first, blind to the model's cosine offset and scale).
 *
 *   pnpm build && CORTEX_BENCH_LOCOMO=… node bench/dist/locomo-fusion-probe.js
 */
import { LOCOMO_PATH, loadLocomo, score } from "./locomo/data.js";
import type { RetrievalScores } from "./locomo/data.js";
import type { Capture } from "./locomo/fusion-capture.js";
import { captureHits } from "./locomo/fusion-capture.js";
import type { Fusion } from "./locomo/fusion-variants.js";
import {
  coverageGate,
  minMaxBoth,
  poolNormalised,
  rescue,
  rocchioHits,
  rrf,
  weighted,
} from "./locomo/fusion-variants.js";
import type { IngestMode } from "./locomo/rest-run.js";

const CATEGORIES = ["all", "cat 1", "cat 2", "cat 3", "cat 4"];

const LOCAL_VARIANTS: [string, Fusion][] = [
  ["weighted 0.05 (bench: local vectors 0.05/0.95)", weighted(0.05)],
  ["weighted 0.3", weighted(0.3)],
  ...[10, 60].flatMap((k) => [0.1, 0.3, 1].map((a): [string, Fusion] => [`rrf k ${k} α ${a}`, rrf(k, a)])),
  ...[0.3, 0.4, 0.5].flatMap((t) => [0.3, 0.6, 1].map((w): [string, Fusion] => [`rescue τ ${t} w ${w}`, rescue(t, w)])),
  ...[0.1, 0.5, 0.8, 1].map((w0): [string, Fusion] => [`coverage gate w0 ${w0}`, coverageGate(w0)]),
  ...[1, 2, 3].flatMap((b) =>
    [3, 4, 5].flatMap((m) =>
      [0.05, 0.075, 0.1].map((w): [string, Fusion] => [`rocchio β ${b} m ${m} w ${w}`, weighted(w, rocchioHits(b, m))]),
    ),
  ),
];

function evaluate(c: Capture, fuse: Fusion): RetrievalScores {
  const ranked = c.questions.map((q) =>
    fuse(q, c)
      .slice(0, 20)
      .map((id) => c.sources.get(id) ?? []),
  );
  return score(c.questions, ranked);
}

/** Of the evidence memories outside BM25's candidates, how many the vectors' candidates hold (above the noise floor). */
function headroom(c: Capture): string {
  let outside = 0;
  let inVectors = 0;
  const floor = c.weights.vectorFloor ?? 0;
  for (const q of c.questions) {
    const keyword = new Set(q.keyword.map((h) => h.id));
    const vector = new Set(q.vector.filter((h) => h.score > floor).map((h) => h.id));
    for (const id of c.byUser.get(`conv-${q.conv}`) ?? []) {
      if (keyword.has(id) || !(c.sources.get(id) ?? []).some((s) => q.evidence.has(s))) continue;
      outside++;
      if (vector.has(id)) inVectors++;
    }
  }
  const few = c.questions.filter((q) => q.keyword.length < 10).length;
  return `${c.mode}: ${few} questions with < 10 BM25 candidates; ${outside} evidence memories outside BM25's candidates, ${inVectors} of them among the vectors'`;
}

const baseUrl = process.env.CORTEX_BENCH_EMBEDDING_BASE_URL;
const endpoint = baseUrl
  ? {
      baseUrl,
      model: process.env.CORTEX_BENCH_EMBEDDING_MODEL ?? "text-embedding-3-small",
      apiKey: process.env.CORTEX_BENCH_EMBEDDING_API_KEY ?? "bench",
    }
  : undefined;
const modelWeights = (process.env.CORTEX_BENCH_FUSION_WEIGHTS ?? "0.05,0.1,0.2,0.3,0.4,0.6").split(",").map(Number);
// `CORTEX_BENCH_FUSION_FAMILIES` (model mode): `weighted` (rank's sum as it is), `min`, `median`
// (the cosines normalised per query over the pool first: `poolNormalised`), `min-both` (`minMaxBoth`); default weighted.
const families = (process.env.CORTEX_BENCH_FUSION_FAMILIES ?? "weighted").split(",");
const familyOf = (f: string, w: number): Fusion =>
  f === "min" || f === "median" ? weighted(w, poolNormalised(f)) : f === "min-both" ? minMaxBoth(w) : weighted(w);
const VARIANTS: [string, Fusion][] = endpoint
  ? families.flatMap((f) =>
      modelWeights.map((w): [string, Fusion] => [`model ${endpoint.model} ${f} ${w}`, familyOf(f, w)]),
    )
  : LOCAL_VARIANTS;

const data = loadLocomo();
if (!data) throw new Error(`${LOCOMO_PATH} not found (set CORTEX_BENCH_LOCOMO)`);
const convs = (process.env.CORTEX_BENCH_LOCOMO_CONVS ?? "0,1,2").split(",").map(Number);
const modes: IngestMode[] = ["session", "turn"];
const captures = await Promise.all(modes.map((m) => captureHits(data, m, convs, endpoint)));
const base = captures.map((c) => evaluate(c, weighted(0)));
console.log(
  `${endpoint ? `vectors from ${endpoint.baseUrl} (${endpoint.model})` : "local vectors"}; conversations ${convs.join(",")}; recall@10 per category (all, cat 1–4) and MRR (all), one add per session | per turn`,
);
console.log(captures.map(headroom).join("\n"));
const cells = (r: RetrievalScores, b?: RetrievalScores): string =>
  CATEGORIES.map((k) => {
    const v = r[k]?.r10 ?? 0;
    const d = b ? v - (b[k]?.r10 ?? 0) : 0;
    return `${v.toFixed(3)}${d < -1e-9 ? "!" : d > 1e-9 ? "+" : " "}`;
  }).join(" ") + ` mrr ${(r.all?.mrr ?? 0).toFixed(3)}`;
console.log(`${"keyword only".padEnd(48)} ${base.map((r) => cells(r)).join(" | ")}`);
for (const [name, fuse] of VARIANTS) {
  const rs = captures.map((c) => evaluate(c, fuse));
  const below = rs.reduce(
    (n, r, i) => n + CATEGORIES.filter((k) => (r[k]?.r10 ?? 0) < (base[i]?.[k]?.r10 ?? 0) - 1e-9).length,
    0,
  );
  console.log(`${name.padEnd(48)} ${rs.map((r, i) => cells(r, base[i])).join(" | ")}  below ${below}`);
}
